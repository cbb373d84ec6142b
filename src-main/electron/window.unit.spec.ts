/** The desk window's options and its refusals, on the electron stand-in. */
import { BrowserWindow, type WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { deskWindowOptions, hardenWebContents } from './window.js';
import { standIn, type StandInWebContents } from '../../test/support/electron-stand-in.js';
import { silentLog } from '../../test/support/recording-desk-core.js';

beforeEach(() => standIn.reset());

describe('deskWindowOptions', () => {
  const { webPreferences } = deskWindowOptions('/app/out/preload/preload.cjs', false);

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['devTools', false],
  ] as const)('sets %s to %s explicitly', (flag, value) => {
    expect(webPreferences).toHaveProperty(flag, value);
  });

  it('loads only our preload, and enables no Blink features', () => {
    expect(webPreferences?.preload).toBe('/app/out/preload/preload.cjs');
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences).not.toHaveProperty('additionalArguments');
    expect(webPreferences).not.toHaveProperty('partition');
  });

  it('keeps dev tools for development builds only', () => {
    expect(deskWindowOptions('/p', true).webPreferences?.devTools).toBe(true);
  });
});

describe('hardenWebContents', () => {
  const harden = () => {
    const window = new BrowserWindow(deskWindowOptions('/p', false));
    const log = silentLog();
    hardenWebContents(window.webContents, {
      openExternal: (url) => {
        standIn.state.openedExternally.push(url);
        return Promise.resolve();
      },
      log,
    });
    return { contents: window.webContents as unknown as StandInWebContents & WebContents, log };
  };

  it.each(['https://evil.example/', 'app://desk/other.html', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank'])(
    'refuses to navigate the window to %s',
    (url) => {
      const { contents } = harden();
      contents.mainFrame.url = 'app://desk/index.html';
      const event = contents.navigate(url);
      expect(event.defaultPrevented).toBe(true);
      expect(contents.getURL()).toBe('app://desk/index.html');
    },
  );

  it('sends a clicked http(s) link to the system browser, and nothing else', () => {
    const { contents, log } = harden();
    contents.navigate('https://www.example.com/help');
    contents.navigate('file:///etc/passwd');
    contents.navigate('smb://server/share');
    expect(standIn.state.openedExternally).toEqual(['https://www.example.com/help']);
    expect(log.lines.filter((line) => line.startsWith('WARN'))).toHaveLength(2);
  });

  it('refuses navigation in a sub-frame without opening anything', () => {
    const { contents } = harden();
    expect(contents.navigate('https://www.example.com/', false).defaultPrevented).toBe(true);
    expect(standIn.state.openedExternally).toEqual([]);
  });

  it.each([
    ['https://www.example.com/', ['https://www.example.com/']],
    ['http://example.com/a', ['http://example.com/a']],
    ['app://desk/index.html', []],
    ['file:///C:/Windows/System32/calc.exe', []],
    ['javascript:alert(1)', []],
    ['ms-settings:privacy', []],
    ['about:blank', []],
  ])('denies window.open(%s); opens externally %j', (url, opened) => {
    const { contents } = harden();
    expect(contents.open(url)).toEqual({ action: 'deny' });
    expect(standIn.state.openedExternally).toEqual(opened);
  });

  it('refuses redirects and <webview>', () => {
    const { contents } = harden();
    const redirect = { url: 'https://evil.example/', defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const attach = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });
});
