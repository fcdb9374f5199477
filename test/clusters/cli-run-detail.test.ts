// `kfp-studio runs show ID` and `kfp-studio logs ID TASK [--follow]`: on a local run in the data folder (no --profile),
// and on a KFP run of a profile (emulator).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { logsCommand, runsShowCommand } from '../../electron/cli/commands/run-detail.command';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import { FAST_RETRY, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-run-detail-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('kfp-studio runs show and logs', () => {
  it('a local run: steps with states, inputs and outputs, and a step log (also with --follow)', async () => {
    const data = path.join(tmp, 'data');
    const ran = bufferIo(tmp);
    expect(await runCli(['run', EXAMPLE_FILE, '--engine', 'host', '--data', data], ran)).toBe(0);
    const runId = /Run (run-[\w-]+) of/.exec(ran.stdout.join('\n'))?.[1] ?? '';
    expect(runId).not.toBe('');

    const show = bufferIo(tmp);
    expect(await runCli(['runs', 'show', runId, '--data', data], show)).toBe(0);
    const text = show.stdout.join('\n');
    expect(text).toMatch(new RegExp(`^Run ${runId}  succeeded`));
    expect(text).toMatch(/parameters: rows=400/);
    expect(text).toMatch(/^ {2}train +container succeeded/m);
    expect(text).toMatch(/out: model: system\.Model \S+train\S+model/);
    expect(text).toMatch(/out: accuracy=0\.\d+/);

    for (const extra of [[], ['--follow']]) {
      const logs = bufferIo(tmp);
      expect(await logsCommand([runId, 'train', '--data', data, ...extra], logs)).toBe(0);
      expect(logs.stdout.join('\n')).toMatch(/epoch 1: loss/);
      expect(logs.stdout.at(-1)).toMatch(/saved the model/);
    }
    const noStep = bufferIo(tmp);
    expect(await logsCommand([runId, 'nope', '--data', data], noStep)).toBe(1);
    expect(noStep.stderr.join('\n')).toMatch(/no step "nope" \(its steps: make-data, preprocess, train, test\)/);
    const noRun = bufferIo(tmp);
    expect(await runsShowCommand(['run-none', '--data', data], noRun)).toBe(1);
    expect(noRun.stderr.join('\n')).toMatch(/KFS941 .*no local run "run-none"/);
  }, 120_000);

  it('a KFP run of a profile: the steps and their states', async () => {
    const token = 'run-detail-token';
    env = await clusterEnv({ kfpToken: token });
    const deps = { env: { KFP_STUDIO_TOKEN: token, KFP_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') }, dataDir: env.dataDir, tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 } };
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
    const submitted = bufferIo(env.dataDir);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--param', 'rows=50'], submitted, deps)).toBe(0);
    const runId = /Run (\S+) created/.exec(submitted.stdout.join('\n'))?.[1] ?? '';
    for (let i = 0; i < 20; i++) env.emulator.clock.advance(2000);
    const show = bufferIo(env.dataDir);
    expect(await runsShowCommand([runId, '--profile', 'team'], show, deps)).toBe(0);
    const text = show.stdout.join('\n');
    expect(text).toMatch(new RegExp(`^Run ${runId} `));
    expect(text).toMatch(/rows=50/);
    expect(text).toMatch(/^ {2}\S*make-data\S* +container +\w+/m);
  });
});
