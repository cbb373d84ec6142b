/**
 * The benchmarks' builds: children bundled the way the desk ships (one file, better-sqlite3 and
 * Node's built-ins left as requires), so a process that starts measures what a started desk
 * loads, not TypeScript being compiled on the fly; HQ's CLI bundled likewise; the board's page.
 *
 * Each build is kept in node_modules/.cache/clinic-bench with the digest of every file that went
 * into it, and is built again only when one of them changed: a build costs 1–5 s of CPU, which
 * the quick suite (under a minute) cannot spare on every run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { InlineConfig, Plugin } from 'vite';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Inside the repository, so the bundle's require('better-sqlite3') finds node_modules. */
const OUT_DIR = path.join(REPO, 'node_modules', '.cache', 'clinic-bench');

const digest = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** What a kept build was made from: each input file's digest, NODE_ENV (React's build depends on it), and the files it wrote. */
interface Inputs {
  readonly files: Record<string, string>;
  readonly nodeEnv: string;
  readonly outputs: readonly string[];
}

/** As the run was started: Vite's build sets NODE_ENV in this process while it runs. */
const NODE_ENV = process.env.NODE_ENV ?? '';

/** Files that say how every build compiles, besides its own modules. */
const SETTINGS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json'].map((file) => path.join(REPO, file));

const stillCurrent = (inputsFile: string): boolean => {
  try {
    const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as Inputs;
    return (
      inputs.nodeEnv === NODE_ENV &&
      inputs.outputs.length > 0 &&
      inputs.outputs.every((file) => fs.existsSync(file)) &&
      Object.entries(inputs.files).every(([file, hash]) => fs.existsSync(file) && digest(file) === hash)
    );
  } catch {
    return false; // none kept yet, or unreadable: build
  }
};

const building = new Map<string, Promise<void>>();

/**
 * Runs a Vite build unless the one kept under `name` was made from the same files: every module
 * it loaded (sources and node_modules alike, inlined or not), the files that say how it is built
 * (`recipe`: the build's own code, an HTML entry; package.json, package-lock.json, the tsconfigs),
 * the same NODE_ENV, and every file it wrote is still there.
 * Once per process and name.
 */
const cachedBuild = (name: string, recipe: readonly string[], configure: () => InlineConfig | Promise<InlineConfig>): Promise<void> => {
  let done = building.get(name);
  if (!done) {
    done = (async () => {
      const inputsFile = path.join(OUT_DIR, `${name}.inputs.json`);
      if (stillCurrent(inputsFile)) return;
      fs.rmSync(inputsFile, { force: true }); // a build that fails half-way is never taken as current
      const config = await configure();
      const { build } = await import('vite'); // loaded only to build: most runs find every build current
      // every module the build loaded, also those inlined or dropped as unused (a chunk's moduleIds leaves them out)
      let loaded: string[] = [];
      const recordInputs: Plugin = {
        name: 'clinic-bench-inputs',
        buildEnd() {
          loaded = [...this.getModuleIds()];
        },
      };
      const result = await build({ ...config, plugins: [...(config.plugins ?? []), recordInputs] });
      const written = (Array.isArray(result) ? result : [result]).flatMap((output) => ('output' in output ? output.output : []));
      const outputs = written.map((chunk) => path.resolve(config.build?.outDir ?? OUT_DIR, chunk.fileName));
      if (loaded.length === 0) throw new Error(`the ${name} build reported no modules: its inputs cannot be kept`);
      const files = [...new Set([...loaded.map((id) => id.split('?')[0] ?? id), ...recipe, import.meta.filename, ...SETTINGS])]
        .filter((file) => path.isAbsolute(file) && fs.existsSync(file))
        .sort();
      const inputs: Inputs = { files: Object.fromEntries(files.map((file) => [file, digest(file)])), nodeEnv: NODE_ENV, outputs };
      fs.writeFileSync(inputsFile, `${JSON.stringify(inputs, null, 1)}\n`);
    })();
    building.set(name, done);
  }
  return done;
};

type BundleOutput = { readonly format: 'cjs' | 'esm'; readonly entryFileNames: string; readonly codeSplitting?: false };

/**
 * A Node 20 bundle of `entry`: every dependency inside, but better-sqlite3 (native), `external`
 * and Node's built-ins, left as requires or imports.
 */
const nodeBundle = (entry: string, outDir: string, output: BundleOutput, external: readonly string[] = []): InlineConfig => ({
  configFile: false,
  logLevel: 'silent',
  ssr: { noExternal: true },
  build: {
    ssr: entry,
    outDir,
    // the children share the cache folder itself; HQ has a folder of its own
    emptyOutDir: outDir !== OUT_DIR,
    target: 'node20',
    minify: false,
    rolldownOptions: { external: ['better-sqlite3', ...external, /^node:/, ...builtinModules], output },
  },
});

export const bundleChild = async (entry: string): Promise<string> => {
  const name = path.basename(entry).replace(/\.ts$/, '');
  const file = path.join(OUT_DIR, `${name}.cjs`);
  await cachedBuild(name, [], () => nodeBundle(path.resolve(entry), OUT_DIR, { format: 'cjs', entryFileNames: `${name}.cjs` }));
  return file;
};

/**
 * HQ's CLI (`npm run hq`) as one ES module with its dependencies inside (better-sqlite3 and
 * Node's built-ins left as imports): it starts in about 0.6 s where the TypeScript CLI takes
 * 1.4 s, loading Fastify, pg and zod file by file. HQ finds its version in '../package.json'
 * beside its own folder, so a copy of the package file goes there.
 */
export const hqBundle = async (): Promise<string> => {
  const outDir = path.join(OUT_DIR, 'hq');
  // pg-native: pg's optional native driver, not installed and never asked for
  await cachedBuild('hq', [], () => nodeBundle(path.join(REPO, 'src-server', 'cli.ts'), outDir, { format: 'esm', entryFileNames: 'hq.mjs', codeSplitting: false }, ['pg-native']));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(OUT_DIR, 'package.json'));
  return path.join(outDir, 'hq.mjs');
};

/** A page built with Vite from `root` (its index.html) into the cache; returns the folder to serve. */
export const buildPage = async (name: string, root: string, config: () => Promise<Omit<InlineConfig, 'root' | 'build'>>, recipe: readonly string[]): Promise<string> => {
  const outDir = path.join(OUT_DIR, name);
  await cachedBuild(name, [path.join(root, 'index.html'), ...recipe], async () => ({
    ...(await config()),
    configFile: false,
    root,
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5_000 },
  }));
  return outDir;
};
