// Runs over time: watching, following a log, terminating mid-run (processes gone), surviving a restart of the app,
// and runs left running by a crashed app marked interrupted.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectExecution } from '../../electron/host/runtime/local/container-engine';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { fixture, FIXTURES, freshDataDir, isAlive, openHostRuntime, taskOf, waitFor, removeDataDirs } from './runtime-helpers';

afterAll(removeDataDirs);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

describe('local runtime: runs over time', () => {
  it('terminates a run mid-step: its processes are gone and its tasks cancelled', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const runId = await runtime.submit({ pipeline: fixture('sleep.yaml') });
    const ws = runtime.store.workspaceDir(runId);
    const shPid = await waitFor(() => readPid(path.join(ws, 'sh.pid')), 'the step to start');
    const childPid = await waitFor(() => readPid(path.join(ws, 'child.pid')), 'the step to start its child');
    const chunks: string[] = [];
    const stopFollowing = runtime.followLog(runId, 'sleep', (chunk) => chunks.push(chunk.text));
    await waitFor(() => (chunks.join('').includes('sleeping') ? true : undefined), 'the log to stream');
    expect(isAlive(childPid)).toBe(true);
    await runtime.terminate(runId);
    const run = await runtime.getRun(runId);
    expect(run.state).toBe('cancelled');
    expect(taskOf(run, 'sleep').state).toBe('cancelled');
    expect(taskOf(run, 'after').state).toBe('cancelled');
    await waitFor(() => (!isAlive(shPid) && !isAlive(childPid) ? true : undefined), 'the step processes to end', 5000);
    stopFollowing();
    // A terminated run is written as such: a fresh instance sees it so.
    expect((await (await openHostRuntime(runtime.store.dataDir)).getRun(runId)).state).toBe('cancelled');
  });

  it('delivers snapshots to watchers with rising revisions, ending with the final state', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const runId = await runtime.submit({ pipeline: fixture('three-step.yaml') });
    const seen: RunSnapshot[] = [];
    const unsubscribe = runtime.watch(runId, (snapshot) => seen.push(snapshot));
    await runtime.waitForRun(runId);
    unsubscribe();
    expect(seen.length).toBeGreaterThan(1);
    const revisions = seen.map((s) => s.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(seen.at(-1)?.state).toBe('succeeded');
    expect(seen.some((s) => s.tasks.some((t) => t.state === 'running'))).toBe(true);
  });

  it('lists runs and experiments again after a restart, with their logs and outputs', async () => {
    const dataDir = freshDataDir();
    const first = await openHostRuntime(dataDir);
    const experiment = await first.createExperiment('nightly', 'every night');
    await expect(first.createExperiment('nightly')).rejects.toThrow(/already an experiment/);
    const runId = await first.submit({ pipeline: fixture('three-step.yaml'), experimentId: experiment.id, displayName: 'my run', sourcePath: '/docs/three.pipeline.json' });
    const finished = await first.waitForRun(runId);
    await first.close();

    const second = await openHostRuntime(dataDir);
    expect((await second.listExperiments()).map((e) => e.name)).toEqual(['Default', 'nightly']);
    const runs = await second.listRuns({ experimentId: experiment.id });
    expect(runs.map((r) => [r.id, r.displayName, r.state])).toEqual([[runId, 'my run', 'succeeded']]);
    expect(runs[0]?.tasks).toEqual(finished.tasks);
    expect(runs[0]?.sourcePath).toBe('/docs/three.pipeline.json');
    expect((await second.getPipeline(runId)).pipelineInfo).toEqual({ name: 'three-step' });
    expect((await second.readLog(runId, 'make-data')).text).toBe('made 3 rows\n');
    expect((await second.listRuns({ text: 'nothing like it' })).length).toBe(0);
    await expect(second.getRun('run-unknown')).rejects.toThrow(/no run "run-unknown"/);
    await expect(second.submit({ pipeline: fixture('three-step.yaml'), experimentId: 'nope' })).rejects.toThrow(/no experiment "nope"/);
  });

  it('marks a run left running by a crashed app as interrupted, and stops its orphaned steps', async () => {
    const dataDir = freshDataDir();
    const script = path.join(dataDir, 'crashing-app.mts');
    writeFileSync(
      script,
      [
        `import { readFileSync } from 'node:fs';`,
        `import { LocalRuntime } from ${JSON.stringify(path.join(repoRoot, 'electron/host/runtime/local/local-runtime.ts'))};`,
        `const runtime = await LocalRuntime.open({ dataDir: ${JSON.stringify(dataDir)}, detected: { mode: 'host', reason: 'test' } });`,
        `const id = await runtime.submit({ pipeline: readFileSync(${JSON.stringify(path.join(FIXTURES, 'sleep.yaml'))}, 'utf8') });`,
        `console.log(id);`,
        `setInterval(() => undefined, 1000);`,
      ].join('\n'),
    );
    const app = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    app.stdout.on('data', (data: Buffer) => (output += data.toString()));
    try {
      const runId = await waitFor(() => /run-[\w-]+/.exec(output)?.[0], 'the app to start a run', 15_000);
      const ws = path.join(dataDir, 'runs', runId, 'workspace');
      const childPid = await waitFor(() => readPid(path.join(ws, 'child.pid')), 'the step to start');
      const runJson = path.join(dataDir, 'runs', runId, 'run.json');
      await waitFor(() => {
        const record = JSON.parse(readFileSync(runJson, 'utf8')) as { processes: Record<string, number> };
        return Object.keys(record.processes).length ? true : undefined;
      }, 'the step process to be recorded');
      app.kill('SIGKILL');
      await new Promise((resolve) => app.once('exit', resolve));
      expect(isAlive(childPid)).toBe(true);

      const restarted = await openHostRuntime(dataDir);
      const run = await restarted.getRun(runId);
      expect(run.state).toBe('interrupted');
      expect(run.error).toMatch(/app stopped/);
      expect(taskOf(run, 'sleep').state).toBe('cancelled');
      expect(taskOf(run, 'after').state).toBe('cancelled');
      await waitFor(() => (!isAlive(childPid) ? true : undefined), 'the orphaned step to be stopped', 5000);
      expect((await restarted.listRuns({ states: ['interrupted'] })).map((r) => r.id)).toEqual([runId]);
    } finally {
      app.kill('SIGKILL');
    }
  });
});

