import type { WritableDb } from './database.js';

/** One numbered step of a database's schema. Migrations never change once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: WritableDb) => void;
}
