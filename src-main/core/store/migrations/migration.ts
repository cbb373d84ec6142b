import type { WritableDb } from '../sqlite.js';

/** One numbered step of the desk database's schema. Migrations never change once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: WritableDb) => void;
}
