// Step containers carry their run's label and none is left behind: once a run ended (each exited container is removed
// in the background, the run ending when they are gone), after a terminate, and after the app that ran them died (a restart removes the run's leftover containers by label and says so). Real Docker and Podman.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_LABEL } from '../../electron/host/runtime/local/container-engine';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { endedPid, writeRunningRecord } from '../runtime/run-records';
import { freshDataDir, removeDataDirs, taskOf, waitFor } from '../runtime/runtime-helpers';
import { testEngines } from './engines';

const engines = await testEngines();
afterAll(removeDataDirs);

function containersOf(binary: string, runId: string, task?: string): string[] {
  const listed = spawnSync(binary, ['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`, ...(task ? ['--filter', `label=kfp-studio.task=${task}`] : [])], { encoding: 'utf8' });
  return listed.stdout.split('\n').filter(Boolean);
}

const sleepy = (image: string) => ({
  pipelineInfo: { name: 'sleepy' },
  schemaVersion: '2.1.0',
  sdkVersion: 'kfp-2.14.3',
  components: { 'comp-nap': { executorLabel: 'exec-nap' } },
  deploymentSpec: { executors: { 'exec-nap': { container: { image, command: ['sleep', '300'] } } } },
  root: { dag: { tasks: { nap: { componentRef: { name: 'comp-nap' }, taskInfo: { name: 'nap' } } } } },
});

/** Two steps in a row that succeed, and one beside them that fails twice (one retry). */
const endsThreeWays = (image: string) => ({
  pipelineInfo: { name: 'ends-three-ways' },
  schemaVersion: '2.1.0',
  sdkVersion: 'kfp-2.14.3',
  components: { 'comp-ok': { executorLabel: 'exec-ok' }, 'comp-no': { executorLabel: 'exec-no' } },
  deploymentSpec: { executors: { 'exec-ok': { container: { image, command: ['true'] } }, 'exec-no': { container: { image, command: ['false'] } } } },
  root: {
    dag: {
      tasks: {
        first: { componentRef: { name: 'comp-ok' }, taskInfo: { name: 'first' } },
        second: { componentRef: { name: 'comp-ok' }, taskInfo: { name: 'second' }, dependentTasks: ['first'] },
        fails: { componentRef: { name: 'comp-no' }, taskInfo: { name: 'fails' }, retryPolicy: { maxRetryCount: 1 } },
      },
    },
  },
});

for (const engine of ['docker', 'podman'] as const) {
  const detected = engines.available[engine];
  describe.skipIf(!detected)(`containers of a run in ${engine}`, () => {
    it('are labelled with the run and gone after a terminate', async () => {
      const runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: detected! });
      try {
        const runId = await runtime.submit({ pipeline: sleepy(engines.baseImage) });
        await waitFor(() => (containersOf(detected!.binary!, runId, 'nap').length ? true : undefined), 'the step container to start', 60_000);
        await runtime.terminate(runId);
        const run = await runtime.getRun(runId);
        expect(run.state).toBe('cancelled');
        expect(taskOf(run, 'nap').state).toBe('cancelled');
        expect(containersOf(detected!.binary!, runId)).toEqual([]);
      } finally {
        await runtime.close();
      }
    }, 120_000);

    it('are gone once a run has ended, its steps succeeded, failed or retried (removed off each step’s path)', async () => {
      const runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: detected! });
      try {
        const run = await runtime.waitForRun(await runtime.submit({ pipeline: endsThreeWays(engines.baseImage) }));
        expect(run.tasks.map((t) => `${t.id} ${t.state} ${t.attempts}`).sort()).toEqual(['fails failed 2', 'first succeeded 1', 'second succeeded 1']);
        expect(containersOf(detected!.binary!, run.id)).toEqual([]);
      } finally {
        await runtime.close();
      }
    }, 120_000);

    it('left by an app that died are removed at the next start, which says so', async () => {
      const dataDir = freshDataDir();
      const runId = `run-crashed-${engine}`;
      const started = spawnSync(detected!.binary!, ['run', '-d', '--network=none', '--label', `${RUN_LABEL}=${runId}`, engines.baseImage, 'sleep', '300'], { encoding: 'utf8' });
      expect(started.status, started.stderr).toBe(0);
      await writeRunningRecord(dataDir, runId, { owner: { pid: await endedPid() }, processes: { nap: await endedPid() }, execution: { mode: engine, reason: 'test' } });
      const runtime = await LocalRuntime.open({ dataDir, detected: detected! });
      try {
        const run = await runtime.getRun(runId);
        expect(run.state).toBe('interrupted');
        expect(run.error).toContain('1 leftover container(s) of the run were removed');
        expect(containersOf(detected!.binary!, runId)).toEqual([]);
      } finally {
        await runtime.close();
      }
    }, 120_000);
  });
}
