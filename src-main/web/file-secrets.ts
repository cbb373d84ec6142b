/**
 * SecretStore for the browser host: one file per secret in `<data>/secrets/`, the folder 0700 and
 * each file 0600, replaced atomically. (The desk app uses Electron's safeStorage instead.)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/desk-core-api.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const createFileSecretStore = (dir: string): SecretStore => {
  const fileOf = (name: string): string => {
    if (!NAME.test(name)) throw new Error(`invalid secret name ${JSON.stringify(name)}`);
    return path.join(dir, `${name}.secret`);
  };
  return {
    keptIn: (name) => (fs.existsSync(fileOf(name)) ? 'file' : null),
    load: (name) => {
      try {
        return fs.readFileSync(fileOf(name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    save: (name, value) => {
      const file = fileOf(name);
      if (value === null) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dir, 0o700);
      const temporary = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(temporary, 'w', 0o600);
      try {
        fs.fchmodSync(fd, 0o600);
        fs.writeFileSync(fd, value, 'utf8');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, file);
    },
  };
};
