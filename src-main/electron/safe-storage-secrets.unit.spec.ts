import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { safeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore } from './safe-storage-secrets.js';
import { standIn } from '../../test/support/electron-stand-in.js';
import { silentLog } from '../../test/support/recording-desk-core.js';

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

  it('without an OS key store, keeps the token in memory for the session only: nothing on disk, a warning without the token', () => {
    const log = silentLog();
    const store = createSafeStorageSecretStore(safeStorage, path.join(dir, 'secrets'), log);
    standIn.state.encryptionAvailable = false;
    store.save('hq-token', TOKEN);
    expect(store.load('hq-token')).toBe(TOKEN);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(log.lines).toEqual([expect.stringMatching(/^WARN secret hq-token: no OS key store is available \(safeStorage reports encryption unavailable.*\); kept in memory for this session only/)]);
    expect(log.lines.join('\n')).not.toContain(TOKEN);
    // A new process has nothing: the token must be given again.
    expect(createSafeStorageSecretStore(safeStorage, path.join(dir, 'secrets'), silentLog()).load('hq-token')).toBeNull();
    store.save('hq-token', null);
    expect(store.load('hq-token')).toBeNull();
  });

  it('without an OS key store, a new token supersedes the encrypted one of an earlier session', () => {
    const secrets = path.join(dir, 'secrets');
    createSafeStorageSecretStore(safeStorage, secrets, silentLog()).save('hq-token', 'an-older-token-0123456789');
    standIn.state.encryptionAvailable = false;
    const store = createSafeStorageSecretStore(safeStorage, secrets, silentLog());
    store.save('hq-token', TOKEN);
    expect(store.load('hq-token')).toBe(TOKEN);
    expect(fs.readdirSync(secrets)).toEqual([]);
    // Once the key store is back, a save is encrypted on disk again, as usual.
    standIn.state.encryptionAvailable = true;
    store.save('hq-token', 'a-newer-token-0123456789');
    expect(createSafeStorageSecretStore(safeStorage, secrets, silentLog()).load('hq-token')).toBe('a-newer-token-0123456789');
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
