// Web mode: the HostApi served over HTTP on 127.0.0.1 for a browser, with a per-launch token.
// POST /api/<call> with a JSON body answers the call's envelope; anything else is the built renderer.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isHostCallName, type HostHandlers } from '../../shared/host-api/host-api.calls';
import { fail } from '../../shared/host-api/host-result';
import { serveStatic, send } from './static-files';
import { checkHost, checkToken, type Refusal } from './web-guard';

/** Above the largest document (64 MiB) with room for JSON framing. */
export const DEFAULT_MAX_BODY_BYTES = 72 * 1024 * 1024;

export interface WebServerOptions {
  handlers: HostHandlers;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  maxBodyBytes?: number;
  /** Routes under /api/ taken before host calls (after the token check), e.g. the run event stream. */
  routes?: readonly ((req: IncomingMessage, res: ServerResponse, url: string) => boolean)[];
}

export interface RunningWebServer {
  server: Server;
  port: number;
  token: string;
  /** The page to open: the token travels in the fragment, which browsers never send to a server. */
  url: string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? newToken();
  const staticDir = path.resolve(options.staticDir);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, { status: 500, message: 'The server could not answer.' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostRefusal = checkHost(req.headers, port);
    if (hostRefusal) return refuse(res, hostRefusal);
    const url = req.url ?? '/';
    if (!url.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, message: 'Method not allowed.' });
      return serveStatic(staticDir, url, res);
    }
    const tokenRefusal = checkToken(req.headers, token);
    if (tokenRefusal) return refuse(res, tokenRefusal);
    if (options.routes?.some((route) => route(req, res, url))) return;
    if (req.method !== 'POST') return refuse(res, { status: 405, message: 'Host calls are POST requests.' });
    const name = url.slice('/api/'.length).split('?')[0] ?? '';
    if (!isHostCallName(name)) return refuse(res, { status: 404, message: `There is no host call named "${name}".` });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return refuse(res, { status: 413, message: `Requests are limited to ${maxBody} bytes.` }, true);
    const body = await readBody(req, maxBody);
    if (body === undefined) return refuse(res, { status: 413, message: `Requests are limited to ${maxBody} bytes.` }, true);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return json(res, 400, fail('KFS701', 'The request body is not valid JSON.'));
    }
    json(res, 200, await options.handlers[name](input));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function refuse(res: ServerResponse, refusal: Refusal, closeConnection = false): void {
  if (closeConnection) res.setHeader('connection', 'close');
  send(res, refusal.status, 'text/plain; charset=utf-8', refusal.message);
}
