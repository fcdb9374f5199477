// Serves the built renderer (a Vite build) read-only, never outside its folder.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../host/content-types';


export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad path');
  }
  if (relative.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'Bad path');
  let file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    // A single-page app: unknown paths without an extension get the page itself.
    if (path.extname(file)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    file = path.join(root, 'index.html');
  }
  const body = await readFile(file).catch(() => undefined);
  if (!body) return send(res, 404, 'text/plain; charset=utf-8', 'The renderer is not built: run `npm run build:renderer`.');
  send(res, 200, contentTypeOf(file), body);
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}
