/**
 * `app://desk/…`: serves the built renderer to the desk window, so the page has a real origin of
 * its own (the CSP's 'self') instead of file://, where every local file would be same-origin.
 * Only files inside the renderer folder are served, and only by GET.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DESK_WINDOW_CSP } from './content-security.js';
import { isAppUrl } from './trusted-url.js';
import { RENDERER_CONTENT_TYPES } from '../core/renderer/renderer-policy.js';

/** The file an `app://desk/` URL names inside `rendererDir`, or null for anything else. */
export const resolveAppFile = (requestUrl: string, rendererDir: string): string | null => {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  if (!file.startsWith(`${root}${path.sep}`)) return null;
  if (!Object.hasOwn(RENDERER_CONTENT_TYPES, path.extname(file))) return null;
  return file;
};

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

export const createAppProtocolHandler =
  (rendererDir: string) =>
  async (request: Request): Promise<Response> => {
    const file = request.method === 'GET' ? resolveAppFile(request.url, rendererDir) : null;
    if (file === null) return notFound();
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return notFound();
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': RENDERER_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': DESK_WINDOW_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  };
