/**
 * The Content-Security-Policy of the desk window. No inline script or style, nothing from another
 * origin, no network at all from the page (it talks to the desk over IPC only), no frames, no
 * plugins, no forms posting anywhere. src-renderer/index.html carries a meta policy too, which
 * allows `connect-src 'self'` for the browser host; both apply, so the stricter one wins here.
 */
export const DESK_WINDOW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');
