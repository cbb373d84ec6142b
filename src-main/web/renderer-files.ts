/**
 * The built renderer (out/renderer), read into memory once at start: the host serves exactly
 * these files by their exact path, so no request path ever reaches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** URL path (`/index.html`, `/assets/index-abc.js`) → file. Empty when the renderer is not built. */
export const loadRendererFiles = (dir: string): ReadonlyMap<string, RendererFile> => {
  const files = new Map<string, RendererFile>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const contentType = CONTENT_TYPES[path.extname(entry.name)];
    if (contentType === undefined) continue;
    const file = path.join(entry.parentPath, entry.name);
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    files.set(urlPath, { body: fs.readFileSync(file), contentType });
  }
  return files;
};
