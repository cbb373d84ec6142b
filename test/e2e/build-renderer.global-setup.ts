/**
 * Vitest globalSetup of the e2e tier: builds the renderer once (Vite's client environment) into a
 * temporary folder — never over out/ — and hands its path to the tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBuilder } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    rendererDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-renderer-'));
  const builder = await createBuilder({
    configFile: path.join(import.meta.dirname, '..', '..', 'vite.config.ts'),
    logLevel: 'warn',
    environments: { client: { build: { outDir } } },
  });
  const client = builder.environments.client;
  if (!client) throw new Error('vite.config.ts has no client environment');
  await builder.build(client);
  project.provide('rendererDir', outDir);
  return () => fs.rmSync(outDir, { recursive: true, force: true });
}
