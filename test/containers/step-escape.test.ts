// Steps cannot escape their run: the hostile pipeline (hostile-pipeline.ts) runs for real in Docker and in Podman
// (engines from setup-engines.sh) and on the host, and nothing outside the run changes: links a step leaves where the
// host keeps its own files are not followed, an artifact location outside the run is refused (KFS812), an output that
// is a link is refused (KFS813), what the host reads back is capped (KFS811) and never a FIFO (KFS810). Run folders
// are 0700 and their files 0600.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectedExecution } from '../../electron/host/runtime/local/container-engine';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { fixture, freshDataDir, removeDataDirs, taskOf } from '../runtime/runtime-helpers';
import { ENGINES_REQUIRED, skipNote, testEngines } from './engines';
import { hostilePipeline, type HostileTargets } from './hostile-pipeline';

const engines = await testEngines();
const modes: [string, DetectedExecution | undefined][] = [
  ['host', { mode: 'host', reason: 'steps on this machine' }],
  ['docker', engines.available.docker],
  ['podman', engines.available.podman],
];
afterAll(removeDataDirs);

it('has the container engines it tests', () => {
  if (!ENGINES_REQUIRED && engines.missing.length) console.warn(skipNote(engines));
  if (ENGINES_REQUIRED) expect(engines.missing, 'the engine setup failed: see its log').toEqual([]);
});

const PRECIOUS = 'precious, not to be touched\n';

function targets(): HostileTargets {
  const dir = freshDataDir();
  const secretDir = path.join(dir, 'secrets');
  mkdirSync(secretDir);
  const t = { logTarget: path.join(dir, 'bashrc'), inputsTarget: path.join(dir, 'profile'), secretDir, secretFile: path.join(secretDir, 'token') };
  for (const file of [t.logTarget, t.inputsTarget, t.secretFile]) writeFileSync(file, PRECIOUS);
  return t;
}

/** Waits for the run but gives up (failing) after `ms`: a host that hangs on a step's file must fail, not stall. */
async function finished(runtime: LocalRuntime, runId: string, ms = 150_000): Promise<RunSnapshot> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the run did not end within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([runtime.waitForRun(runId), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

for (const [name, execution] of modes) {
  describe.skipIf(!execution)(`hostile steps (${name})`, () => {
    let runtime: LocalRuntime;
    let run: RunSnapshot;
    let t: HostileTargets;

    beforeAll(async () => {
      t = targets();
      runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: execution!, concurrency: 2 });
      run = await finished(runtime, await runtime.submit({ pipeline: hostilePipeline(engines.pythonImage, t) }));
    }, 200_000);
    afterAll(() => runtime?.close());

    it('follows no link a step leaves in place of its log or of the next task\'s inputs.json', () => {
      expect(readFileSync(t.logTarget, 'utf8')).toBe(PRECIOUS);
      expect(readFileSync(t.inputsTarget, 'utf8')).toBe(PRECIOUS);
      expect(taskOf(run, 'log-link').state).toBe('failed');
      if (name === 'host') expect(taskOf(run, 'log-link').error?.code).toBe('KFS810');
      expect(taskOf(run, 'victim').state).toBe('succeeded');
      const inputs = JSON.parse(readFileSync(path.join(runtime.store.taskDir(run.id, 'victim'), 'inputs.json'), 'utf8')) as { argv: string[] };
      expect(inputs.argv[0]).toBe('sh');
    });

    it('refuses an artifact location outside the run, so no step is handed a folder of this machine', () => {
      expect(taskOf(run, 'report-uri')).toMatchObject({ state: 'failed', error: { code: 'KFS812' } });
      expect(taskOf(run, 'report-uri').error?.message).toContain(t.secretDir);
      expect(taskOf(run, 'use-uri').state).not.toBe('succeeded');
      expect(existsSync(path.join(t.secretDir, 'pwned'))).toBe(false);
    });

    it('refuses an output artifact that is a link, so the next step never reads what it points at', () => {
      expect(taskOf(run, 'link-artifact')).toMatchObject({ state: 'failed', error: { code: 'KFS813' } });
      expect(taskOf(run, 'read-link').state).not.toBe('succeeded');
      expect(JSON.stringify(taskOf(run, 'read-link').outputs ?? {})).not.toContain('precious');
    });

    it('never reads a FIFO or more than the cap of what a step hands back', () => {
      expect(taskOf(run, 'fifo-output')).toMatchObject({ state: 'failed', error: { code: 'KFS810' } });
      expect(taskOf(run, 'huge-output')).toMatchObject({ state: 'failed', error: { code: 'KFS811' } });
    });

    it('keeps the run to this user: folders 0700, files 0600', () => {
      const runDir = runtime.store.runDir(run.id);
      const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
      expect([runDir, path.join(runDir, 'logs'), path.join(runDir, 'tasks'), runtime.store.taskDir(run.id, 'huge-output')].map(mode)).toEqual(['700', '700', '700', '700']);
      expect([path.join(runDir, 'run.json'), runtime.store.logFile(run.id, 'victim'), path.join(runtime.store.taskDir(run.id, 'victim'), 'inputs.json')].map(mode)).toEqual(['600', '600', '600']);
    });
  });
}

for (const engine of ['docker', 'podman'] as const) {
  describe.skipIf(!engines.available[engine])(`a well-behaved pipeline in ${engine}`, () => {
    it('passes parameters and artifacts between steps in their image, with no network', async () => {
      const runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: engines.available[engine]! });
      try {
        const pipeline = fixture('three-step.yaml').replaceAll('alpine:3.20', engines.pythonImage).replaceAll('python:3.11', engines.pythonImage);
        const run = await finished(runtime, await runtime.submit({ pipeline, parameters: { rows: 3 } }));
        expect(run.state, JSON.stringify(run.tasks.map((task) => [task.id, task.error]))).toBe('succeeded');
        expect(run.execution.mode).toBe(engine);
        expect(taskOf(run, 'transform').outputs?.parameters.total).toBe(15);
        const inputs = readFileSync(path.join(runtime.store.taskDir(run.id, 'transform'), 'inputs.json'), 'utf8');
        expect(inputs).toContain(engines.pythonImage);
      } finally {
        await runtime.close();
      }
    }, 120_000);

    it('copies an importer\'s file of this machine into the run, so the container needs no mount outside it', async () => {
      const dataDir = freshDataDir();
      const source = path.join(dataDir, 'source.txt');
      writeFileSync(source, 'a\nb\nc\nd\n');
      const runtime = await LocalRuntime.open({ dataDir, detected: engines.available[engine]! });
      try {
        const pipeline = fixture('features.yaml').replaceAll('alpine:3.20', engines.pythonImage).replaceAll('python:3.11', engines.pythonImage);
        const run = await finished(runtime, await runtime.submit({ pipeline, parameters: { source } }));
        expect(run.state, JSON.stringify(run.tasks.map((task) => [task.id, task.error]))).toBe('succeeded');
        const imported = taskOf(run, 'importer').outputs?.artifacts.artifact?.[0];
        expect(imported?.uri.startsWith(runtime.store.runDir(run.id) + path.sep)).toBe(true);
        expect(imported?.metadata).toEqual({ origin: source });
        expect(taskOf(run, 'inner/count-lines').outputs?.parameters.Output).toBe(4);
      } finally {
        await runtime.close();
      }
    }, 120_000);
  });
}
