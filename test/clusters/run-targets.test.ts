// Run calls with a cluster target, through the host services every binding uses (createHostServices), against the
// emulator: a KFP profile by URL with a bearer token and an Argo profile by kubeconfig, added with clusterProfileAdd.
// A document is submitted, watched to its end, its log read, another run terminated; uploads clash and become a new
// version; recurring runs are created, listed, disabled and deleted; Argo refuses what it cannot do; an unknown
// profile and replaced credentials are noticed; calls without a target still go to this computer.
import { utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunsService } from '../../electron/host/runs';
import type { RunEvent } from '../../shared/host-api/run.calls';
import type { PipelineDocument } from '../../shared/model/document';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { advanceUntil, clusterEnv, waitFor } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { hostOverCluster, type ClusterHost } from './cluster-host.fixture';
import { exampleDocument, exampleTaskIds } from './kfp-pipeline.fixture';

const TOKEN = 'run-target-token-271828';

let env: ClusterEnv;
let runs: RunsService;
let call: ClusterHost['call'];
let refused: ClusterHost['refused'];

beforeAll(async () => {
  env = await clusterEnv({ kfpToken: TOKEN });
  ({ runs, call, refused } = hostOverCluster(env));
  await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN } });
  await call('clusterProfileAdd', { profile: { kind: 'argo', name: 'argo', context: 'kfp-emulator', kubeconfigPath: env.kubeconfigPath, namespace: 'default' } });
});

afterAll(async () => {
  await runs?.close();
  await env?.close();
});

/** Listens to a subscription as a binding does; `ended()` once its `end` came. */
function listen(subscriptionId: string): { events: RunEvent[]; snapshots: () => RunSnapshot[]; ended: () => boolean } {
  const events: RunEvent[] = [];
  expect(runs.events.attach(subscriptionId, (event) => events.push(event))).toBeTypeOf('function');
  return {
    events,
    snapshots: () => events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot] : [])),
    ended: () => events.at(-1)?.type === 'end',
  };
}

async function submit(request: { target?: string; document?: PipelineDocument; [key: string]: unknown }): Promise<string> {
  return (await call<{ runId: string }>('runSubmit', request)).runId;
}

