/**
 * Vitest globalSetup of the tiers that use PostgreSQL: one embedded cluster for the whole run,
 * its admin URL handed to tests with provide/inject; each suite makes its own database in it.
 * The cluster lives in a child process (see postgres-process.ts for why).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresProcess } from './postgres-child.js';

declare module 'vitest' {
  export interface ProvidedContext {
    hqPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgresProcess();
  project.provide('hqPostgresUrl', postgres.adminUrl);
  return () => postgres.stop();
}
