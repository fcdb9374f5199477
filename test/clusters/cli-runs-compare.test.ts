// `kfp-studio runs compare ID ID…`: two local runs of the classic-local example with another seed (text table and
// --json: parameters with the difference marked, the metrics its test step writes, step states, ROC areas and
// confusion matrices), refusals (one run, a run twice, an unknown run), and two KFP runs of a profile (emulator:
// parameters, steps, and the metrics ML Metadata holds).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { runsCompareCommand } from '../../electron/cli/commands/runs-compare.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import type { RunComparison } from '../../shared/runs/run-compare';
import { FAST_RETRY, advanceUntil, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-runs-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function localRun(data: string, seed: string): Promise<string> {
  const ran = bufferIo(tmp);
  expect(await runCli(['run', EXAMPLE_FILE, '--engine', 'host', '--data', data, '--param', `seed=${seed}`], ran)).toBe(0);
  const runId = /Run (run-[\w-]+) of/.exec(ran.stdout.join('\n'))?.[1] ?? '';
  expect(runId).not.toBe('');
  return runId;
}

describe('kfp-studio runs compare', () => {
  it('two local runs: the differing parameter marked, metrics, steps, ROC areas and confusion matrices', async () => {
    const data = path.join(tmp, 'data');
    const first = await localRun(data, '7');
    const second = await localRun(data, '11');

    const shown = bufferIo(tmp);
    expect(await runCli(['runs', 'compare', first, second, '--data', data], shown)).toBe(0);
    const text = shown.stdout.join('\n');
    expect(text).toMatch(new RegExp(`^ {2}\\[1\\] ${first} {2}succeeded`, 'm'));
    expect(text).toMatch(/^\* seed +7 +11$/m);
    expect(text).toMatch(/^ {2}rows +400 +400$/m);
    expect(text).toMatch(/^[* ] accuracy +Test › metrics +0\.\d+ +0\.\d+$/m);
    expect(text).toMatch(/^ {2}train +succeeded +succeeded$/m);
    expect(text).toMatch(/^ {2}\[2\] Test › classification: AUC 0\.\d{3} \(11 points\)$/m);
    expect(text).toMatch(/^ +no tip +tip$/m);

    const json = bufferIo(tmp);
    expect(await runsCompareCommand([first, second, '--data', data, '--json'], json)).toBe(0);
    const comparison = JSON.parse(json.stdout.join('')) as RunComparison;
    expect(comparison.runs.map((r) => r.id)).toEqual([first, second]);
    expect(comparison.parameters.find((p) => p.name === 'seed')).toEqual({ name: 'seed', values: [7, 11], differs: true });
    const accuracy = comparison.metrics.find((m) => m.name === 'accuracy');
    expect(accuracy?.values.every((v) => typeof v === 'number' && v > 0 && v <= 1)).toBe(true);
    expect(comparison.roc.map((c) => c.run)).toEqual([0, 1]);
    expect(comparison.confusion.map((c) => c.matrix.labels)).toEqual([['no tip', 'tip'], ['no tip', 'tip']]);
    // Each matrix counts the run's own test rows.
    const testRows = comparison.metrics.find((m) => m.name === 'test_rows')?.values;
    expect(comparison.confusion.map((c) => c.matrix.rows.flat().reduce((a, b) => a + b, 0))).toEqual(testRows);

    const one = bufferIo(tmp);
    expect(await runsCompareCommand([first, '--data', data], one)).toBe(2);
    expect(one.stderr.join('\n')).toMatch(/give 2 to 10 run IDs \(got 1\)/);
    const twice = bufferIo(tmp);
    expect(await runsCompareCommand([first, first, '--data', data], twice)).not.toBe(0);
    expect([...twice.stdout, ...twice.stderr].join('\n')).toMatch(/KFS960 .*given twice/);
    const unknown = bufferIo(tmp);
    expect(await runsCompareCommand([first, 'run-none', '--data', data], unknown)).not.toBe(0);
    expect([...unknown.stdout, ...unknown.stderr].join('\n')).toMatch(/KFS941 .*no local run "run-none"/);
  }, 180_000);

  it('two KFP runs of a profile: parameters, step states and metrics from ML Metadata', async () => {
    const token = 'compare-token';
    env = await clusterEnv({ kfpToken: token });
    const deps = { env: { KFP_STUDIO_TOKEN: token, KFP_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') }, dataDir: env.dataDir, tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 } };
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
    const ids: string[] = [];
    for (const rows of ['50', '60']) {
      const submitted = bufferIo(env.dataDir);
      const version = ids.length ? ['--version-of', 'classic-local'] : [];
      expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--param', `rows=${rows}`, ...version], submitted, deps), [...submitted.stdout, ...submitted.stderr].join('\n')).toBe(0);
      ids.push(/Run (\S+) created/.exec(submitted.stdout.join('\n'))?.[1] ?? '');
    }
    const emulator = env.emulator;
    await advanceUntil(emulator, () => ids.every((id) => emulator.state.runs.get(id)?.sim.state === 'succeeded'));
    const shown = bufferIo(env.dataDir);
    expect(await runsCompareCommand([...ids, '--profile', 'team'], shown, deps)).toBe(0);
    const text = shown.stdout.join('\n');
    expect(text).toMatch(/^\* rows +50 +60$/m);
    expect(text).toMatch(new RegExp(`^ {2}\\[2\\] ${ids[1]} `, 'm'));
    expect(text).toMatch(/^ {2}test +succeeded +succeeded$/m);
    // The test step's Metrics artifact, as ML Metadata holds it (the emulator's metadata for system.Metrics).
    expect(text).toMatch(/^ {2}accuracy +Test › metrics +0\.875 +0\.875$/m);
  });
});