describe('runs on a KFP profile', () => {
  it('says where runs go, for the profile and for this computer', async () => {
    const info = await call<{ kind: string; execution: { mode: string; reason: string } }>('runtimeInfo', { target: 'team' });
    expect(info.kind).toBe('kfp');
    expect(info.execution.mode).toBe('cluster');
    expect(info.execution.reason).toContain('"team"');
    expect(info.execution.reason).toContain(new URL(env.emulator.url).host);
    const local = await call<{ kind: string; execution: { mode: string } }>('runtimeInfo', {});
    expect(local).toMatchObject({ kind: 'local', execution: { mode: 'host' } });
  });

  it('submits a document, watches it to success on the document task ids, reads a log and the run with its document', async () => {
    const doc = exampleDocument();
    const runId = await submit({ target: 'team', document: doc, parameters: { rows: 40 }, displayName: 'from the canvas', enableCaching: false, sourcePath: 'classic-local.pipeline.json' });
    const record = env.emulator.state.runs.get(runId);
    expect(record?.display_name).toBe('from the canvas');
    const sentTasks = Object.values(((record?.inline_spec?.root as { dag: { tasks: object } }).dag.tasks ?? {}) as { cachingOptions?: unknown }[]);
    expect(sentTasks.length).toBeGreaterThan(0);
    expect(sentTasks.every((task) => JSON.stringify(task.cachingOptions) === '{"enableCache":false}')).toBe(true);

    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'team', runId })).subscriptionId);
    await waitFor(() => watched.snapshots().length > 0);
    await advanceUntil(env.emulator, watched.ended);
    const snapshots = watched.snapshots();
    const last = snapshots.at(-1) as RunSnapshot;
    expect(last.state).toBe('succeeded');
    expect(snapshots.some((s) => s.state === 'running')).toBe(true);
    expect(last.tasks.map((t) => t.id).sort()).toEqual(exampleTaskIds());
    expect(last.parameters).toEqual({ rows: 40 });
    expect(last.sourcePath).toBe('classic-local.pipeline.json');
    expect(last.execution.mode).toBe('cluster');
    expect(snapshots.map((s) => s.revision)).toEqual([...snapshots.map((s) => s.revision)].sort((a, b) => a - b));

    const log = await call<{ text: string; offset: number }>('runLogRead', { target: 'team', runId, taskId: 'make-data' });
    expect(log.text).toContain('make-data: done');
    expect((await call<{ text: string }>('runLogRead', { target: 'team', runId, taskId: 'make-data', from: log.offset })).text).toBe('');

    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { target: 'team', runId });
    expect(got.run.state).toBe('succeeded');
    expect(got.document?.name).toBe(doc.name);
    expect(Object.keys(got.document?.graph.tasks ?? {}).sort()).toEqual(exampleTaskIds());

    const listed = await call<{ runs: RunSnapshot[] }>('runList', { target: 'team', states: ['succeeded'] });
    expect(listed.runs.map((r) => r.id)).toContain(runId);
    expect(listed.runs.find((r) => r.id === runId)?.sourcePath).toBe('classic-local.pipeline.json');
    expect((await call<{ runs: RunSnapshot[] }>('runList', {})).runs.map((r) => r.id)).not.toContain(runId);

    // The artifacts come from ML Metadata and the object store through the KFP UI's server.
    const { artifacts } = await call<{ artifacts: { taskId: string; output: string; artifact: { schemaTitle: string } }[] }>('runArtifactList', { target: 'team', runId });
    const data = artifacts.find((entry) => entry.taskId === 'make-data');
    expect(data?.artifact.schemaTitle).toBe('system.Dataset');
    expect(await call('runArtifactRead', { target: 'team', runId, taskId: 'make-data', output: data?.output ?? '' })).toMatchObject({ text: expect.stringContaining('row,task,value'), binary: false });
    const saved = await call<{ fileName: string; base64: string }>('runArtifactDownload', { target: 'team', runId, taskId: 'make-data', output: data?.output ?? '' });
    expect(Buffer.from(saved.base64, 'base64').toString('utf8')).toMatch(/^row,task,value\n/);
    const missing = await refused('runArtifactRead', { target: 'team', runId, taskId: 'make-data', output: 'no-such-output' });
    expect(missing.code).toBe('KFS956');
  });

  it('imports the pipeline of a run submitted elsewhere to draw it', async () => {
    const { compileToIr } = await import('../../shared/compile/ir.compile');
    const { irToYaml } = await import('../../shared/compile/ir.yaml');
    const runId = await submit({ target: 'team', pipelineText: irToYaml(compileToIr(exampleDocument())) });
    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { target: 'team', runId });
    expect(Object.keys(got.document?.graph.tasks ?? {}).sort()).toEqual(exampleTaskIds());
  });

  it('follows a log while the task runs, and terminates a running run', async () => {
    const runId = await submit({ target: 'team', document: exampleDocument() });
    const follow = listen((await call<{ subscriptionId: string }>('runLogFollow', { target: 'team', runId, taskId: 'make-data' })).subscriptionId);
    await advanceUntil(env.emulator, follow.ended, { realPauseMs: 40 });
    const text = follow.events.flatMap((e) => (e.type === 'log' ? [e.chunk.text] : [])).join('');
    expect(text).toContain('make-data: done');
    expect(follow.events.at(-1)).toMatchObject({ type: 'end', reason: 'The task succeeded.' });

    expect(env.emulator.state.runs.get(runId)?.sim.state).toBe('running');
    await call('runTerminate', { target: 'team', runId });
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'team', runId })).subscriptionId);
    await advanceUntil(env.emulator, watched.ended);
    expect(watched.snapshots().at(-1)?.state).toBe('cancelled');
    expect(watched.events.at(-1)).toMatchObject({ type: 'end', reason: 'The run cancelled.' });
  });

  it('keeps watching and following a log while the cluster cannot be reached, and ends once it answers again', async () => {
    const runId = await submit({ target: 'team', document: exampleDocument() });
    const lastTask = exampleTaskIds().find((id) => id !== 'make-data') ?? '';
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'team', runId })).subscriptionId);
    const follow = listen((await call<{ subscriptionId: string }>('runLogFollow', { target: 'team', runId, taskId: lastTask })).subscriptionId);
    await waitFor(() => watched.snapshots().length > 0);
    const drop = env.emulator.faults.add({ kind: 'reset', path: /\/apis\/v(2beta1|1alpha1)\/runs\// });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded', { realPauseMs: 2 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(watched.ended()).toBe(false);
    expect(follow.ended()).toBe(false);
    expect(env.emulator.state.requests.filter((r) => r.fault && r.path.includes(runId)).length).toBeGreaterThan(2);
    env.emulator.faults.remove(drop.id);
    await waitFor(() => watched.ended() && follow.ended(), 8000);
    expect(watched.snapshots().at(-1)?.state).toBe('succeeded');
    expect(follow.events.flatMap((e) => (e.type === 'log' ? [e.chunk.text] : [])).join('')).toContain(`${lastTask}: done`);
  });

  it('ends a watch of a run that is not there with the reason', async () => {
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'team', runId: '6f0c2a34-0000-4000-8000-000000000000' })).subscriptionId);
    await waitFor(watched.ended);
    expect(watched.events.at(-1)).toMatchObject({ type: 'end', reason: expect.stringMatching(/not found/) });
  });
});

