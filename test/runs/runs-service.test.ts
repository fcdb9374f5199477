// The runs host service under Node: submit a local example document through the host calls, watch it to success
// through the event stream (the hub, and the web server's server-sent event channel), read a log and an artifact.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices } from '../../electron/host/host-services';
import { RunsService } from '../../electron/host/runs';
import { runEventsRoute } from '../../electron/web/run-events.route';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import { runEventsAttachPath, runEventsChannelPath, type RunEvent } from '../../shared/host-api/run.calls';
import type { PipelineDocument } from '../../shared/model/document';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { EXAMPLES_DIR, REPO_ROOT } from '../resources/bundled-catalog';

const example = (id: string) => JSON.parse(readFileSync(path.join(EXAMPLES_DIR, `${id}.pipeline.json`), 'utf8')) as PipelineDocument;

let dir: string;
let runs: RunsService;
let host: HostHandlers;
let web: RunningWebServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kfs-runs-service-'));
  runs = new RunsService({ dataDir: path.join(dir, 'data'), detected: { mode: 'host', reason: 'Docker is not available' } });
  host = createHostServices({ resourcesDir: path.join(REPO_ROOT, 'resources'), documentsDir: dir, runs });
  web = await startWebServer({ handlers: host, staticDir: dir, routes: [runEventsRoute(runs.events)] });
});

