// The tutorial end to end with the real engine, the local registry and the KFP emulator, as a person would do it with
// the bundled example: each of its three scripts (resources/examples/tutorial/) built into its own image and pushed
// with `kfp-studio image build --push --document --component` (the step's image becomes the pushed reference pinned
// by digest), the pipeline run here in containers with `kfp-studio run` (outputs the scripts write at fixed paths
// passed on; every step's inputs, outputs and logs kept in the data folder), compiled to .tar.gz, and submitted to
// the emulator; with Docker and with Podman. Skips with the reason without engines, except in CI
// (KFP_STUDIO_REQUIRE_ENGINES=1).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { compileCommand } from '../../electron/cli/commands/compile.command';
import { imageBuildCommand } from '../../electron/cli/commands/image.command';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { runCommand } from '../../electron/cli/commands/run.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { readPipelineArchive } from '../../shared/archive';
import type { ContainerImplementation, PipelineDocument } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { FAST_RETRY, clusterEnv } from '../clusters/clusters.fixture';
import { TUTORIAL_ID, TUTORIAL_SCRIPTS_DIR, TUTORIAL_STEPS, tutorialExampleFile } from '../resources/tutorial-example.build';
import { taskOf } from '../runtime/runtime-helpers';
import { ENGINES_REQUIRED, skipNote, testEngines } from './engines';

const engines = await testEngines();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfs-tutorial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('has the container engines it tests', () => {
  if (!ENGINES_REQUIRED && (engines.missing.length || !engines.registry)) console.warn(skipNote(engines));
  if (ENGINES_REQUIRED) expect(engines.missing, 'the engine setup failed: see its log').toEqual([]);
});