describe('pipelines, schedules and archiving on a KFP profile', () => {
  it('uploads, refuses the same name with KFS909, adds a new version instead, and runs it', async () => {
    const doc = exampleDocument();
    const first = await call<{ pipelineId: string; versionId: string; name: string; newVersion: boolean }>('pipelineUpload', { target: 'team', document: doc, name: 'taxi' });
    expect(first).toMatchObject({ name: 'taxi', newVersion: false });
    const clash = await refused('pipelineUpload', { target: 'team', document: doc, name: 'taxi' });
    expect(clash.code).toBe('KFS909');
    expect(clash.location).toEqual({ field: 'name' });
    expect(clash.message).toMatch(/new version/);
    const second = await call<{ pipelineId: string; versionId: string; name: string; newVersion: boolean }>('pipelineUpload', { target: 'team', document: doc, newVersionOf: 'taxi' });
    expect(second).toMatchObject({ pipelineId: first.pipelineId, name: 'taxi', newVersion: true });
    expect(second.versionId).not.toBe(first.versionId);
    const named = [...env.emulator.state.pipelines.values()].filter((p) => p.display_name === 'taxi' || p.name === 'taxi');
    expect(named).toHaveLength(1);
    expect([...env.emulator.state.versions.values()].filter((v) => v.pipeline_id === first.pipelineId)).toHaveLength(2);

    const runId = await submit({ target: 'team', pipelineVersion: { pipelineId: first.pipelineId, versionId: second.versionId }, parameters: { rows: 5 } });
    expect(env.emulator.state.runs.get(runId)?.pipeline_version_reference).toEqual({ pipeline_id: first.pipelineId, pipeline_version_id: second.versionId });
  });

  it('creates a recurring run from a document with five cron fields, lists it so, disables and deletes it', async () => {
    const created = await call<{ id: string; cron?: string }>('recurringRunCreate', { target: 'team', document: exampleDocument(), displayName: 'weekday mornings', cron: '30 6 * * 1-5', maxConcurrency: 2 });
    expect(created.cron).toBe('30 6 * * 1-5');
    expect(JSON.stringify(env.emulator.state.recurringRuns.get(created.id)?.trigger)).toContain('0 30 6 * * 1-5');
    const listed = async () => (await call<{ recurringRuns: { id: string; cron?: string; enabled: boolean; maxConcurrency: number }[] }>('recurringRunList', { target: 'team' })).recurringRuns;
    expect((await listed()).find((r) => r.id === created.id)).toMatchObject({ cron: '30 6 * * 1-5', enabled: true, maxConcurrency: 2 });
    await call('recurringRunSetEnabled', { target: 'team', id: created.id, enabled: false });
    expect((await listed()).find((r) => r.id === created.id)?.enabled).toBe(false);
    await call('recurringRunDelete', { target: 'team', id: created.id });
    expect((await listed()).map((r) => r.id)).not.toContain(created.id);
    const bad = await refused('recurringRunCreate', { target: 'team', document: exampleDocument(), displayName: 'bad', cron: '61 * * * *' });
    expect(bad.code).toBe('KFS911');
  });

  it('creates and archives an experiment, and archives a run', async () => {
    const { experiment } = await call<{ experiment: { id: string; name: string } }>('experimentCreate', { target: 'team', name: 'nightly' });
    const names = async () => (await call<{ experiments: { name: string }[] }>('experimentList', { target: 'team' })).experiments.map((e) => e.name);
    expect(await names()).toContain('nightly');
    const runId = await submit({ target: 'team', document: exampleDocument(), experimentId: experiment.id });
    expect(env.emulator.state.runs.get(runId)?.experiment_id).toBe(experiment.id);
    await call('runArchive', { target: 'team', runId });
    expect(env.emulator.state.runs.get(runId)?.storage_state).toBe('ARCHIVED');
    await call('experimentArchive', { target: 'team', experimentId: experiment.id });
    expect(await names()).not.toContain('nightly');
  });
});

