// The KFP runtime against the emulator: upload and a name clash turned into a new version, a run watched to the end
// with states arriving on the document's task ids, logs, terminate, experiments, run lists, and a recurring run
// written with a five-field cron that fires.
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { PipelineExistsError } from '../../electron/host/runtime/kfp/kfp-runtime';
import { advanceUntil, waitFor } from './clusters.fixture';
import { exampleArchive, exampleIrYaml, exampleTaskIds } from './kfp-pipeline.fixture';
import { kfpRuntimes } from './kfp-runtime.fixture';

const TOKEN = 'kfp-token-secret-777';
const openRuntime = kfpRuntimes();
const kfpRuntime = (mode: 'url' | 'kubeconfig' = 'url') => openRuntime(mode, { kfpToken: TOKEN });

describe('KFP runtime: pipelines', () => {
  it('uploads an archive; the same name again is a coded conflict, then a new version of that pipeline', async () => {
    const { env, runtime } = await kfpRuntime();
    const first = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    expect(env.emulator.state.pipelines.has(first.pipelineId)).toBe(true);
    let clash: unknown;
    try {
      await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    } catch (error) {
      clash = error;
    }
    expect(clash).toBeInstanceOf(PipelineExistsError);
    expect((clash as PipelineExistsError).code).toBe('KFS909');
    expect((clash as PipelineExistsError).pipelineId).toBe(first.pipelineId);
    expect((clash as PipelineExistsError).message).toMatch(/new version/);
    const second = await runtime.uploadVersion((clash as PipelineExistsError).pipelineId, exampleArchive(), { versionName: 'v2' });
    expect(second.pipelineId).toBe(first.pipelineId);
    expect(second.versionId).not.toBe(first.versionId);
    expect(env.emulator.state.pipelines.size).toBe(1);
    expect([...env.emulator.state.versions.values()].filter((v) => v.pipeline_id === first.pipelineId)).toHaveLength(2);
  });
});

describe('KFP runtime: runs', () => {
  it('runs an uploaded version and watches it to success, states arriving on the document task ids', async () => {
    const { env, runtime } = await kfpRuntime();
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    const runId = await runtime.createRun({ version: ref, parameters: { rows: 50 }, displayName: 'first run' });
    const seen: RunSnapshot[] = [];
    runtime.watch(runId, (snapshot) => seen.push(snapshot));
    await waitFor(() => seen.length > 0);
    await advanceUntil(env.emulator, () => seen.at(-1)?.state === 'succeeded');
    expect(seen[0]?.state).toBe('pending');
    expect(seen.some((s) => s.state === 'running')).toBe(true);
    const last = seen.at(-1) as RunSnapshot;
    const ids = exampleTaskIds();
    expect(last.tasks.map((t) => t.id).sort()).toEqual(ids);
    expect(last.tasks.every((t) => t.state === 'succeeded')).toBe(true);
    expect(last.parameters).toEqual({ rows: 50 });
    // Some snapshot showed the first step running while later ones still waited.
    expect(seen.some((s) => s.tasks.some((t) => t.state === 'running') && s.tasks.some((t) => t.state === 'pending'))).toBe(true);
    expect(seen.map((s) => s.revision)).toEqual([...seen.map((s) => s.revision)].sort((a, b) => a - b));
    const log = await runtime.readLog(runId, 'make-data');
    expect(log.text).toContain('make-data: done');
    expect((await runtime.readLog(runId, 'make-data', log.offset)).text).toBe('');
    expect(await runtime.getPipeline(runId)).toMatchObject({ pipelineInfo: { name: 'classic-local' } });
  });

  it('submits an inline IR through the service proxy, and terminates it', async () => {
    const { env, runtime } = await kfpRuntime('kubeconfig');
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'running');
    await runtime.terminate(runId);
    const seen: RunSnapshot[] = [];
    runtime.watch(runId, (snapshot) => seen.push(snapshot));
    await advanceUntil(env.emulator, () => seen.at(-1)?.state === 'cancelled');
    expect(seen.at(-1)?.tasks.some((t) => t.state === 'cancelled')).toBe(true);
    expect(env.emulator.state.requests.some((r) => r.path.includes('/proxy/apis/v2beta1/runs'))).toBe(true);
  });

  it('reads a log through the pod log API when the KFP log endpoint fails', async () => {
    const { env, runtime } = await kfpRuntime('kubeconfig');
    const runId = await runtime.submit({ pipeline: exampleIrYaml() });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded');
    env.emulator.faults.add({ kind: 'status', status: 404, path: /\/nodes\/[^/]+\/log/ });
    const log = await runtime.readLog(runId, 'make-data');
    expect(log.text).toContain('make-data: done');
    expect(env.emulator.state.requests.some((r) => /\/api\/v1\/namespaces\/kubeflow\/pods\/[^/]+\/log/.test(r.path))).toBe(true);
  });

  it('retries a failed run, archives runs, lists with filter, sort and paging', async () => {
    const { env, runtime } = await kfpRuntime();
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    const experiment = await runtime.createExperiment('nightly', 'Nightly training');
    const ids: string[] = [];
    for (const name of ['alpha', 'beta', 'gamma']) ids.push(await runtime.createRun({ version: ref, displayName: name, experimentId: experiment.id }));
    await advanceUntil(env.emulator, () => [...env.emulator.state.runs.values()].every((r) => r.sim.state === 'succeeded'));
    const succeeded = await runtime.listRuns({ experimentId: experiment.id, states: ['succeeded'], sortBy: 'displayName' });
    expect(succeeded.map((r) => r.displayName)).toEqual(['alpha', 'beta', 'gamma']);
    const page = await runtime.listRunsPage({ experimentId: experiment.id, pageSize: 2, sortBy: 'displayName', descending: true });
    expect(page.runs.map((r) => r.displayName)).toEqual(['gamma', 'beta']);
    expect(page.nextPageToken).toBeTruthy();
    const next = await runtime.listRunsPage({ experimentId: experiment.id, pageSize: 2, pageToken: page.nextPageToken ?? '' });
    expect(next.runs.map((r) => r.displayName)).toEqual(['alpha']);
    expect((await runtime.listRuns({ text: 'bet' })).map((r) => r.displayName)).toEqual(['beta']);
    let refused: unknown;
    try {
      await runtime.retry(ids[0] ?? '');
    } catch (error) {
      refused = error;
    }
    expect(isKfsError(refused) && refused.code).toBe('KFS804');
    await runtime.archiveRun(ids[0] ?? '');
    expect(env.emulator.state.runs.get(ids[0] ?? '')?.storage_state).toBe('ARCHIVED');
    expect((await runtime.listExperiments()).map((e) => e.name)).toContain('nightly');
    await runtime.archiveExperiment(experiment.id);
    expect((await runtime.listExperiments()).map((e) => e.name)).not.toContain('nightly');
  });

  it('finds runs by text holding "%" and "+" (the filter is URL-encoded twice, as the server decodes it twice)', async () => {
    const { runtime } = await kfpRuntime();
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    for (const name of ['load 100% + more', 'load 100 more', 'plain']) await runtime.createRun({ version: ref, displayName: name });
    expect((await runtime.listRunsPage({ text: '100% +' })).runs.map((r) => r.displayName)).toEqual(['load 100% + more']);
    expect((await runtime.listRunsPage({ text: 'load 100' })).runs.map((r) => r.displayName).sort()).toEqual(['load 100 more', 'load 100% + more']);
  });

  it('retries a run whose step failed once', async () => {
    const { env, runtime } = await kfpRuntime();
    const ir = exampleIrYaml().replace(/image: ([^\n]+)/, 'image: registry.example/fail-once:1');
    const runId = await runtime.submit({ pipeline: ir });
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'failed');
    const failed = await runtime.getRun(runId);
    expect(failed.state).toBe('failed');
    const broken = failed.tasks.find((t) => t.state === 'failed');
    // The server says why only in the step's log (its task details carry no error).
    expect(broken?.hasLog).toBe(true);
    await runtime.retry(runId);
    await advanceUntil(env.emulator, () => env.emulator.state.runs.get(runId)?.sim.state === 'succeeded');
    const done = await runtime.getRun(runId);
    expect(done.state).toBe('succeeded');
    expect(done.tasks.find((t) => t.id === broken?.id)?.state).toBe('succeeded');
  });
});

