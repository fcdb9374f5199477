// The local runtime's cost per step in container mode: a chain of N no-op steps (`true` in the base image) run
// through the real runtime with Docker and with Podman, against a bare `ENGINE run --rm IMAGE true` measured in the
// same run, the two interleaved round by round so both see the same machine load. Target: ratio ≤ 1.3×. Engines are
// the test setup's (test/containers/setup-engines.sh); without one the section says why and measures nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import type { DetectedExecution } from '../../electron/host/runtime/local/container-engine';
import { skipNote, testEngines } from '../containers/engines';
import { formatMs, formatRatio, summarize, type BenchSection, type BenchTable } from './bench-harness';
import { containerEvents, phasesOf, type ContainerPhases } from './container-phases';
import { RUN_LABEL } from '../../electron/host/runtime/local/container-engine';

/** IR (as a parsed PipelineSpec) with `count` no-op steps in `image`, each waiting on the one before. */
export function containerChain(count: number, image: string): { [key: string]: unknown } {
  const tasks: { [name: string]: unknown } = {};
  for (let i = 0; i < count; i++) {
    tasks[`step-${i}`] = { componentRef: { name: 'comp-noop' }, taskInfo: { name: `step-${i}` }, ...(i > 0 ? { dependentTasks: [`step-${i - 1}`] } : {}) };
  }
  return {
    pipelineInfo: { name: `container-noop-${count}` },
    schemaVersion: '2.1.0',
    components: { 'comp-noop': { executorLabel: 'exec-noop' } },
    deploymentSpec: { executors: { 'exec-noop': { container: { image, command: ['true'] } } } },
    root: { dag: { tasks } },
  };
}

/** Wall time (ms) of one bare `ENGINE run --rm IMAGE true`; NaN when it failed. */
function bareRun(binary: string, image: string, flags: string[] = []): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(binary, ['run', '--rm', ...flags, image, 'true'], { stdio: 'ignore' });
    child.once('error', () => resolve(Number.NaN));
    child.once('exit', (code) => resolve(code === 0 ? performance.now() - started : Number.NaN));
  });
}

