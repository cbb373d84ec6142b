/**
 * npm run screenshots [-- --no-run]: runs the end-to-end tests (which save screenshots under
 * test-results/e2e/), then copies the main screens' shots — and the sync screens', whatever their
 * names — to docs/screens/ and rewrites the README's screens section to show them. With --no-run
 * it only copies what the last e2e run left. Exit codes: 0 done, 1 the e2e run failed or left no
 * shot (docs/screens/ untouched), 2 usage.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/child-process.js';
import { chooseShots, withScreensSection } from './readme-screens.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const TARGET = path.join(REPO_ROOT, 'docs', 'screens');
const README = path.join(REPO_ROOT, 'README.md');

const args = process.argv.slice(2);
if (args.some((arg) => arg !== '--no-run')) {
  console.error('usage: npm run screenshots [-- --no-run]');
  process.exit(2);
}

if (!args.includes('--no-run')) {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('screenshots: the e2e run failed; docs/screens/ is left as it was.');
    process.exit(1);
  }
}

const shots = chooseShots(fs.existsSync(SHOTS) ? fs.readdirSync(SHOTS) : []);
if (shots.length === 0) {
  console.error(`screenshots: no screenshot in ${path.relative(REPO_ROOT, SHOTS)}; run without --no-run first.`);
  process.exit(1);
}
fs.mkdirSync(TARGET, { recursive: true });
for (const old of fs.readdirSync(TARGET)) if (old.endsWith('.png')) fs.rmSync(path.join(TARGET, old));
for (const shot of shots) fs.copyFileSync(path.join(SHOTS, shot.file), path.join(TARGET, shot.file));
fs.writeFileSync(README, withScreensSection(fs.readFileSync(README, 'utf8'), shots));
console.log(`screenshots: ${shots.length} screens in docs/screens/, shown in README.md`);
