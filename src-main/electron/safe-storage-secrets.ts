/**
 * SecretStore for the desk app: each secret (the HQ token) encrypted with Electron's safeStorage
 * (Keychain, DPAPI, libsecret/kwallet) in `<userData>/secrets/<name>.bin`, mode 0600. Without an
 * OS key store nothing is written: the token is then only as good as the command line that gave
 * it, never kept in plain text.
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

export const createSafeStorageSecretStore = (safeStorage: SafeStorage, dir: string, log: Log): SecretStore => ({
  load: (name) => {
    const file = fileOf(dir, name);
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
      fs.rmSync(file, { force: true });
      return;
    }
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('No OS key store is available to keep the HQ token; give it at start (--token-file or DESK_HQ_TOKEN) instead');
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      log.warn(`secret ${name}: no desktop key store found, Electron's basic_text obfuscation only`);
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, safeStorage.encryptString(value), { mode: 0o600 });
    fs.renameSync(temporary, file);
  },
});
