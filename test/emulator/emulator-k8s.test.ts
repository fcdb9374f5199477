import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './emulator';
import { call, createRun, fastEmulator, irYaml, uploadPipeline } from './emulator.fixture';

type Obj = Record<string, unknown>;

let emulator: Emulator;
beforeEach(async () => {
  emulator = await fastEmulator();
});
afterEach(async () => {
  await emulator.close();
});

function workflow(steps: { name: string; image?: string; after?: string[] }[]): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: 'hello-', labels: { app: 'kfp-studio' } },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', dag: { tasks: steps.map((s) => ({ name: s.name, template: `t-${s.name}`, ...(s.after ? { dependencies: s.after } : {}) })) } },
        ...steps.map((s) => ({ name: `t-${s.name}`, container: { image: s.image ?? 'alpine:3', command: ['echo', s.name] } })),
      ],
    },
  };
}

/** Reads a streaming body line by line. */
function lines(response: Response): () => Promise<string | undefined> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async () => {
    for (;;) {
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) {
        const rest = buffer;
        buffer = '';
        return rest || undefined;
      }
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

const WF = '/apis/argoproj.io/v1alpha1/namespaces/default/workflows';

describe('Kubernetes emulator: auth, version, namespaces, service proxy', () => {
  it('answers /version and namespaces with the kubeconfig token, and 401 with a Status without it', async () => {
    expect(emulator.kubeconfigYaml).toContain(emulator.url);
    expect(emulator.kubeconfigYaml).toContain(emulator.token);
    const version = await call(emulator, 'GET', '/version');
    expect(version.json).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    const namespaces = await call(emulator, 'GET', '/api/v1/namespaces');
    expect((namespaces.json.items as { metadata: { name: string } }[]).map((n) => n.metadata.name)).toEqual(['default', 'kubeflow']);
    const refused = await fetch(`${emulator.url}/api/v1/namespaces`, { headers: { Authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    expect((await fetch(`${emulator.url}/version`)).status).toBe(401);
  });

  it('reaches KFP through the service proxy with the same handlers (upload included), and needs the token there', async () => {
    const health = await call(emulator, 'GET', '/apis/v2beta1/healthz', undefined, emulator.proxyUrl);
    expect(health.json.pipeline_store).toBe('database');
    const form = new FormData();
    form.append('uploadfile', new Blob([irYaml('proxied', [{ name: 'a' }])]), 'proxied.yaml');
    const uploaded = await fetch(`${emulator.proxyUrl}/apis/v2beta1/pipelines/upload`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${emulator.token}` } });
    expect(uploaded.status).toBe(200);
    const list = await call(emulator, 'GET', '/apis/v2beta1/pipelines', undefined, emulator.proxyUrl);
    expect(list.json.total_size).toBe(1);
    expect((await fetch(`${emulator.proxyUrl}/apis/v2beta1/pipelines`)).status).toBe(401);
    const other = await call(emulator, 'GET', '/api/v1/namespaces/kubeflow/services/minio-service:9000/proxy/');
    expect(other.status).toBe(404);
    expect(other.json.message).toBe('services "minio-service" not found');
  });

  it('serves KFP pods logs on the pod log path', async () => {
    const run = await createRun(emulator, await uploadPipeline(emulator, 'podlog', [{ name: 'a' }]));
    emulator.clock.advance(1000);
    const pod = emulator.state.runs.get(String(run.run_id))?.pods.get('root/a') ?? '';
    const podObject = await call(emulator, 'GET', `/api/v1/namespaces/kubeflow/pods/${pod}`);
    expect(podObject.json).toMatchObject({ kind: 'Pod', status: { phase: 'Running' } });
    const log = await fetch(`${emulator.url}/api/v1/namespaces/kubeflow/pods/${pod}/log?container=main&timestamps=true`, { headers: { Authorization: `Bearer ${emulator.token}` } });
    expect(await log.text()).toMatch(/^2026-03-02T10:00:01\.000Z \[emulator\] a: started/);
    const missing = await call(emulator, 'GET', '/api/v1/namespaces/kubeflow/pods/nope/log');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
  });
});

describe('Kubernetes emulator: Argo Workflows', () => {
  it('creates a Workflow, lists it by label, and streams watch events as it progresses to Succeeded', async () => {
    const created = await call(emulator, 'POST', WF, workflow([{ name: 'a' }, { name: 'b', after: ['a'] }]));
    expect(created.status).toBe(201);
    const meta = created.json.metadata as Obj;
    expect(String(meta.name)).toMatch(/^hello-[a-z0-9]{5}$/);
    const rv = String(meta.resourceVersion);
    const list = await call(emulator, 'GET', `${WF}?labelSelector=app%3Dkfp-studio`);
    expect((list.json.items as Obj[]).length).toBe(1);
    expect((await call(emulator, 'GET', `${WF}?labelSelector=app%3Dother`)).json.items).toEqual([]);

    const response = await fetch(`${emulator.url}${WF}?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3D${String(meta.name)}`, {
      headers: { Authorization: `Bearer ${emulator.token}` },
    });
    const next = lines(response);
    emulator.clock.advance(1000);
    const running = JSON.parse((await next()) ?? '{}') as { type: string; object: { status: Obj; metadata: Obj } };
    expect(running.type).toBe('MODIFIED');
    expect(running.object.status.phase).toBe('Running');
    expect(Number(running.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    emulator.clock.advance(20_000);
    let last: { type: string; object: { status: { phase: string; nodes: Record<string, { displayName: string; templateName: string; phase: string; type: string }> } } } | undefined;
    for (let line = await next(); line !== undefined; line = await next()) {
      last = JSON.parse(line) as typeof last;
      if (last?.object.status.phase === 'Succeeded') break;
    }
    expect(last?.object.status.phase).toBe('Succeeded');
    const nodes = Object.values(last?.object.status.nodes ?? {});
    expect(nodes.filter((n) => n.type === 'Pod').map((n) => [n.displayName, n.templateName, n.phase])).toEqual([
      ['a', 't-a', 'Succeeded'],
      ['b', 't-b', 'Succeeded'],
    ]);
  });

  it('replays from a resourceVersion, marks the failing image as Failed, stops on spec.shutdown, and sends DELETED', async () => {
    const first = await call(emulator, 'POST', WF, { ...workflow([{ name: 'bad', image: 'fail' }]), metadata: { name: 'broken' } });
    const rv = String((first.json.metadata as Obj).resourceVersion);
    emulator.clock.advance(20_000);
    expect(((await call(emulator, 'GET', `${WF}/broken`)).json.status as Obj).phase).toBe('Failed');
    expect((await call(emulator, 'POST', WF, { ...workflow([{ name: 'a' }]), metadata: { name: 'broken' } })).status).toBe(409);

    await call(emulator, 'POST', WF, { ...workflow([{ name: 'long' }]), metadata: { name: 'stopme' } });
    emulator.clock.advance(2000);
    const patched = await fetch(`${emulator.url}${WF}/stopme`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json', Authorization: `Bearer ${emulator.token}` },
      body: JSON.stringify({ spec: { shutdown: 'Terminate' } }),
    });
    expect(patched.status).toBe(200);
    emulator.clock.advance(5000);
    const stopped = (await call(emulator, 'GET', `${WF}/stopme`)).json.status as Obj;
    expect(stopped.phase).toBe('Failed');
    expect(stopped.message).toBe("Stopped with strategy 'Terminate'");
    expect((await call(emulator, 'DELETE', `${WF}/stopme`)).json.status).toBe('Success');
    expect((await call(emulator, 'GET', `${WF}/stopme`)).status).toBe(404);

    const replay = await fetch(`${emulator.url}${WF}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`, { headers: { Authorization: `Bearer ${emulator.token}` } });
    const events = (await replay.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; object: { metadata: { name: string } } });
    expect(events[0]).toMatchObject({ type: 'MODIFIED', object: { metadata: { name: 'broken' } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toContain('ADDED stopme');
    expect(events[events.length - 1]).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'stopme' } } });
  });

  it('follows a Workflow pod log until the step ends', async () => {
    const created = await call(emulator, 'POST', WF, { ...workflow([{ name: 'a' }]), metadata: { name: 'logs' } });
    expect(created.status).toBe(201);
    emulator.clock.advance(1000);
    const status = (await call(emulator, 'GET', `${WF}/logs`)).json.status as { nodes: Record<string, { type: string; id: string }> };
    const pod = Object.values(status.nodes).find((n) => n.type === 'Pod')?.id ?? '';
    const follow = await fetch(`${emulator.url}/api/v1/namespaces/default/pods/${pod}/log?follow=true`, { headers: { Authorization: `Bearer ${emulator.token}` } });
    const next = lines(follow);
    expect(await next()).toContain('a: started');
    emulator.clock.advance(10_000);
    const rest: string[] = [];
    for (let line = await next(); line !== undefined; line = await next()) rest.push(line);
    expect(rest[rest.length - 1]).toContain('a: done');
    const ended = await call(emulator, 'GET', `/api/v1/namespaces/default/pods/${pod}`);
    expect(ended.json).toMatchObject({ status: { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { exitCode: 0 } } }] } });
  });
});
