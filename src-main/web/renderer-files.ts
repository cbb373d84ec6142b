/**
 * The built renderer (out/renderer), read into memory once at start: the host serves exactly
 * these files by their exact path, so no request path ever reaches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RENDERER_CONTENT_TYPES } from '../core/renderer/renderer-policy.js';

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
    const contentType = RENDERER_CONTENT_TYPES[path.extname(entry.name)];
    if (contentType === undefined) continue;
    const file = path.join(entry.parentPath, entry.name);
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    files.set(urlPath, { body: fs.readFileSync(file), contentType });
  }
  return files;
};
