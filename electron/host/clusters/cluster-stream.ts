// A GET whose answer is a stream of lines (a Kubernetes watch), bounded like every cluster call: one line may not pass
// its size cap, the stream ends by its deadline, and a line begun but not finished within the heartbeat deadline
// drops the stream (a server that drips bytes cannot hold it). A stream that is simply quiet ends quietly at the
// heartbeat deadline, so the caller renews it from where it was.
import http from 'node:http';
import https from 'node:https';
import type { KfsError } from '../../../shared/errors/codes';
import { ANSWER_LIMITS, NetworkError, fullUrl, isTlsCode } from './cluster-http';
import type { Endpoint, HttpAnswer, HttpRequest } from './cluster-http';

export interface StreamLimits {
  /** Longest wait for the next whole line. */
  heartbeatMs: number;
  /** The whole stream's deadline. */
  deadlineMs: number;
  /** The longest line (one event). */
  maxLineBytes: number;
}

export interface LineStream {
  /** Resolves when the stream ends (by the server, the deadline, quiet, or abort); rejects with a NetworkError or a KfsError. */
  done: Promise<void>;
  abort(): void;
}

/** Opens the stream; `problem` turns a non-200 answer (read up to the error cap) into the caller's KfsError. */
export async function streamLines(
  endpoint: Endpoint,
  request: Pick<HttpRequest, 'path' | 'query' | 'headers'>,
  onLine: (line: string) => void,
  limits: StreamLimits,
  problem: (answer: HttpAnswer) => KfsError,
): Promise<LineStream> {
  const options = await endpoint.requestOptions();
  const url = fullUrl(endpoint, request);
  const transport = url.protocol === 'https:' ? https : http;
  const headers = { Accept: 'application/json', ...(options.headers as Record<string, string>), ...request.headers };
  let req: http.ClientRequest | undefined;
  let aborted = false;
  const done = new Promise<void>((resolve, reject) => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let heartbeat: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: unknown): void => {
      clearTimeout(deadline);
      clearTimeout(heartbeat);
      if (error && !aborted) reject(error);
      else resolve();
    };
    const beat = (): void => {
      clearTimeout(heartbeat);
      heartbeat = setTimeout(() => {
        if (pendingBytes === 0) return void req?.destroy(); // quiet: ends, to be renewed
        req?.destroy(new NetworkError('EHEARTBEAT', `no whole event within ${limits.heartbeatMs} ms`, true, { received: pendingBytes, limit: limits.heartbeatMs }));
      }, limits.heartbeatMs);
    };
    const deadline = setTimeout(() => req?.destroy(), limits.deadlineMs);
    req = transport.request(url, { ...options, method: 'GET', headers }, (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= ANSWER_LIMITS.error) chunks.push(chunk);
          else req?.destroy();
        });
        res.on('end', () => finish(problem({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })));
        return;
      }
      beat();
      res.on('data', (chunk: Buffer) => {
        let start = 0;
        for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, start)) {
          const line = Buffer.concat([...pending, chunk.subarray(start, at)]).toString('utf8');
          pending = [];
          pendingBytes = 0;
          start = at + 1;
          beat();
          if (line.trim()) onLine(line);
          if (aborted) return;
        }
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        if (pendingBytes > limits.maxLineBytes) {
          pending = [];
          req?.destroy(new NetworkError('ETOOLARGE', `one event passed ${limits.maxLineBytes} bytes`, true, { received: pendingBytes, limit: limits.maxLineBytes }));
          return;
        }
        if (rest.length) pending.push(rest);
      });
      res.on('end', () => finish());
      res.on('error', (error) => finish(error instanceof NetworkError ? error : undefined));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof NetworkError) return finish(error);
      const code = error.code ?? 'ECONNRESET';
      finish(new NetworkError(code, error.message, !isTlsCode(code)));
    });
    req.on('close', () => setImmediate(() => finish()));
    req.end();
  });
  return {
    done,
    abort: () => {
      aborted = true;
      req?.destroy();
    },
  };
}