afterAll(async () => {
  await web.close();
  await runs.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: keyof HostHandlers, request: unknown): Promise<T> {
  const result = await host[name](request);
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Reads a subscription's events from the web server as the page does: one channel stream (fetch with the token
 * header) and the subscription attached to it, until the subscription's `end`. */
async function streamEvents(subscriptionId: string): Promise<RunEvent[]> {
  const channelId = randomUUID();
  const headers = { 'x-kfs-token': web.token };
  const abort = new AbortController();
  const response = await fetch(`http://127.0.0.1:${web.port}${runEventsChannelPath(channelId)}`, { headers, signal: abort.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const attached = await fetch(`http://127.0.0.1:${web.port}${runEventsAttachPath(channelId, subscriptionId)}`, { method: 'POST', headers });
  expect(attached.status).toBe(204);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: RunEvent[] = [];
  let buffer = '';
  while (events.at(-1)?.type !== 'end') {
    const { value, done } = await reader.read();
    if (done) break;
    const blocks = (buffer + value).split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) if (block.startsWith('data: ')) events.push(JSON.parse(block.slice('data: '.length)) as RunEvent);
  }
  abort.abort();
  expect(events.every((e) => e.subscriptionId === subscriptionId)).toBe(true);
  return events;
}

describe('the runs host service', () => {
  it('runs a submitted document to success, streaming snapshots, and serves its log and metrics', async () => {
    const info = await call<{ execution: { mode: string; reason: string } }>('runtimeInfo', {});
    expect(info.execution).toEqual({ mode: 'host', reason: 'Docker is not available' });
    const { runId } = await call<{ runId: string }>('runSubmit', { document: example('classic-local'), parameters: { rows: 120 } });
    const { subscriptionId, channel } = await call<{ subscriptionId: string; channel: string }>('runWatch', { runId });
    expect(channel).toBe('run-events');
    const events = await streamEvents(subscriptionId);
    expect(events.at(-1)?.type).toBe('end');
    const snapshots = events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot] : []));
    const last = snapshots.at(-1) as RunSnapshot;
    expect(last.state).toBe('succeeded');
    expect(last.parameters.rows).toBe(120);
    expect(last.execution.mode).toBe('host');
    // Revisions only grow: a watcher sees the run move forward.
    const revisions = snapshots.map((s) => s.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(snapshots.some((s) => s.tasks.some((t) => t.state === 'running'))).toBe(true);

    const log = await call<{ text: string; offset: number }>('runLogRead', { runId, taskId: 'make-data' });
    expect(log.text).toContain('wrote 120 trips');
    const rest = await call<{ text: string }>('runLogRead', { runId, taskId: 'make-data', from: log.offset });
    expect(rest.text).toBe('');

    const { artifacts } = await call<{ artifacts: { taskId: string; output: string; size?: number }[] }>('runArtifactList', { runId });
    expect(artifacts.map((a) => `${a.taskId}.${a.output}`)).toEqual(expect.arrayContaining(['test.metrics', 'test.classification', 'make-data.data']));
    const metrics = await call<{ text: string; truncated: boolean; binary: boolean }>('runArtifactRead', { runId, taskId: 'test', output: 'metrics' });
    expect(metrics.binary).toBe(false);
    expect(JSON.parse(metrics.text).accuracy).toBeGreaterThan(0.5);
    const cut = await call<{ text: string; truncated: boolean; bytes: number; size: number }>('runArtifactRead', { runId, taskId: 'make-data', output: 'data', maxBytes: 40 });
    expect(cut.truncated).toBe(true);
    expect(cut.bytes).toBe(40);
    expect(cut.size).toBeGreaterThan(1000);
    expect(cut.text.startsWith('trip_miles,trip_minutes,fare,tipped')).toBe(true);

    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { runId });
    expect(got.document?.name).toBe('classic-local');
    const listed = await call<{ runs: RunSnapshot[] }>('runList', { states: ['succeeded'], text: 'classic' });
    expect(listed.runs.map((r) => r.id)).toContain(runId);
    const none = await call<{ runs: RunSnapshot[] }>('runList', { states: ['failed'] });
    expect(none.runs.map((r) => r.id)).not.toContain(runId);
  }, 60_000);

  it('follows a task log to its end, and refuses documents with errors and unknown parameters plainly', async () => {
    const { runId } = await call<{ runId: string }>('runSubmit', { document: example('condition-loop-local'), parameters: { shards: [6] }, enableCaching: false });
    const { subscriptionId } = await call<{ subscriptionId: string }>('runLogFollow', { runId, taskId: 'for-loop-4/0/process-shard' });
    const events = await streamEvents(subscriptionId);
    const text = events.flatMap((e) => (e.type === 'log' ? [e.chunk.text] : [])).join('');
    expect(text.trim().split('\n')).toHaveLength(6);
    expect(text).toContain('shard 6: step 6, running total 91');
    expect(events.at(-1)?.type).toBe('end');

    const broken = example('classic-local');
    delete broken.graph.tasks.train?.arguments.train_data;
    const refused = await host.runSubmit({ document: broken });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/cannot run until it is fixed: .*train_data/);
    const badParam = await host.runSubmit({ document: example('classic-local'), parameters: { rows: 'many' } });
    expect(badParam.ok).toBe(false);
    if (!badParam.ok) expect(badParam.error.code).toBe('KFS801');
    const unknown = await fetch(`http://127.0.0.1:${web.port}${runEventsAttachPath(randomUUID(), 'nope')}`, { method: 'POST', headers: { 'x-kfs-token': web.token } });
    expect(unknown.status).toBe(404);
    const noToken = await fetch(`http://127.0.0.1:${web.port}${runEventsChannelPath(randomUUID())}`);
    expect(noToken.status).toBe(401);
  }, 60_000);

  it('creates experiments and files runs under them', async () => {
    const { experiment } = await call<{ experiment: { id: string; name: string } }>('experimentCreate', { name: 'Tuning' });
    const { experiments } = await call<{ experiments: { name: string }[] }>('experimentList', {});
    expect(experiments.map((e) => e.name)).toEqual(['Default', 'Tuning']);
    const { runId } = await call<{ runId: string }>('runSubmit', { document: example('condition-loop-local'), experimentId: experiment.id, parameters: { shards: [] } });
    const { runs: inExperiment } = await call<{ runs: RunSnapshot[] }>('runList', { experimentId: experiment.id });
    expect(inExperiment.map((r) => r.id)).toEqual([runId]);
    const duplicate = await host.experimentCreate({ name: 'Tuning' });
    expect(duplicate.ok).toBe(false);
  });
});
