import { rendererCsp } from '../core/renderer/renderer-policy.js';

/**
 * The Content-Security-Policy of the desk window. No inline script or style, nothing from another
 * origin, no network at all from the page (it talks to the desk over IPC only), no frames, no
 * plugins, no forms posting anywhere. src-renderer/index.html carries a meta policy too, which
 * allows `connect-src 'self'` for the browser host; both apply, so the stricter one wins here.
 */
export const DESK_WINDOW_CSP = rendererCsp("'none'");
