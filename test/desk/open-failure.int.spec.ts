/**
 * A desk that fails to open (here: its HQ token cannot be kept) rejects, and leaves nothing
 * behind: no timer keeping the process alive or firing on a closed database, and a data folder
 * another open can take.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDeskCore, type SecretStore } from '../../src-main/core/desk-core.js';
import { memorySecrets } from '../support/desk-harness.js';
import { tempDir } from '../support/tab-desk.js';

const refusingSecrets: SecretStore = {
  keptIn: () => null,
  load: () => null,
  save: () => {
    throw new Error('the keystore refused the token');
  },
};

afterEach(() => {
  vi.useRealTimers();
});

describe('openDeskCore when opening fails', () => {
  it('rejects, stops its idle check and releases the data folder', async () => {
    const dataDir = tempDir('desk-open-failure');
    try {
      // Only intervals are faked: the idle check is the desk's one interval, so any left is a leak.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      await expect(
        openDeskCore({ dataDir, appVersion: '0.1.0', secrets: refusingSecrets, hq: { url: 'http://127.0.0.1:9/', token: 'token-of-sixteen-chars' } }),
      ).rejects.toThrow('the keystore refused the token');
      expect(vi.getTimerCount()).toBe(0);
      vi.useRealTimers();

      const again = await openDeskCore({ dataDir, appVersion: '0.1.0', secrets: memorySecrets() });
      expect((await again.invoke('desk.status', {})).ok).toBe(true);
      await again.close({ syncTimeoutMs: 0 });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
