/** The desk window's session: no permissions (camera, notifications, …), no downloads, our CSP on every response. */
import type { Session } from 'electron';
import { DESK_WINDOW_CSP } from './content-security.js';
import type { Log } from './log.js';

export const hardenSession = (session: Session, log: Log): void => {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`permission refused: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('download refused');
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESK_WINDOW_CSP] } });
  });
};
