import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { safeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore } from '../../src-main/electron/safe-storage-secrets.js';
import { standIn } from '../support/electron-stand-in.js';
import { silentLog } from '../support/recording-desk-core.js';

let dir: string;
beforeEach(() => {
  standIn.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'hq-token-0123456789abcdef';

describe('the safeStorage SecretStore', () => {
  it('keeps the HQ token encrypted, in a 0600 file, and reads it back', () => {
    const store = createSafeStorageSecretStore(safeStorage, path.join(dir, 'secrets'), silentLog());
    store.save('hq-token', TOKEN);
    const file = path.join(dir, 'secrets', 'hq-token.bin');
    expect(fs.readFileSync(file).includes(Buffer.from(TOKEN))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(store.load('hq-token')).toBe(TOKEN);
    store.save('hq-token', null);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.load('hq-token')).toBeNull();
  });

  it('refuses to write when no OS key store is available, rather than keep the token in plain text', () => {
    const store = createSafeStorageSecretStore(safeStorage, dir, silentLog());
    standIn.state.encryptionAvailable = false;
    expect(() => store.save('hq-token', TOKEN)).toThrow(/key store/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('answers null, with a warning, for a secret it cannot decrypt', () => {
    const log = silentLog();
    const store = createSafeStorageSecretStore(safeStorage, dir, log);
    fs.writeFileSync(path.join(dir, 'hq-token.bin'), 'garbage');
    expect(store.load('hq-token')).toBeNull();
    expect(log.lines[0]).toMatch(/cannot decrypt/);
  });

  it.each(['../escape', 'a/b', '', 'HQ', '.hidden'])('refuses the secret name %j', (name) => {
    const store = createSafeStorageSecretStore(safeStorage, dir, silentLog());
    expect(() => store.save(name, TOKEN)).toThrow(/invalid secret name/);
  });
});