describe('choosing how steps run', () => {
  function fakeEngine(dir: string, name: string, script: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }

  it('uses Docker only when its engine answers, and says why it runs on the host otherwise', async () => {
    const dir = path.join(freshDataDir(), 'bin');
    fakeEngine(dir, 'docker', 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2; exit 1');
    const noEngine = await detectExecution('auto', dir);
    expect(noEngine.mode).toBe('host');
    expect(noEngine.reason).toContain('docker is installed but its engine does not answer (Cannot connect to the Docker daemon');
    expect(noEngine.reason).toContain('podman is not on the PATH');

    // Podman answers `info` as Podman does (no Docker-only ServerVersion field), with a warning first and the JSON on
    // many lines; the real engines are detected in test/containers/step-escape.test.ts.
    fakeEngine(dir, 'podman', `echo 'WARN[0000] a warning' >&2; printf '{\\n  "host": {"arch": "amd64"},\\n  "version": {\\n    "Version": "4.3.1"\\n  }\\n}\\n'`);
    const podman = await detectExecution('auto', dir);
    expect(podman).toMatchObject({ mode: 'podman', binary: path.join(dir, 'podman'), reason: 'podman 4.3.1 answers: each step runs in its image' });
    expect(await detectExecution('podman', dir)).toMatchObject({ mode: 'podman' });

    expect((await detectExecution('host', dir)).mode).toBe('host');
    expect((await detectExecution('docker', dir)).mode).toBe('host');
  });
});
