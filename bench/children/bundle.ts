/**
 * Bundles a benchmark's child process the way the desk ships (one CommonJS file, better-sqlite3
 * and Node's built-ins left as requires), so a process that starts measures what a started desk
 * loads, not TypeScript being compiled on the fly.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'vite';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Inside the repository, so the bundle's require('better-sqlite3') finds node_modules. */
const OUT_DIR = path.join(REPO, 'node_modules', '.cache', 'clinic-bench');

export const bundleChild = async (entry: string): Promise<string> => {
  const name = path.basename(entry).replace(/\.ts$/, '');
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: path.resolve(entry),
      outDir: OUT_DIR,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rolldownOptions: {
        external: ['better-sqlite3', /^node:/, ...builtinModules],
        output: { format: 'cjs', entryFileNames: `${name}.cjs` },
      },
    },
  });
  return path.join(OUT_DIR, `${name}.cjs`);
};
