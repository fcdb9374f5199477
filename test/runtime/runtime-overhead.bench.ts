// The local runtime's cost per task: pipelines of N no-op steps (`true`) run on the host, in chains of 4 so that
// steps both wait on each other and run side by side. Compared with spawning `true` N times from Node, the floor a
// process-per-step runtime cannot go under. Figures only, no assertions. Add `runtimeBench` to test/bench/run.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { formatMs, type BenchSection } from '../bench/bench-harness';

export const RUNTIME_SIZES = [50, 200] as const;

/** IR (as a parsed PipelineSpec) with `count` no-op steps; step i waits on step i-1 unless i is a multiple of 4. */
export function noOpPipeline(count: number): { [key: string]: unknown } {
  const tasks: { [name: string]: unknown } = {};
  for (let i = 0; i < count; i++) {
    tasks[`step-${i}`] = {
      componentRef: { name: 'comp-noop' },
      taskInfo: { name: `step-${i}` },
      ...(i % 4 !== 0 ? { dependentTasks: [`step-${i - 1}`] } : {}),
    };
  }
  return {
    pipelineInfo: { name: `noop-${count}` },
    schemaVersion: '2.1.0',
    components: { 'comp-noop': { executorLabel: 'exec-noop' } },
    deploymentSpec: { executors: { 'exec-noop': { container: { image: 'alpine:3.20', command: ['true'] } } } },
    root: { dag: { tasks } },
  };
}

async function spawnFloor(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => spawn('true', [], { stdio: 'ignore', detached: true }).once('exit', resolve));
  }
  return performance.now() - started;
}

async function timeRun(count: number, concurrency: number): Promise<{ wallMs: number; ok: boolean }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-bench-runtime-'));
  try {
    const runtime = await LocalRuntime.open({ dataDir, concurrency, detected: { mode: 'host', reason: 'bench' } });
    const started = performance.now();
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: noOpPipeline(count) }));
    const wallMs = performance.now() - started;
    await runtime.close();
    return { wallMs, ok: run.state === 'succeeded' && run.tasks.every((t) => t.state === 'succeeded') };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const runtimeBench: BenchSection = {
  id: 'runtime',
  title: 'Local runtime',
  async run({ quick }) {
    const rows: string[][] = [];
    const parallel = Math.max(2, availableParallelism());
    for (const count of quick ? [RUNTIME_SIZES[0]] : RUNTIME_SIZES) {
      const floor = await spawnFloor(count);
      for (const concurrency of [1, parallel]) {
        const { wallMs, ok } = await timeRun(count, concurrency);
        rows.push([String(count), String(concurrency), formatMs(wallMs), formatMs(wallMs / count), formatMs((wallMs - floor) / count), formatMs(floor / count), ok ? 'yes' : 'NO']);
      }
    }
    return [
      {
        title: 'no-op pipelines on the host (submit to end)',
        columns: ['tasks', 'concurrency', 'wall', 'wall per task', 'overhead per task beyond spawn', 'spawn `true` per task', 'all succeeded'],
        rows,
        notes: ['"overhead beyond spawn" = (wall - N sequential spawns of `true`) / N; negative means parallelism hid the spawn cost.'],
      },
    ];
  },
};
