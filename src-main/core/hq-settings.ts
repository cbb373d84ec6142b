/**
 * Where this desk syncs to. The address is plain configuration (store_meta); the token is a
 * secret and lives in the host's SecretStore (Electron safeStorage, or a 0600 file), never in
 * the database or an event.
 */
import type { SecretStore } from './desk-core-api.js';
import type { WritableDb } from '../../src-node/sqlite/database.js';
import { readMeta, writeMeta } from './store/store-meta.js';
import { writeTransaction } from '../../src-node/sqlite/database.js';

const HQ_URL = 'hq_url';
/** Set by the sync worker once its first pull from HQ completed. */
export const FIRST_PULL_DONE = 'first_pull_done';
export const HQ_TOKEN_SECRET = 'hq-token';

export interface HqSettings {
  readonly url: () => string | null;
  /** The device token, read from the SecretStore once and kept for the process. */
  readonly token: () => string | null;
  readonly tokenKeptIn: () => 'keystore' | 'file' | 'session' | null;
  readonly firstPullDone: () => boolean;
  readonly configure: (url: string, token: string) => void;
}

export const hqSettings = (db: WritableDb, secrets: SecretStore): HqSettings => {
  let token: string | null | undefined;
  return {
    url: () => readMeta(db, HQ_URL) ?? null,
    token: () => (token === undefined ? (token = secrets.load(HQ_TOKEN_SECRET)) : token),
    tokenKeptIn: () => secrets.keptIn(HQ_TOKEN_SECRET),
    firstPullDone: () => readMeta(db, FIRST_PULL_DONE) === '1',
    configure: (url, next) => {
      secrets.save(HQ_TOKEN_SECRET, next);
      token = next;
      writeTransaction(db, () => writeMeta(db, HQ_URL, url));
    },
  };
};
