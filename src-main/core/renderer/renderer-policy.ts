/**
 * What both hosts (the desk window's app:// protocol and the browser host) say about the built
 * renderer they serve: its Content-Security-Policy and the content types of its files. One place,
 * so the two hosts cannot drift apart; electron/ and web/ may not import each other.
 */

/**
 * No inline script or style, nothing from another origin, no frames, plugins or workers, no forms
 * posting anywhere. `connect`: where the page may send requests — nowhere in the desk window (it
 * talks over IPC only), its own origin in the browser host (fetch for RPC, EventSource for notices).
 */
export const rendererCsp = (connect: "'none'" | "'self'"): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "worker-src 'none'",
  ].join('; ');

/** The file types a renderer build contains; anything else is not served. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