/** One chain through the runtime: each step's time (ms, from one step's end to the next's, the first from submit). */
async function runtimeChain(detected: DetectedExecution, image: string, count: number): Promise<{ perStep: number[]; wallMs: number; ok: boolean; runId: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kfs-bench-containers-'));
  try {
    const runtime = await LocalRuntime.open({ dataDir, concurrency: 1, detected });
    try {
      const submittedAt = Date.now();
      const started = performance.now();
      const run = await runtime.waitForRun(await runtime.submit({ pipeline: containerChain(count, image) }));
      const wallMs = performance.now() - started;
      const ends = [...run.tasks].map((t) => Date.parse(t.finishedAt ?? '')).sort((a, b) => a - b);
      const perStep = ends.map((end, i) => end - (i === 0 ? submittedAt : (ends[i - 1] ?? end)));
      return { perStep, wallMs, ok: run.state === 'succeeded' && run.tasks.length === count && run.tasks.every((t) => t.state === 'succeeded'), runId: run.id };
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Figures of the runs that succeeded (NaN figures when none did). */
function summarizeRuns(samples: readonly number[]): ReturnType<typeof summarize> {
  const ok = samples.filter((ms) => !Number.isNaN(ms));
  return summarize(ok.length ? ok : [Number.NaN]);
}

export const containerRunBench: BenchSection = {
  id: 'containers',
  title: 'Local runtime in containers',
  async run({ quick }) {
    const engines = await testEngines();
    const found = Object.values(engines.available);
    if (!found.length) return [{ title: 'per-step overhead in containers', columns: ['skipped'], rows: [[skipNote(engines)]] }];
    const steps = 10;
    const rounds = quick ? 1 : 3;
    const rows: string[][] = [];
    const phaseRows: string[][] = [];
    const notes: string[] = [];
    for (const detected of found) {
      const binary = detected.binary ?? detected.mode;
      const bare: number[] = [];
      const bareNone: number[] = [];
      const perStep: number[] = [];
      let wallPerStep = 0;
      let allOk = true;
      const loadBefore = loadavg()[0] ?? 0;
      const benchLabel = `kfp-studio.bench=${process.pid}-${detected.mode}`;
      const runtimePhases: ContainerPhases[] = [];
      const since = Date.now();
      // A first bare run outside the figures: the engine's caches warm up the same for both sides.
      await bareRun(binary, engines.baseImage);
      for (let round = 0; round < rounds; round++) {
        // Each kind in a row (not alternating), so the engine's events show what lies between two of the same kind.
        for (let i = 0; i < steps; i++) bare.push(await bareRun(binary, engines.baseImage, ['--label', `${benchLabel}-default`]));
        for (let i = 0; i < steps; i++) bareNone.push(await bareRun(binary, engines.baseImage, ['--network=none', '--label', `${benchLabel}-none`]));
        const chain = await runtimeChain(detected, engines.baseImage, steps);
        runtimePhases.push(...phasesOf(await containerEvents(binary, since, Date.now() + 1000, `${RUN_LABEL}=${chain.runId}`)));
        perStep.push(...chain.perStep);
        wallPerStep += chain.wallMs / steps / rounds;
        allOk &&= chain.ok;
      }
      const until = Date.now() + 1000;
      phaseRows.push(
        phaseRow(`${detected.mode}: runtime step`, runtimePhases),
        phaseRow(`${detected.mode}: bare --network=none`, phasesOf(await containerEvents(binary, since, until, `${benchLabel}-none`))),
        phaseRow(`${detected.mode}: bare (default network)`, phasesOf(await containerEvents(binary, since, until, `${benchLabel}-default`))),
      );
      const failedBare = [...bare, ...bareNone].filter((ms) => Number.isNaN(ms)).length;
      const bareTiming = summarizeRuns(bare);
      const bareNoneTiming = summarizeRuns(bareNone);
      const stepTiming = summarize(perStep.filter((ms) => Number.isFinite(ms)));
      const load = `${loadBefore.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`;
      rows.push([
        detected.mode,
        String(rounds * steps),
        formatMs(bareTiming.median),
        formatMs(bareTiming.p95),
        formatMs(bareNoneTiming.median),
        formatMs(stepTiming.median),
        formatMs(stepTiming.p95),
        formatMs(wallPerStep),
        formatRatio(stepTiming.median / bareTiming.median),
        formatRatio(wallPerStep / bareTiming.median),
        formatRatio(stepTiming.median / bareNoneTiming.median),
        load,
        allOk && !failedBare ? 'yes' : `NO${failedBare ? ` (${failedBare} bare runs failed)` : ''}`,
      ]);
    }
    for (const missing of engines.missing.filter((m) => m.startsWith('docker') || m.startsWith('podman'))) notes.push(`not measured: ${missing}`);
    const table: BenchTable = {
      title: `per-step overhead in containers: chains of ${steps} no-op steps in ${engines.baseImage} vs bare \`run --rm IMAGE true\` (target ≤ ×1.30)`,
      columns: ['engine', 'samples', 'bare median', 'bare p95', 'bare --network=none median', 'runtime step median', 'runtime step p95', 'runtime wall/step', 'ratio (median)', 'ratio (wall)', 'ratio vs none', 'load 1 min', 'all succeeded'],
      rows,
      notes: [
        'runtime step = from one step\'s end to the next\'s (the first from submit: it includes opening the run and the image check); wall/step = submit to end / N.',
        'ratio vs none = runtime step median / bare `run --rm --network=none IMAGE true` median: the isolation every step keeps (steps get no network unless they ask), so what is left is the runtime\'s own cost.',
        'bare and runtime runs alternate round by round (10 bare, 10 bare --network=none, a chain of 10), so all see about the same load; the first bare run is a warm-up, outside the figures.',
        ...notes,
      ],
    };
    const phases: BenchTable = {
      title: "where a container step's time goes, from the engine's own events (medians over the same containers as above)",
      columns: ['containers', 'count', 'create → start (setup)', 'start → die (command)', 'die → destroy (removal)', 'previous die → create (between containers)'],
      rows: phaseRows,
      notes: [
        'setup is the engine making the container (mounts, network namespace); between containers is what lies on the path from one container\'s exit to the next one\'s creation: for a bare `run --rm`, the removal and a new CLI; for the runtime, reading the step\'s outputs, recording it, starting the next step and its CLI.',
        'the runtime removes each exited container in the background (off the step\'s path), so its removal overlaps the next step; a bare `run --rm` waits for it.',
        'the runtime\'s steps join one loopback-only network namespace per run (held by a sleeping container, not counted here) instead of each making its own with --network=none: setup as cheap as the default network\'s, isolation as --network=none\'s.',
        'Docker answers only the latest of its events (a buffer of about 256), so its counts can be below the runs made: its medians are over the containers it still had.',
        'no chown container ran: the app runs as root here, so a step\'s files are already the user\'s (as with rootless Podman); for a non-root user with rootful Docker one runs after a step only when the step left files owned by someone else.',
      ],
    };
    return [table, phases];
  },
};

function phaseRow(name: string, phases: readonly ContainerPhases[]): string[] {
  const median = (pick: (p: ContainerPhases) => number) => {
    const values = phases.map(pick).filter(Number.isFinite);
    return values.length ? formatMs(summarize(values).median) : '—';
  };
  return [name, String(phases.length), median((p) => p.setupMs), median((p) => p.runMs), median((p) => p.removeMs), median((p) => p.gapMs)];
}
