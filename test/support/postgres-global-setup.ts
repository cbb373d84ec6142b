/**
 * Vitest globalSetup of the tiers that use PostgreSQL: one embedded cluster for the whole run,
 * its admin URL handed to tests with provide/inject; each suite makes its own database in it.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    hqPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startEmbeddedPostgres();
  project.provide('hqPostgresUrl', postgres.adminUrl);
  return () => postgres.stop();
}
