import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './emulator';
import { call, fastEmulator, upload, uploadPipeline, irYaml } from './emulator.fixture';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await fastEmulator();
});
afterEach(async () => {
  await emulator.close();
});

describe('emulator fault injection', () => {
  it('delays a request by the latency asked, then answers normally', async () => {
    emulator.faults.add({ kind: 'latency', path: /healthz/, delayMs: 3000, times: 1 });
    const start = performance.now();
    const slow = await call(emulator, 'GET', '/apis/v2beta1/healthz');
    expect(performance.now() - start).toBeGreaterThanOrEqual(2900);
    expect(slow.status).toBe(200);
    const start2 = performance.now();
    await call(emulator, 'GET', '/apis/v2beta1/healthz');
    expect(performance.now() - start2).toBeLessThan(2900); // the fault was used up: no second delay
  });

  it('answers an injected status in the shape of the API called, the given number of times', async () => {
    emulator.faults.add({ kind: 'status', status: 503, path: /\/apis\/v2beta1\/runs/, times: 2 });
    const kfp = await call(emulator, 'GET', '/apis/v2beta1/runs');
    expect(kfp.status).toBe(503);
    expect(kfp.json).toMatchObject({ code: 14, message: expect.stringContaining('503') });
    expect((await call(emulator, 'GET', '/apis/v2beta1/runs')).status).toBe(503);
    expect((await call(emulator, 'GET', '/apis/v2beta1/runs')).status).toBe(200);
    for (const status of [401, 403, 404, 409, 500]) {
      emulator.faults.add({ kind: 'status', status, path: /^\/api\/v1\/namespaces$/, times: 1 });
      const k8s = await call(emulator, 'GET', '/api/v1/namespaces');
      expect(k8s.status).toBe(status);
      expect(k8s.json).toMatchObject({ kind: 'Status', status: 'Failure', code: status });
    }
    emulator.faults.add({ kind: 'status', status: 500, path: /upload/, times: 1 });
    const up = await upload(emulator, 'x.yaml', irYaml('x', [{ name: 'a' }]));
    expect(up.status).toBe(500);
    expect(await up.json()).toMatchObject({ error_message: expect.stringContaining('500') });
    expect(emulator.state.pipelines.size).toBe(0);
  });

  it('drops the connection on reset, before handling or after (the run exists, the answer is lost)', async () => {
    const ref = await uploadPipeline(emulator, 'reset');
    emulator.faults.add({ kind: 'reset', method: 'GET', path: /\/runs$/, times: 1 });
    await expect(fetch(`${emulator.url}/apis/v2beta1/runs`)).rejects.toThrow();
    emulator.faults.add({ kind: 'reset', method: 'POST', path: /\/runs$/, times: 1, when: 'after' });
    const body = JSON.stringify({ display_name: 'once', pipeline_version_reference: { pipeline_id: ref.pipelineId } });
    await expect(fetch(`${emulator.url}/apis/v2beta1/runs`, { method: 'POST', body })).rejects.toThrow();
    expect(emulator.state.runs.size).toBe(1);
    const listed = await call(emulator, 'GET', '/apis/v2beta1/runs');
    expect((listed.json.runs as { display_name: string }[]).map((r) => r.display_name)).toEqual(['once']);
  });

  it('serves an HTML login page with 200, as an auth proxy does', async () => {
    emulator.faults.add({ kind: 'html-login', path: /experiments/ });
    const response = await fetch(`${emulator.url}/apis/v2beta1/experiments`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<form');
    emulator.faults.clear();
    expect((await fetch(`${emulator.url}/apis/v2beta1/experiments`)).headers.get('content-type')).toContain('application/json');
  });

  it('takes faults and clock moves through the control endpoints', async () => {
    const added = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 401, path: '/apis/v2beta1/pipelines', method: 'GET' }),
    });
    expect(added.status).toBe(201);
    expect((await call(emulator, 'GET', '/apis/v2beta1/pipelines')).status).toBe(401);
    expect((await call(emulator, 'GET', '/apis/v2beta1/pipelines')).status).toBe(401);
    const listed = (await (await fetch(`${emulator.url}/__emulator/faults`)).json()) as { faults: { hits: number; path: string }[] };
    expect(listed.faults[0]).toMatchObject({ hits: 2, path: new RegExp('/apis/v2beta1/pipelines').source });
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    expect((await call(emulator, 'GET', '/apis/v2beta1/pipelines')).status).toBe(200);
    const bad = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'explode' }) });
    expect(bad.status).toBe(400);

    const before = emulator.clock.now();
    const moved = await fetch(`${emulator.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
    expect(Date.parse(((await moved.json()) as { now: string }).now)).toBe(before + 60_000);
    const requests = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { requests: { path: string; status: number; fault?: string }[] };
    expect(requests.requests.filter((r) => r.fault === 'status').map((r) => r.status)).toEqual([401, 401]);
  });

  it('requires a KFP bearer token or session cookie when configured', async () => {
    const guarded = await fastEmulator({ kfpToken: 'kfp-secret' });
    try {
      const denied = await fetch(`${guarded.url}/apis/v2beta1/healthz`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ code: 16 });
      expect((await fetch(`${guarded.url}/apis/v2beta1/healthz`, { headers: { Authorization: 'Bearer kfp-secret' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
    const cookie = await fastEmulator({ kfpCookie: 'authservice_session=abc' });
    try {
      const login = await fetch(`${cookie.url}/apis/v2beta1/healthz`);
      expect(login.headers.get('content-type')).toContain('text/html');
      const ok = await fetch(`${cookie.url}/apis/v2beta1/healthz`, { headers: { Cookie: 'other=1; authservice_session=abc' } });
      expect(ok.headers.get('content-type')).toContain('application/json');
    } finally {
      await cookie.close();
    }
  });
});
