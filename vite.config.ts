/**
 * One config for the builds and the tests.
 *
 * Tests are split into tiers by file name, one Vitest project each:
 *   *.unit.spec.ts   pure code, no I/O beyond temp files          (npm run test:unit)
 *   *.int.spec.ts    real SQLite files, real processes and HTTP   (npm run test:int)
 *   *.crash.spec.ts  child processes killed with SIGKILL          (npm run test:crash)
 *   *.dom.spec.tsx   renderer components and bridges in jsdom      (npm run test:dom)
 *   *.e2e.spec.ts    the real browser host driven by chromium      (npm run test:e2e)
 * Main-process tests import `electron` as test/support/electron-stand-in.ts (the real package
 * only works inside Electron).
 *
 * The build (`vite build`, Vite's Environment API) makes four outputs under out/:
 *   renderer/  the React UI (root src-renderer, base './' so it loads from app:// and from http)
 *   main/      the Electron main process, one CJS file (electron, better-sqlite3 and Node external)
 *   deferred-build/  the thread a joining desk builds its read models on: one CJS file (better-sqlite3 and Node external)
 *   preload/   the sandboxed preload: ONE CJS file whose only require is electron
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { EnvironmentOptions } from 'vite';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const sources = ['shared', 'src-node', 'src-main', 'src-server', 'src-renderer', 'test', 'bench', '.eslint-plugin-local'];
const tier = (name: string): string[] => sources.map((folder) => `${folder}/**/*.${name}.spec.ts`);

const outDir = path.join(root, 'out');
const electronStandIn = { electron: path.join(root, 'test/support/electron-stand-in.ts') };

/** A Node-side bundle for Electron: CommonJS, with what must stay a real `require` left external. */
const electronEnvironment = (name: 'main' | 'deferred-build' | 'preload', entry: string, external: (string | RegExp)[]): EnvironmentOptions => ({
  consumer: 'server',
  // Everything is bundled but what `external` names. The preload runs sandboxed, where `require`
  // knows only electron; main loads better-sqlite3's native module and Node's built-ins.
  resolve: { noExternal: true },
  build: {
    ssr: path.join(root, entry),
    outDir: path.join(outDir, name),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: name === 'main',
    rolldownOptions: {
      external,
      output: { format: 'cjs', entryFileNames: `${name}.cjs` },
    },
  },
});

export default defineConfig({
  root: path.join(root, 'src-renderer'),
  base: './',
  plugins: [react()],
  builder: {},
  environments: {
    client: { build: { outDir: path.join(outDir, 'renderer'), emptyOutDir: true } },
    main: electronEnvironment('main', 'src-main/electron/main.ts', ['electron', 'better-sqlite3', /^node:/, ...builtinModules]),
    // the thread a joining desk builds its read models on (store/deferred-build-thread.ts)
    deferredBuild: electronEnvironment('deferred-build', 'src-main/core/deferred-build-entry.ts', ['better-sqlite3', /^node:/, ...builtinModules]),
    preload: electronEnvironment('preload', 'src-main/electron/preload.ts', ['electron']),
  },
  test: {
    reporters: ['default', './test/support/tier-timing-reporter.ts'],
    projects: [
      {
        resolve: { alias: electronStandIn },
        test: {
          name: 'unit',
          root,
          include: tier('unit'),
          environment: 'node',
        },
      },
      {
        resolve: { alias: electronStandIn },
        test: {
          name: 'int',
          root,
          include: tier('int'),
          environment: 'node',
          // one embedded PostgreSQL for the tier; suites get its URL with inject('hqPostgresUrl')
          globalSetup: ['./test/support/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'crash',
          root,
          include: tier('crash'),
          environment: 'node',
          globalSetup: ['./test/support/postgres-global-setup.ts'],
          testTimeout: 300_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          root,
          include: ['src-renderer/**/*.dom.spec.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src-renderer/testing/dom-setup.ts'],
          // Whole screens in jsdom, beside the other tiers on two cores: seconds, not milliseconds.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: tier('e2e'),
          environment: 'node',
          globalSetup: ['test/e2e/build-renderer.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
