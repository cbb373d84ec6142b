/** Which database HQ uses: PostgreSQL when HQ_DATABASE_URL is set, else the SQLite file in the data folder. */
import type { HqStore } from './hq-store.js';

export interface StoreChoice {
  /** HQ_DATABASE_URL: postgres://… or postgresql://… */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly onBackgroundError?: (error: Error) => void;
  /** `hq serve`: on SQLite, hold the data folder's lock (a second serve is refused). PostgreSQL has no folder. */
  readonly exclusive?: boolean;
}

/** Loads only the driver in use, so a CLI command on SQLite does not load pg and the reverse. */
export const openHqStore = async (choice: StoreChoice): Promise<HqStore> => {
  const url = choice.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('HQ_DATABASE_URL must start with postgres:// or postgresql://');
    const { openPostgresHqStore } = await import('./postgres/postgres-hq-store.js');
    return openPostgresHqStore(url, choice.onBackgroundError ? { onBackgroundError: choice.onBackgroundError } : {});
  }
  const { openSqliteHqStore } = await import('./sqlite/sqlite-hq-store.js');
  return openSqliteHqStore(choice.dataDir, { exclusive: choice.exclusive ?? false });
};
