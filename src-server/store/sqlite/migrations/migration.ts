import type { HqSqlite } from '../open-sqlite.js';

/** One numbered step of HQ's SQLite schema. Released migrations never change. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: HqSqlite) => void;
}
