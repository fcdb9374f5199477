// `kfp-studio schedule add|list|enable|disable|delete` against the emulator: a recurring run made from a pipeline
// document, listed, disabled, enabled, deleted; wrong parameters and schedules are refused before anything is sent.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { scheduleAdd, scheduleDelete, scheduleDisable, scheduleEnable, scheduleList } from '../../electron/cli/commands/schedule.command';
import { FAST_RETRY, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('kfp-studio schedule', () => {
  it('adds, lists, disables, enables and deletes a recurring run', async () => {
    const token = 'schedule-token';
    env = await clusterEnv({ kfpToken: token });
    const deps = { env: { KFP_STUDIO_TOKEN: token, KFP_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') }, dataDir: env.dataDir, tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 } };
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
    const p = ['--profile', 'team'];

    const badParam = bufferIo(env.dataDir);
    expect(await scheduleAdd([EXAMPLE_FILE, ...p, '--cron', '0 2 * * *', '--param', 'rows=many'], badParam, deps)).toBe(2);
    expect(badParam.stderr.join('\n')).toMatch(/schedule add: --param rows/);
    const noWhen = bufferIo(env.dataDir);
    expect(await scheduleAdd([EXAMPLE_FILE, ...p], noWhen, deps)).toBe(2);
    expect(noWhen.stderr.join('\n')).toMatch(/--cron .* or --every SECONDS/);

    const added = bufferIo(env.dataDir);
    expect(await scheduleAdd([EXAMPLE_FILE, ...p, '--cron', '0 2 * * *', '--name', 'nightly', '--param', 'rows=50'], added, deps)).toBe(0);
    const id = /Recurring run (\S+) created/.exec(added.stdout.join('\n'))?.[1] ?? '';
    expect(id).not.toBe('');

    const listed = bufferIo(env.dataDir);
    expect(await scheduleList(p, listed, deps)).toBe(0);
    expect(listed.stdout.join('\n')).toMatch(new RegExp(`${id} +enabled +cron 0 2 \\* \\* \\* +nightly`));
    expect(await scheduleDisable([id, ...p], bufferIo(env.dataDir), deps)).toBe(0);
    const off = bufferIo(env.dataDir);
    await scheduleList(p, off, deps);
    expect(off.stdout.join('\n')).toMatch(new RegExp(`${id} +disabled`));
    expect(await scheduleEnable([id, ...p], bufferIo(env.dataDir), deps)).toBe(0);
    expect(await scheduleDelete([id, ...p], bufferIo(env.dataDir), deps)).toBe(0);
    const none = bufferIo(env.dataDir);
    await scheduleList(p, none, deps);
    expect(none.stdout).toEqual(['No recurring runs.']);
  });
});
