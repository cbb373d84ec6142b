/** One numbered step of HQ's PostgreSQL schema: plain SQL run in its own transaction. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
