// A real HTTP server on loopback that answers as a hostile or broken cluster would: a stream without end, or a byte
// now and then. Bounded in time (every connection is closed after `lifeMs`) and in what it sends (`maxBytes`), so a
// client without limits fails a test instead of hanging it or exhausting the machine.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileServer {
  url: string;
  /** Bytes written to clients so far. */
  sent(): number;
  /** Answers still being written (their client has not gone and they have not ended). */
  open(): number;
  close(): Promise<void>;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, tools: { endless(chunk: Buffer): void; drip(byte: string, everyMs: number): void }) => void;

export async function startHostileServer(behaviour: Behaviour, limits: { lifeMs?: number; maxBytes?: number } = {}): Promise<HostileServer> {
  const lifeMs = limits.lifeMs ?? 20_000;
  const maxBytes = limits.maxBytes ?? 256 * 1024 * 1024;
  let sent = 0;
  let open = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    open += 1;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      open -= 1;
      if (!res.writableEnded) res.end();
    };
    res.on('close', end);
    const life = setTimeout(end, lifeMs);
    res.on('close', () => clearTimeout(life));
    behaviour(req, res, {
      endless: (chunk) => {
        const pump = (): void => {
          while (!ended && sent < maxBytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          end();
        };
        pump();
      },
      drip: (byte, everyMs) => {
        const timer = setInterval(() => {
          if (ended) return clearInterval(timer);
          sent += 1;
          res.write(byte);
        }, everyMs);
        res.on('close', () => clearInterval(timer));
      },
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    open: () => open,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
