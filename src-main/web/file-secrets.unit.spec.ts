import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from './file-secrets.js';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-file-secrets-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the file SecretStore of the browser host', () => {
  it('keeps a secret in a 0600 file in a 0700 folder, replaces it, and deletes it', () => {
    const store = createFileSecretStore(path.join(dir, 'secrets'));
    expect(store.load('hq-token')).toBeNull();
    store.save('hq-token', 'first-token');
    store.save('hq-token', 'second-token');
    const file = path.join(dir, 'secrets', 'hq-token.secret');
    expect(store.load('hq-token')).toBe('second-token');
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['hq-token.secret']);
    store.save('hq-token', null);
    expect(store.load('hq-token')).toBeNull();
  });

  it('tightens a folder that was created too open', () => {
    if (process.platform === 'win32') return;
    const secrets = path.join(dir, 'secrets');
    fs.mkdirSync(secrets, { mode: 0o777 });
    fs.chmodSync(secrets, 0o777);
    createFileSecretStore(secrets).save('hq-token', 't');
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o700);
  });

  it.each(['../escape', 'a/b', '', 'HQ', '.hidden', 'a\\b'])('refuses the secret name %j', (name) => {
    expect(() => createFileSecretStore(dir).save(name, 't')).toThrow(/invalid secret name/);
  });
});