it('is bundled as its builder makes it, valid, with a script beside it for each step', () => {
  const { file, text: expected } = tutorialExampleFile();
  expect(readFileSync(file, 'utf8'), 'run: npx tsx test/resources/build-examples.ts').toBe(expected);
  const doc = parseDocument(expected);
  expect(validate(doc)).toEqual([]);
  for (const step of TUTORIAL_STEPS) {
    const impl = doc.components[step]?.implementation as ContainerImplementation;
    expect(impl.command?.slice(0, 2)).toEqual(['python3', `/app/${step}.py`]);
    expect(readFileSync(path.join(TUTORIAL_SCRIPTS_DIR, `${step}.py`), 'utf8')).toContain('argparse');
  }
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const imageOf = (doc: PipelineDocument, step: string) => (doc.components[step]?.implementation as ContainerImplementation).image;

for (const engine of ['docker', 'podman'] as const) {
  describe.skipIf(!engines.available[engine] || !engines.registry)(`the tutorial end to end (${engine})`, () => {
    it('builds and pushes three images, runs them here in containers, compiles to .tar.gz and submits to the emulator', async () => {
      const file = path.join(tmp, `${TUTORIAL_ID}-${engine}.pipeline.json`);
      copyFileSync(tutorialExampleFile().file, file);
      const registry = engines.registry!;

      // 1. Each script into its own image, pushed; the step gets it pinned by digest with its build record.
      for (const step of TUTORIAL_STEPS) {
        const io = bufferIo(tmp);
        const script = path.join(TUTORIAL_SCRIPTS_DIR, `${step}.py`);
        const args = ['--script', script, '--base', engines.pythonImage, '--tag', `${registry}/kfp-studio-tutorial/${step}:e2e-${engine}`, '--push', '--engine', engine, '--document', file, '--component', step];
        expect(await imageBuildCommand.run(args, io), io.stderr.join('\n')).toBe(0);
        expect(io.stdout).toContain(`  COPY ${step}.py /app/${step}.py`);
      }
      const built = parseDocument(readFileSync(file, 'utf8'));
      const pinned: string[] = [];
      for (const step of TUTORIAL_STEPS) {
        const impl = built.components[step]?.implementation as ContainerImplementation;
        expect(impl.image).toMatch(new RegExp(`^${registry.replace(/\./g, '\\.')}/kfp-studio-tutorial/${step}@sha256:[0-9a-f]{64}$`));
        expect(impl.build).toMatchObject({ source: { kind: 'script', script: path.join(TUTORIAL_SCRIPTS_DIR, `${step}.py`) }, contextHash: expect.stringMatching(/^sha256:/) });
        pinned.push(impl.image);
      }

      // 2. Run here, each step in its image, without network.
      const data = path.join(tmp, `data-${engine}`);
      const stdout: string[] = [];
      const stderr: string[] = [];
      const code = await runCommand([file, '--data', data, '--engine', engine, '--param', 'rows=120'], { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
      expect(code, [...stdout, ...stderr].join('\n')).toBe(0);
      expect(stdout.some((line) => /^Run run-\S+ succeeded in .* \(3 succeeded\)\.$/.test(line)), stdout.join('\n')).toBe(true);

      // Reopened from the data folder: every step's inputs, outputs and logs were kept.
      const runtime = await LocalRuntime.open({ dataDir: data, detected: engines.available[engine]! });
      try {
        const [run] = await runtime.listRuns();
        expect(run?.state).toBe('succeeded');
        expect(run?.execution.mode).toBe(engine);
        const runId = run!.id;
        const preprocess = taskOf(run!, 'preprocess');
        expect(preprocess.inputs?.parameters).toMatchObject({ rows: 120, seed: 1 });
        expect((await runtime.readLog(runId, 'preprocess')).text).toContain('preprocess: wrote 90 training rows to /data/train.csv and 30 test rows to /data/test.csv');
        const train = text(await runtime.readArtifact(runId, 'preprocess', 'train_data')).trim().split('\n');
        expect(train[0]).toBe('rooms,age,price');
        expect(train).toHaveLength(91);
        expect(text(await runtime.readArtifact(runId, 'preprocess', 'test_data')).trim().split('\n')).toHaveLength(31);

        expect(taskOf(run!, 'train').inputs?.artifacts?.train_data).toBeDefined();
        expect((await runtime.readLog(runId, 'train')).text).toMatch(/train: price = [\d.]+\*rooms [-+][\d.]+\*age [-+][\d.]+ from 90 rows/);
        const model = JSON.parse(text(await runtime.readArtifact(runId, 'train', 'model'))) as { rooms: number; age: number; trained_on: number };
        // The data was made as 5*rooms - 0.1*age + noise: the fit finds about that.
        expect(model.rooms).toBeGreaterThan(4);
        expect(model.rooms).toBeLessThan(6);
        expect(model.trained_on).toBe(90);

        const test = taskOf(run!, 'test');
        expect(Object.keys(test.inputs?.artifacts ?? {}).sort()).toEqual(['model', 'test_data']);
        const mse = Number(test.outputs?.parameters.mse);
        expect(mse).toBeGreaterThan(0.5);
        expect(mse).toBeLessThan(6);
        expect(text(await runtime.readArtifact(runId, 'test', 'report'))).toContain(`- mean squared error: ${mse.toFixed(4)}`);
        expect((await runtime.readLog(runId, 'test')).text).toContain(`test: mean squared error ${mse.toFixed(4)} on 30 test rows`);
      } finally {
        await runtime.close();
      }

      // 3. Compiled to the archive a cluster takes: its executors run the pinned images.
      const archive = path.join(tmp, `${TUTORIAL_ID}-${engine}.tar.gz`);
      const compileIo = bufferIo(tmp);
      expect(await compileCommand.run([file, '-o', archive], compileIo), compileIo.stdout.join('\n')).toBe(0);
      const ir = readPipelineArchive(readFileSync(archive), path.basename(archive)).text;
      for (const image of pinned) expect(ir).toContain(`image: ${image}`);

      // 4. Submitted to the KFP emulator: uploaded as a pipeline and run, with the pinned images and the parameter.
      const env = await clusterEnv({ kfpToken: 'tutorial-token' });
      try {
        const deps = { env: { KFP_STUDIO_TOKEN: 'tutorial-token', KFP_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') }, dataDir: env.dataDir, tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 } };
        expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
        const submitIo = bufferIo(tmp);
        expect(await submitCommand([archive, '--profile', 'team', '--experiment', 'tutorial', '--param', 'rows=120'], submitIo, deps), submitIo.stderr.join('\n')).toBe(0);
        const [version] = [...env.emulator.state.versions.values()];
        const executors = (version?.pipeline_spec.deploymentSpec as { executors: { [k: string]: { container: { image: string } } } }).executors;
        expect(Object.values(executors).map((e) => e.container.image).sort()).toEqual([...pinned].sort());
        const [submitted] = [...env.emulator.state.runs.values()];
        expect(submitted?.runtime_config).toMatchObject({ parameters: { rows: 120 } });
      } finally {
        await env.close();
      }
      expect(imageOf(built, 'test')).toBe(pinned[2]);
    }, 600_000);
  });
}
