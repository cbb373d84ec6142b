/**
 * One config for the builds and the tests.
 *
 * Tests are split into tiers by file name, one Vitest project each:
 *   *.unit.spec.ts   pure code, no I/O beyond temp files          (npm run test:unit)
 *   *.int.spec.ts    real SQLite files, real processes and HTTP   (npm run test:int)
 *   *.crash.spec.ts  child processes killed with SIGKILL          (npm run test:crash)
 *   *.dom.spec.tsx   renderer components and bridges in jsdom      (npm run test:dom)
 *
 * The build (`vite build`, Vite's Environment API) makes its outputs under out/:
 *   renderer/  the React UI (root src-renderer, base './' so it loads from app:// and from http)
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const sources = ['shared', 'src-main', 'src-server', 'test', '.eslint-plugin-local'];
const tier = (name: string): string[] => sources.map((folder) => `${folder}/**/*.${name}.spec.ts`);

const outDir = path.join(root, 'out');

export default defineConfig({
  root: path.join(root, 'src-renderer'),
  base: './',
  plugins: [react()],
  builder: {},
  environments: {
    client: { build: { outDir: path.join(outDir, 'renderer'), emptyOutDir: true } },
  },
  test: {
    reporters: ['default', './test/support/tier-timing-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: tier('unit'),
          environment: 'node',
        },
      },
      {
        test: {
          name: 'int',
          root,
          include: tier('int'),
          environment: 'node',
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
        },
      },
    ],
  },
});
