// Certificates made at test time with openssl (self-signed, for another host, expired) and real HTTPS servers on
// loopback that use them, answering as a Kubernetes API server would (`/version`, an empty Workflow list) when the
// request carries the expected bearer token.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Pem {
  cert: string;
  key: string;
}

/** Whether openssl can be run here (the TLS tests skip with a message when it cannot). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for `san` (`IP:127.0.0.1`, `DNS:kfp.example.com`); with `expired`, valid only in 2020. */
export function makeCert(san: string, options: { expired?: boolean } = {}): Pem {
  const dir = mkdtempSync(path.join(tmpdir(), 'kfs-cert-'));
  try {
    const file = (name: string) => path.join(dir, name);
    const subject = `/CN=${san.replace(/^(IP|DNS):/, '')}`;
    if (!options.expired) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('key.pem'), '-out', file('cert.pem'), '-days', '2', '-subj', subject, '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
    } else {
      // `req -x509` cannot date a certificate in the past; `ca -selfsign` can.
      writeFileSync(file('index.txt'), '');
      writeFileSync(file('serial'), '01\n');
      writeFileSync(file('ca.cnf'), `[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = ${file('index.txt')}\nnew_certs_dir = ${dir}\nserial = ${file('serial')}\ndefault_md = sha256\npolicy = p\ncopy_extensions = copy\n[ p ]\ncommonName = supplied\n`);
      execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('key.pem'), '-out', file('req.csr'), '-subj', subject, '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
      execFileSync('openssl', ['ca', '-batch', '-config', file('ca.cnf'), '-selfsign', '-keyfile', file('key.pem'), '-in', file('req.csr'), '-out', file('cert.pem'), '-startdate', '20200101000000Z', '-enddate', '20200102000000Z'], { stdio: 'ignore' });
    }
    return { cert: readFileSync(file('cert.pem'), 'utf8'), key: readFileSync(file('key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsServer {
  url: string;
  close(): Promise<void>;
}

/** An HTTPS "API server" on loopback; 401 without `Authorization: Bearer <token>`. */
export async function startTlsApiServer(pem: Pem, token: string): Promise<TlsServer> {
  const server = createServer({ cert: pem.cert, key: pem.key }, (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', code: 401 });
    const url = req.url ?? '/';
    if (url.startsWith('/version')) return send(200, { gitVersion: 'v1.30.0-tls' });
    if (url.startsWith('/apis/v2beta1/healthz')) return send(200, { tag_name: '2.5.0', multi_user: false });
    if (/\/workflows|\/experiments/.test(url)) return send(200, { items: [], experiments: [] });
    send(404, { kind: 'Status', status: 'Failure', message: 'not found', code: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
