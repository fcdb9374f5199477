import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../host/host-services';
import { startWebServer, type RunningWebServer } from './web-server';
import { TOKEN_HEADER } from './web-guard';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir = '';
let web: RunningWebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>KFP Studio</title>');
  const handlers = createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: dir });
  web = await startWebServer({ handlers, staticDir: dir, maxBodyBytes: 1024 });
});
afterAll(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
}

function call(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path: options.path, method: options.method ?? 'POST', headers: { host: `127.0.0.1:${web.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = (): Record<string, string> => ({ [TOKEN_HEADER]: web.token, 'content-type': 'application/json' });

describe('web mode server', () => {
  it('listens on loopback and prints a URL carrying the token in the fragment', () => {
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a host call with its envelope when the token is given', async () => {
    const answer = await call({ path: '/api/exampleList', headers: withToken(), body: '{}' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { examples: expect.arrayContaining([expect.objectContaining({ id: 'classic' })]) } });
  });

  it('refuses /api calls without the token or with a wrong one (401)', async () => {
    expect((await call({ path: '/api/exampleList', body: '{}' })).status).toBe(401);
    expect((await call({ path: '/api/exampleList', headers: { [TOKEN_HEADER]: 'x'.repeat(web.token.length) }, body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const answer = await call({ path: '/api/exampleList', headers: { ...withToken(), host: `evil.example:${web.port}` }, body: '{}' });
    expect(answer.status).toBe(403);
    expect((await call({ path: '/', method: 'GET', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a foreign Origin', async () => {
    const answer = await call({ path: '/api/exampleList', headers: { ...withToken(), origin: 'http://evil.example' }, body: '{}' });
    expect(answer.status).toBe(403);
    const same = await call({ path: '/api/exampleList', headers: { ...withToken(), origin: `http://127.0.0.1:${web.port}` }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('refuses bodies over the cap (413)', async () => {
    const answer = await call({ path: '/api/importComponentFile', headers: withToken(), body: JSON.stringify({ name: 'a.yaml', text: 'x'.repeat(5000) }) });
    expect(answer.status).toBe(413);
  });

  it('answers malformed JSON and unknown calls without a stack trace', async () => {
    const bad = await call({ path: '/api/exampleList', headers: withToken(), body: '{nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    expect((await call({ path: '/api/readAnyFile', headers: withToken(), body: '{}' })).status).toBe(404);
  });

  it('serves the renderer without a token, with a CSP, and never outside its folder', async () => {
    const page = await call({ path: '/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('KFP Studio');
    expect((await call({ path: '/../package.json', method: 'GET' })).status).toBe(404);
    expect((await call({ path: '/%2e%2e/package.json', method: 'GET' })).status).toBe(404);
  });
});
