/**
 * The desk window and what it may do: every web preference that matters for security set
 * explicitly, navigation and new windows refused (http(s) links go to the system browser),
 * <webview> refused, redirects refused.
 */
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import type { Log } from './log.js';
import { externalHttpUrl } from './trusted-url.js';

export const deskWindowOptions = (preload: string, devTools: boolean): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 800,
  minWidth: 960,
  minHeight: 640,
  show: false,
  backgroundColor: '#f5f6f8',
  title: 'clinic-desk',
  webPreferences: {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  },
});

export interface HardeningDeps {
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: Log;
}

/** Installs the refusals on one WebContents (the desk window's, or any other that appears). */
export const hardenWebContents = (contents: WebContents, { openExternal, log }: HardeningDeps): void => {
  const sendOut = (url: string, how: string): void => {
    const external = externalHttpUrl(url);
    if (external === null) {
      log.warn(`${how} refused: ${JSON.stringify(url)} is not an http(s) link`);
      return;
    }
    log.info(`${how}: opening ${external} in the system browser`);
    openExternal(external).catch((error: unknown) => log.warn(`could not open ${external}: ${String(error)}`));
  };

  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url, 'window.open');
    return { action: 'deny' };
  });
  // Electron emits will-frame-navigate first, for every frame, and stops there when it is
  // prevented; will-navigate (main frame only) is refused too in case it ever comes alone.
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    if (event.isMainFrame) sendOut(event.url, 'navigation');
    else log.warn(`frame navigation refused: ${JSON.stringify(event.url)}`);
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log.warn(`redirect refused: ${JSON.stringify(event.url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('<webview> refused');
  });
};