describe('runs on an Argo profile', () => {
  it('submits a document as a Workflow, watches it to the end, reads a log and draws it with the document', async () => {
    const info = await call<{ kind: string; execution: { mode: string; reason: string } }>('runtimeInfo', { target: 'argo' });
    expect(info).toMatchObject({ kind: 'argo', execution: { mode: 'cluster' } });
    expect(info.execution.reason).toMatch(/"default"/);
    const runId = await submit({ target: 'argo', document: exampleDocument(), parameters: { rows: 30 }, displayName: 'argo from the canvas' });
    expect(env.emulator.state.workflows.has(`default/${runId}`)).toBe(true);
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'argo', runId })).subscriptionId);
    await waitFor(() => watched.snapshots().length > 0);
    await advanceUntil(env.emulator, watched.ended);
    const last = watched.snapshots().at(-1) as RunSnapshot;
    expect(last.state).toBe('succeeded');
    expect(last.displayName).toBe('argo from the canvas');
    expect(last.tasks.filter((t) => t.kind === 'container').map((t) => t.id).sort()).toEqual(exampleTaskIds());
    const first = exampleTaskIds()[0] ?? '';
    expect((await call<{ text: string }>('runLogRead', { target: 'argo', runId, taskId: first })).text).toContain(`${first}: done`);
    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { target: 'argo', runId });
    expect(got.document?.name).toBe(exampleDocument().name);
    expect((await call<{ runs: RunSnapshot[] }>('runList', { target: 'argo' })).runs.map((r) => r.id)).toContain(runId);
  });

  it('refuses what only KFP can do with KFS914, saying what to do instead', async () => {
    const upload = await refused('pipelineUpload', { target: 'argo', document: exampleDocument() });
    expect(upload.code).toBe('KFS914');
    expect(upload.message).toMatch(/"argo".*submit the pipeline to it as a run/);
    const schedule = await refused('recurringRunCreate', { target: 'argo', document: exampleDocument(), displayName: 'x', cron: '@daily' });
    expect(schedule).toMatchObject({ code: 'KFS914', message: expect.stringMatching(/CronWorkflow/) });
    expect((await refused('runArchive', { target: 'argo', runId: 'x' })).message).toMatch(/terminate the run instead/);
    expect((await refused('experimentArchive', { target: 'argo', experimentId: 'default' })).code).toBe('KFS914');
    expect((await refused('runSubmit', { target: 'argo', pipelineVersion: { pipelineId: 'p' } })).code).toBe('KFS914');
  });
});

describe('targets', () => {
  it('refuses an unknown profile with KFS913 naming it and the profiles there are', async () => {
    for (const [name, request] of [
      ['runList', { target: 'nowhere' }],
      ['runWatch', { target: 'nowhere', runId: 'r' }],
      ['pipelineUpload', { target: 'nowhere', document: exampleDocument() }],
    ] as const) {
      const error = await refused(name, request);
      expect(error.code).toBe('KFS913');
      expect(error.message).toMatch(/"nowhere"/);
      expect(error.message).toMatch(/team, argo/);
    }
  });

  it('uses a replaced secret at once, ends watches on the old one, and forgets a removed profile', async () => {
    await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'spare', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN } });
    const runId = await submit({ target: 'spare', document: exampleDocument() });
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'spare', runId })).subscriptionId);
    await waitFor(() => watched.snapshots().length > 0);
    await call('clusterProfileSetSecret', { profile: 'spare', secret: 'not-the-token' });
    await waitFor(watched.ended);
    expect(watched.events.at(-1)).toMatchObject({ type: 'end', reason: expect.stringMatching(/credentials/) });
    expect((await refused('runList', { target: 'spare' })).code).toBe('KFS902');
    await call('clusterProfileSetSecret', { profile: 'spare', secret: TOKEN });
    expect((await call<{ runs: RunSnapshot[] }>('runList', { target: 'spare' })).runs.map((r) => r.id)).toContain(runId);
    await call('clusterProfileRemove', { profile: 'spare' });
    expect((await refused('runGet', { target: 'spare', runId })).code).toBe('KFS913');
  });

  it('reopens a profile whose kubeconfig file changed, ending watches on the old connection', async () => {
    const runId = await submit({ target: 'argo', document: exampleDocument() });
    const watched = listen((await call<{ subscriptionId: string }>('runWatch', { target: 'argo', runId })).subscriptionId);
    await waitFor(() => watched.snapshots().length > 0);
    expect((await call<{ runs: RunSnapshot[] }>('runList', { target: 'argo' })).runs.length).toBeGreaterThan(0);
    expect(watched.ended()).toBe(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(env.kubeconfigPath, later, later);
    expect((await call<{ runs: RunSnapshot[] }>('runList', { target: 'argo' })).runs.map((r) => r.id)).toContain(runId);
    await waitFor(watched.ended);
    expect(watched.events.at(-1)).toMatchObject({ type: 'end', reason: expect.stringMatching(/"argo" was changed/) });
  });

  it('still sends calls without a target to this computer', async () => {
    await call('experimentCreate', { name: 'only on this computer' });
    const names = async (request: object) => (await call<{ experiments: { name: string }[] }>('experimentList', request)).experiments.map((e) => e.name);
    expect(await names({})).toContain('only on this computer');
    expect(await names({ target: 'team' })).not.toContain('only on this computer');
    expect((await call<{ runs: RunSnapshot[] }>('runList', {})).runs).toEqual([]);
    const version = await refused('runSubmit', { pipelineVersion: { pipelineId: 'p' } });
    expect(version.code).toBe('KFS914');
  });
});
