// The checks every web-mode request passes before it reaches the host: loopback Host/Origin (DNS rebinding guard)
// and, for /api, the per-launch token. Pure functions of the request's headers, so they are tested alone.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-kfs-token';
export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export type Refusal = { status: number; message: string };

/** The Host header must name this server on loopback; a browser sends the attacker's name after a DNS rebind. */
export function checkHost(headers: IncomingHttpHeaders, port: number): Refusal | undefined {
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!headers.host || !allowed.includes(headers.host.toLowerCase())) return { status: 403, message: 'This server answers only on its loopback address.' };
  const origin = headers.origin;
  if (origin !== undefined && !allowed.some((hostPort) => origin.toLowerCase() === `http://${hostPort}`)) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  return undefined;
}

export function checkToken(headers: IncomingHttpHeaders, token: string): Refusal | undefined {
  const given = headers[TOKEN_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  const a = Buffer.from(value ?? '', 'utf8');
  const b = Buffer.from(token, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { status: 401, message: 'Missing or wrong session token: open the URL printed by `npm run web`.' };
  return undefined;
}