describe('KFP runtime: recurring runs', () => {
  it('takes a five-field cron, sends six fields, and fires on schedule', async () => {
    const { env, runtime } = await kfpRuntime();
    const ref = await runtime.uploadPipeline(exampleArchive(), { name: 'classic-local' });
    const created = await runtime.createRecurringRun({ displayName: 'every 5 minutes', version: ref, cron: '*/5 * * * *', maxConcurrency: 2, catchup: false });
    expect(created.cron).toBe('*/5 * * * *');
    const record = env.emulator.state.recurringRuns.get(created.id);
    expect(JSON.stringify(record?.trigger)).toContain('0 */5 * * * *');
    expect(record?.max_concurrency).toBe(2);
    expect(record?.no_catchup).toBe(true);
    env.emulator.clock.advance(11 * 60_000);
    const fired = [...env.emulator.state.runs.values()].filter((run) => run.recurring_run_id === created.id);
    expect(fired.length).toBeGreaterThanOrEqual(2);
    let refused: unknown;
    try {
      await runtime.createRecurringRun({ displayName: 'bad', version: ref, cron: '61 * * * *' });
    } catch (error) {
      refused = error;
    }
    expect(isKfsError(refused) && refused.code).toBe('KFS911');
    expect((refused as Error).message).toContain('minute 61');
    const interval = await runtime.createRecurringRun({ displayName: 'hourly', version: ref, intervalSeconds: 3600 });
    expect(JSON.stringify(env.emulator.state.recurringRuns.get(interval.id)?.trigger)).toContain('3600');
    const listed = await runtime.listRecurringRuns();
    expect(listed.find((r) => r.id === created.id)).toMatchObject({ cron: '*/5 * * * *', maxConcurrency: 2, catchup: false, enabled: true });
    expect(listed.find((r) => r.id === interval.id)).toMatchObject({ intervalSeconds: 3600, catchup: true });
    await runtime.setRecurringRunEnabled(created.id, false);
    env.emulator.clock.advance(11 * 60_000);
    expect([...env.emulator.state.runs.values()].filter((run) => run.recurring_run_id === created.id)).toHaveLength(fired.length);
  });
});
