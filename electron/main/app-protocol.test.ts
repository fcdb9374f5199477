import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_START_URL, createAppProtocolHandler, resolveAppFile } from './app-protocol';
import { APP_CONTENT_SECURITY_POLICY } from './content-security';

let parent = '';
let root = '';
beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'kfs-proto-'));
  root = path.join(parent, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>KFP Studio</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(parent, 'secret.txt'), 'outside the renderer');
});
afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps app URLs to files in the renderer folder', () => {
    expect(resolveAppFile(root, APP_START_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://kfp-studio/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://kfp-studio/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    'app://kfp-studio/../secret.txt',
    'app://kfp-studio/%2e%2e/secret.txt',
    'app://kfp-studio/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://kfp-studio/..%5csecret.txt',
    'app://kfp-studio/index.html%00.js',
    'app://kfp-studio/%E0%A4%A',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'https://kfp-studio/index.html',
    'not a url',
  ])('never resolves %s outside the renderer folder', (url) => {
    const file = resolveAppFile(root, url);
    expect(file).not.toBe(path.join(parent, 'secret.txt'));
    if (file !== undefined) expect(file.startsWith(root + path.sep)).toBe(true);
  });

  it('refuses other schemes and hosts, bad escapes and NUL or backslash tricks', () => {
    for (const url of ['app://other-host/index.html', 'file:///etc/passwd', 'https://kfp-studio/index.html', 'not a url', 'app://kfp-studio/%E0%A4%A', 'app://kfp-studio/index.html%00.js', 'app://kfp-studio/..%5csecret.txt']) {
      expect(resolveAppFile(root, url)).toBeUndefined();
    }
  });
});

describe('the protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves the page with the strict CSP and its type', async () => {
    const response = await handler()(new Request(APP_START_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('KFP Studio');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://kfp-studio/%2e%2e/secret.txt', 'app://kfp-studio/..%2fsecret.txt']) {
      const response = await handler()(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
  });

  it('answers the page for app routes, 404 for missing assets, 405 for writes', async () => {
    expect(await (await handler()(new Request('app://kfp-studio/runs/123'))).text()).toContain('KFP Studio');
    expect((await handler()(new Request('app://kfp-studio/assets/missing.js'))).status).toBe(404);
    expect((await handler()(new Request('app://kfp-studio/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('the CSP', () => {
  it('allows only our own scripts: no inline, no eval, no remote origins', () => {
    const directives = new Map(APP_CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('is the same policy main.ts puts on every other response (written out there so scanners can read it)', async () => {
    const main = await readFile(fileURLToPath(new URL('./main.ts', import.meta.url)), 'utf8');
    expect(main).toContain(`"${APP_CONTENT_SECURITY_POLICY}"`);
  });
});
