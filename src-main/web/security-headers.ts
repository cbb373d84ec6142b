import { rendererCsp } from '../core/renderer/renderer-policy.js';

/**
 * Headers on every response of the browser host. The CSP matches the desk window's except that
 * the page may connect to its own origin (fetch for RPC, EventSource for notices).
 */
export const WEB_CSP = rendererCsp("'self'");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': WEB_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
  'Cache-Control': 'no-store',
};
