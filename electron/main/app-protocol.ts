// The `app://kfp-studio/` protocol: the built renderer's files, read-only, never from outside their folder.
// A standard, secure scheme gives the page a real origin (so CSP 'self' and fetch work) without any web server.
import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_RESPONSE_HEADERS } from './content-security';
import { contentTypeOf, HTML_TYPE } from '../host/content-types';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kfp-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;


export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `root` a URL names, or undefined when the URL is not ours or escapes `root` (`..`, encoded
 * separators, NUL). `/` is the page itself.
 */
export function resolveAppFile(root: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  const normalized = path.posix.normalize(relative === '/' || relative === '' ? '/index.html' : relative);
  if (normalized.split('/').includes('..')) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${normalized}`);
  return file.startsWith(base + path.sep) ? file : undefined;
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The handler given to `protocol.handle(APP_SCHEME, ...)`: a Fetch Request in, a Response out. */
export function createAppProtocolHandler(root: string, readFile: ReadFile = fsReadFile): (request: Request) => Promise<Response> {
  const reply = (status: number, body: Uint8Array | string, type: string) =>
    new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers: { ...APP_RESPONSE_HEADERS, 'content-type': type } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method not allowed', 'text/plain; charset=utf-8');
    const file = resolveAppFile(root, request.url);
    if (!file) return reply(404, 'Not found', 'text/plain; charset=utf-8');
    const body = await readFile(file).catch(() => undefined);
    if (body) return reply(200, body, contentTypeOf(file));
    // A single-page app: a path without an extension is the page itself.
    if (path.extname(file) === '') {
      const page = await readFile(path.join(path.resolve(root), 'index.html')).catch(() => undefined);
      if (page) return reply(200, page, HTML_TYPE);
    }
    return reply(404, 'Not found', 'text/plain; charset=utf-8');
  };
}
