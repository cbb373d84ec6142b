/**
 * `npm start` where Electron cannot run: it must say so, say how to use `npm run desk:web`
 * instead, and exit with a failure code. (Here Electron's binary is never installed: `npm install`
 * skips its download, and DESK_ELECTRON_DOWNLOAD=never keeps the test from fetching it.)
 */
import { describe, expect, it } from 'vitest';
import { runTs } from '../support/child-process.js';

const withoutDisplay = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const copy = { ...process.env, ...env };
  delete copy.DISPLAY;
  delete copy.WAYLAND_DISPLAY;
  return copy;
};

describe('npm start where the desk window cannot open', () => {
  it.runIf(process.platform === 'linux')('without a display: says so, points to desk:web, exits 1', async () => {
    const result = await runTs('src-main/start.ts', [], withoutDisplay({ DESK_ELECTRON_DOWNLOAD: 'never' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot start here: there is no graphical display/);
    expect(result.stderr).toMatch(/npm run desk:web -- --data .data\/desk --port 0/);
  });

  it("without Electron's binary (and no download allowed): says so, points to desk:web, exits 1", async () => {
    const result = await runTs('src-main/start.ts', ['--demo'], {
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist',
      DESK_ELECTRON_DOWNLOAD: 'never',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Electron's binary is not installed/);
    expect(result.stderr).toMatch(/npm run desk:web/);
  });
});
