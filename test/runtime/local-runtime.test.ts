// The local runtime running real processes (sh, python3) on the host, from IR fixtures written in the SDK's shape.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { fixture, freshDataDir, openHostRuntime, taskOf, removeDataDirs } from './runtime-helpers';

afterAll(removeDataDirs);

describe('local runtime: data flow', () => {
  it('passes a parameter and an artifact file along three steps, typing outputs by their declared types', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const runId = await runtime.submit({ pipeline: fixture('three-step.yaml'), parameters: { rows: 4 } });
    const run = await runtime.waitForRun(runId);
    expect(run.state).toBe('succeeded');
    expect(run.execution.mode).toBe('host');
    expect(taskOf(run, 'make-data').outputs?.parameters.count).toBe(4);
    // rows 1..4 times 10, divided by 4: a NUMBER_DOUBLE read from the step's output file.
    expect(taskOf(run, 'transform').outputs?.parameters.total).toBe(25);
    expect(run.outputs?.parameters.total).toBe(25);
    const report = taskOf(run, 'report');
    expect(report.inputs?.parameters.greeting).toBe('Hello from three-step, rows=4');
    const log = await runtime.readLog(runId, 'report');
    expect(log.text).toBe('Hello from three-step, rows=4 total=25\nv=10\nv=20\nv=30\nv=40\n');
    const artifacts = await runtime.listArtifacts(runId);
    expect(artifacts.map((a) => `${a.taskId}.${a.output}`).sort()).toEqual(['make-data.data', 'transform.out']);
    const bytes = await runtime.readArtifact(runId, 'transform', 'out');
    expect(new TextDecoder().decode(bytes)).toBe('v=10\nv=20\nv=30\nv=40\n');
    expect(run.tasks.every((t) => t.startedAt && t.finishedAt && t.attempts === 1)).toBe(true);
  });

  it('reuses outputs of a step with the same inputs (cached), and not when the inputs or the choice differ', async () => {
    const dataDir = freshDataDir();
    const runtime = await openHostRuntime(dataDir);
    const first = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('three-step.yaml') }));
    expect(first.tasks.map((t) => t.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const second = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('three-step.yaml') }));
    expect(second.state).toBe('succeeded');
    expect(second.tasks.map((t) => t.state)).toEqual(['cached', 'cached', 'cached']);
    expect(taskOf(second, 'transform').cachedFrom).toEqual({ runId: first.id, taskId: 'transform' });
    expect(taskOf(second, 'transform').outputs?.parameters.total).toBe(15);
    // The cached artifact is a copy in the new run's folder.
    const copied = taskOf(second, 'transform').outputs?.artifacts.out?.[0]?.uri ?? '';
    expect(copied.startsWith(path.join(dataDir, 'runs', second.id))).toBe(true);
    expect(readFileSync(copied, 'utf8')).toBe('v=10\nv=20\nv=30\n');
    const changed = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('three-step.yaml'), parameters: { rows: 2 } }));
    expect(changed.tasks.map((t) => t.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const noCache = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('three-step.yaml'), enableCaching: false }));
    expect(noCache.tasks.map((t) => t.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('runs importers, nested pipelines, oneOf outputs, Concat/IfPresent and the executor input', async () => {
    const dataDir = freshDataDir();
    const source = path.join(dataDir, 'source.txt');
    writeFileSync(source, 'a\nb\nc\nd\n');
    const runtime = await openHostRuntime(dataDir);
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('features.yaml'), parameters: { source } }));
    expect(run.state).toBe('succeeded');
    const imported = taskOf(run, 'importer').outputs?.artifacts.artifact?.[0];
    expect(imported).toMatchObject({ uri: source, schemaTitle: 'system.Dataset', metadata: { origin: source } });
    expect(taskOf(run, 'inner/count-lines').outputs?.parameters.Output).toBe(4);
    expect(taskOf(run, 'inner').outputs?.parameters.lines).toBe(4);
    expect(taskOf(run, 'condition-branches-1/condition-3').state).toBe('skipped');
    expect(taskOf(run, 'condition-branches-1/condition-3/label-2').state).toBe('skipped');
    expect(run.outputs?.parameters.label).toBe('many');
    const show = taskOf(run, 'show');
    const model = show.outputs?.artifacts.model?.[0];
    expect(show.outputs?.parameters.echo).toBe(`many+tail --opt x y --no-missing uri=${model?.uri} meta={}`);
    // Metadata the step wrote to executor_output.json.
    expect(model?.metadata).toEqual({ accuracy: 0.9 });
    expect(new TextDecoder().decode(await runtime.readArtifact(run.id, 'show', 'model'))).toBe('weights');
  });
});

