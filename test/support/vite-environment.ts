/**
 * One environment of vite.config.ts built as `npm run build` builds it, into a folder of its own
 * inside the repository (so that a bundle's require('better-sqlite3') finds node_modules).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createBuilder } from 'vite';
import { REPO_ROOT } from './child-process.js';

/** A new folder under node_modules/.cache/clinic-desk; the caller removes it. */
export const repoScratchDir = (label: string): string => {
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache', 'clinic-desk');
  fs.mkdirSync(cache, { recursive: true });
  return fs.mkdtempSync(path.join(cache, `${label}-`));
};

export const buildEnvironment = async (name: string, outDir: string): Promise<void> => {
  const builder = await createBuilder({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    environments: { [name]: { build: { outDir } } },
  });
  const environment = builder.environments[name];
  if (!environment) throw new Error(`vite.config.ts has no ${name} environment`);
  await builder.build(environment);
};
