/**
 * SecretStore for the desk app: each secret (the HQ token) encrypted with Electron's safeStorage
 * (Keychain, DPAPI, libsecret/kwallet) in `<userData>/secrets/<name>.bin`, mode 0600.
 *
 * Without an OS key store nothing is written: a saved secret is kept in this process's memory for
 * the rest of the session only (load returns it until the app quits), with a warning in the desk
 * log, and must be given again at the next start (--token-file or DESK_HQ_TOKEN). It is never kept
 * in plain text on disk. That applies to every save, from the command line or from sync.configure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/desk-core-api.js';
import type { Log } from './log.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

const fileOf = (dir: string, name: string): string => {
  if (!NAME.test(name)) throw new Error(`invalid secret name ${JSON.stringify(name)}`);
  return path.join(dir, `${name}.bin`);
};

/** Why safeStorage cannot encrypt, for the log; never the secret. */
const noKeyStoreReason = (safeStorage: SafeStorage): string => {
  if (process.platform !== 'linux') return 'safeStorage reports encryption unavailable';
  try {
    return `safeStorage reports encryption unavailable (Linux storage backend: ${safeStorage.getSelectedStorageBackend()})`;
  } catch {
    return 'safeStorage reports encryption unavailable';
  }
};

export const createSafeStorageSecretStore = (safeStorage: SafeStorage, dir: string, log: Log): SecretStore => {
  /** Secrets saved while no OS key store was available: this session only, never on disk. */
  const sessionOnly = new Map<string, string>();
  return {
    keptIn: (name) => (sessionOnly.has(name) ? 'session' : fs.existsSync(fileOf(dir, name)) ? 'keystore' : null),
    load: (name) => {
      const file = fileOf(dir, name);
      const kept = sessionOnly.get(name);
      if (kept !== undefined) return kept;
      if (!fs.existsSync(file)) return null;
      if (!safeStorage.isEncryptionAvailable()) {
        log.warn(`secret ${name}: no OS key store available, cannot decrypt`);
        return null;
      }
      try {
        return safeStorage.decryptString(fs.readFileSync(file));
      } catch (error) {
        log.warn(`secret ${name}: cannot decrypt (${String(error)})`);
        return null;
      }
    },
    save: (name, value) => {
      const file = fileOf(dir, name);
      if (value === null) {
        sessionOnly.delete(name);
        fs.rmSync(file, { force: true });
        return;
      }
      if (!safeStorage.isEncryptionAvailable()) {
        // An encrypted copy from an earlier session is superseded: it must not come back next time.
        fs.rmSync(file, { force: true });
        sessionOnly.set(name, value);
        log.warn(
          `secret ${name}: no OS key store is available (${noKeyStoreReason(safeStorage)}); ` +
            'kept in memory for this session only, never written to disk. ' +
            'Give it again at the next start (--hq with --token-file or DESK_HQ_TOKEN).',
        );
        return;
      }
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        log.warn(`secret ${name}: no desktop key store found, Electron's basic_text obfuscation only`);
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, safeStorage.encryptString(value), { mode: 0o600 });
      fs.renameSync(temporary, file);
      sessionOnly.delete(name);
    },
  };
};