describe('local runtime: control flow', () => {
  it('runs the tasks of a condition only when it holds, loops with parallelism 2 and collects their outputs', async () => {
    const runtime = await openHostRuntime(freshDataDir(), 4);
    const heads = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('control-flow.yaml') }));
    expect(heads.state).toBe('succeeded');
    expect(taskOf(heads, 'condition-1/say-heads').state).toBe('succeeded');
    expect(taskOf(heads, 'condition-2').state).toBe('skipped');
    expect(taskOf(heads, 'condition-2/say-tails').state).toBe('skipped');
    expect(taskOf(heads, 'condition-3/say-big').state).toBe('succeeded');
    expect(heads.tasks.filter((t) => t.parentId === 'for-loop-1').map((t) => t.iteration)).toEqual([0, 1, 2, 3]);
    expect(taskOf(heads, 'for-loop-1').outputs?.parameters['pipelinechannel--double-Output']).toEqual([2, 4, 6, 8]);
    expect(taskOf(heads, 'collect').outputs?.parameters.Output).toBe(20);
    expect(await runtime.readLog(heads.id, 'for-loop-2/1/say-name')).toMatchObject({ text: 'bob\n' });
    // At most two iterations overlapped, and two did.
    const events = readFileSync(path.join(runtime.store.workspaceDir(heads.id), 'loop.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([kind, time]) => ({ kind, time: Number(time) }))
      .sort((a, b) => a.time - b.time || (a.kind === 'end' ? -1 : 1));
    let running = 0;
    let most = 0;
    for (const event of events) {
      running += event.kind === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(events).toHaveLength(8);
    expect(most).toBe(2);

    const tails = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('control-flow.yaml'), parameters: { side: 'tails', number: 3 } }));
    expect(taskOf(tails, 'condition-1/say-heads').state).toBe('skipped');
    expect(taskOf(tails, 'condition-2/say-tails').state).toBe('succeeded');
    expect(taskOf(tails, 'condition-3').skipReason).toMatch(/is false/);
  });

  it('runs loops inside loops, and iterates over artifacts collected from a loop', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('nested-loops.yaml') }));
    expect(run.state).toBe('succeeded');
    const pairs = run.tasks.filter((t) => t.name === 'pair').map((t) => t.id);
    expect(pairs.sort()).toEqual(['for-loop-1/0/for-loop-2/0/pair', 'for-loop-1/0/for-loop-2/1/pair', 'for-loop-1/1/for-loop-2/0/pair', 'for-loop-1/1/for-loop-2/1/pair']);
    expect((await runtime.readLog(run.id, 'for-loop-1/1/for-loop-2/0/pair')).text).toBe('b-1\n');
    expect(taskOf(run, 'for-loop-3').outputs?.artifacts['pipelinechannel--write-out']).toHaveLength(3);
    const reads = await Promise.all([0, 1, 2].map((i) => runtime.readLog(run.id, `for-loop-4/${i}/read`)));
    expect(reads.map((r) => r.text)).toEqual(['read x\n', 'read y\n', 'read z\n']);
  });

  it('runs the exit handler after a failing group, with its final status, and fails the run', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('exit-handler.yaml') }));
    expect(run.state).toBe('failed');
    expect(taskOf(run, 'exit-handler-1/fail-op').state).toBe('failed');
    expect(taskOf(run, 'exit-handler-1').state).toBe('failed');
    expect(taskOf(run, 'exit-op').state).toBe('succeeded');
    const log = (await runtime.readLog(run.id, 'exit-op')).text;
    expect(log).toContain('exit handler: cleaning up');
    const status = JSON.parse(log.split('status: ')[1] ?? '{}') as { state?: string; pipelineTaskName?: string };
    expect(status).toMatchObject({ state: 'FAILED', pipelineTaskName: 'exit-handler-1' });
  });

  it('retries a step by its retryPolicy until it succeeds', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('retry.yaml') }));
    expect(run.state).toBe('succeeded');
    expect(taskOf(run, 'flaky').attempts).toBe(2);
    const log = (await runtime.readLog(run.id, 'flaky')).text;
    expect(log).toMatch(/first try fails\n[\s\S]*attempt 2 of 3\nsecond try works\n/);
  });

  it('fails the run when a step fails: its log is readable, its downstream skipped, independent steps still run', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('failing.yaml') }));
    expect(run.state).toBe('failed');
    const boom = taskOf(run, 'boom');
    expect(boom.state).toBe('failed');
    expect(boom.error).toMatchObject({ exitCode: 3 });
    expect(taskOf(run, 'after')).toMatchObject({ state: 'skipped', skipReason: 'upstream task boom did not succeed' });
    expect(taskOf(run, 'independent').state).toBe('succeeded');
    const log = await runtime.readLog(run.id, 'boom');
    expect(log.text).toContain('error: column price is missing');
    // Reading from an offset continues where the last read ended.
    expect((await runtime.readLog(run.id, 'boom', log.offset)).text).toBe('');
  });

  it('retries a failed run: failed steps run again, succeeded ones keep their outputs', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const failed = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('retry-run.yaml') }));
    expect(failed.state).toBe('failed');
    await runtime.retry(failed.id);
    const retried: RunSnapshot = await runtime.waitForRun(failed.id);
    expect(retried.state).toBe('succeeded');
    expect(taskOf(retried, 'flaky').state).toBe('succeeded');
    expect(readFileSync(path.join(runtime.store.workspaceDir(failed.id), 'first.count'), 'utf8')).toBe('ran\n');
    expect((await runtime.readLog(failed.id, 'flaky')).text).toContain('got word');
    await expect(runtime.retry(failed.id)).rejects.toThrow(/nothing to retry/);
  });

  it('fails a KFP Python component with a clear message when the kfp package is missing on the host', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: fixture('kfp-python.yaml') }));
    const hello = taskOf(run, 'hello');
    const { spawnSync } = await import('node:child_process');
    if (spawnSync('python3', ['-c', 'import kfp']).status === 0) {
      console.warn('kfp is installed here: the missing-kfp message is not exercised');
      return;
    }
    expect(run.state).toBe('failed');
    expect(hello.error?.message).toContain('needs the kfp Python package: pip install kfp, or run with Docker');
    expect(existsSync(runtime.store.logFile(run.id, 'hello'))).toBe(true);
  });
});
