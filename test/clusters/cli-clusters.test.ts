// The cluster commands in-process against the emulator: profile add/list/test/remove (tokens from the environment
// or stdin, never argv, never printed), submit (a document compiled on the fly, a name clash then --version-of,
// parameters, experiments, --wait), runs (status and limit), and the same submit to an Argo profile.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import type { BufferedIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { profileAdd, profileList, profileRemove, profileTest } from '../../electron/cli/commands/profile.command';
import { runsCommand } from '../../electron/cli/commands/runs.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import type { ClusterCliDeps } from '../../electron/cli/commands/cluster-cli';
import { FAST_RETRY, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

const TOKEN = 'cli-token-DO-NOT-PRINT-2718';
let env: ClusterEnv | undefined;
let ticker: ReturnType<typeof setInterval> | undefined;
afterEach(async () => {
  if (ticker) clearInterval(ticker);
  ticker = undefined;
  await env?.close();
  env = undefined;
});

function depsFor(e: ClusterEnv, extra: NodeJS.ProcessEnv = {}): ClusterCliDeps {
  return {
    env: { KFP_STUDIO_TOKEN: TOKEN, KFP_STUDIO_SECRET_KEY: randomKey, ...extra },
    dataDir: e.dataDir,
    tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 },
  };
}
const randomKey = randomBytes(32).toString('hex');

function printed(io: BufferedIo): string {
  return [...io.stdout, ...io.stderr].join('\n');
}

/** Moves the emulator clock on while a command waits for a run. */
function tick(e: ClusterEnv): void {
  ticker = setInterval(() => e.emulator.clock.advance(2000), 10);
}

describe('kfp-studio profile', () => {
  it('adds a bearer profile with the token from the environment, lists, tests and removes it', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const deps = depsFor(env);
    const io = bufferIo(env.dataDir);
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer'], io, deps)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Connected: KFP 2\.5\.0/);
    expect(await profileList([], io, deps)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/team .*bearer token.*\[token stored\]/);
    expect(await profileTest(['team'], io, { ...deps, env: { KFP_STUDIO_SECRET_KEY: randomKey } })).toBe(0);
    expect(readFileSync(path.join(env.dataDir, 'profiles.json'), 'utf8')).not.toContain(TOKEN);
    expect(await profileRemove(['team'], io, deps)).toBe(0);
    const missing = bufferIo(env.dataDir);
    expect(await profileTest(['team'], missing, deps)).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/KFS913.*no cluster profile "team"/);
    expect(printed(io)).not.toContain(TOKEN);
  });

  it('reads a cookie from stdin, refuses a token on the command line, and reports a rejected token', async () => {
    env = await clusterEnv({ kfpCookie: 'authservice_session=abc' });
    const deps = { ...depsFor(env), readStdin: async () => 'authservice_session=abc\n' };
    const io = bufferIo(env.dataDir);
    expect(await profileAdd(['cookie', '--url', env.emulator.url, '--auth', 'cookie', '--token-stdin'], io, deps)).toBe(0);
    const argv = bufferIo(env.dataDir);
    expect(await profileAdd(['x', '--url', env.emulator.url, '--auth', 'bearer', '--token', TOKEN], argv, deps)).toBe(2);
    expect(argv.stderr.join('\n')).toMatch(/unknown option --token/);
    const login = bufferIo(env.dataDir);
    expect(await profileAdd(['no-cookie', '--url', env.emulator.url], login, deps)).toBe(1);
    expect(login.stderr.join('\n')).toMatch(/KFS904/);
  });

  it('without a secret key the token is not stored and comes from KFP_STUDIO_TOKEN at each use', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const deps = { ...depsFor(env), env: { KFP_STUDIO_TOKEN: TOKEN } };
    const io = bufferIo(env.dataDir);
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer'], io, deps)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/not stored/);
    const stale = bufferIo(env.dataDir);
    expect(await profileTest(['team'], stale, { ...deps, env: { KFP_STUDIO_TOKEN: 'expired' } })).toBe(1);
    expect(stale.stderr.join('\n')).toMatch(/KFS902.*401/);
  });
});

describe('kfp-studio submit and runs', () => {
  it('submits a document, refuses a name clash, adds a version with --version-of, waits, and lists runs', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const deps = depsFor(env);
    const setup = bufferIo(env.dataDir);
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], setup, deps)).toBe(0);

    const first = bufferIo(env.dataDir);
    tick(env);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--param', 'rows=50', '--experiment', 'nightly', '--wait'], first, deps)).toBe(0);
    expect(first.stdout.join('\n')).toMatch(/Uploaded pipeline classic-local/);
    expect(first.stdout.join('\n')).toMatch(/in experiment nightly/);
    expect(first.stdout.at(-1)).toMatch(/succeeded\.$/);
    expect(first.stdout.some((l) => /running: .*make-data=(running|succeeded)/.test(l))).toBe(true);
    const run = [...env.emulator.state.runs.values()][0];
    expect(run?.runtime_config).toMatchObject({ parameters: { rows: 50 } });

    const clash = bufferIo(env.dataDir);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team'], clash, deps)).toBe(1);
    expect(clash.stderr.join('\n')).toMatch(/KFS909.*--version-of/);
    const version = bufferIo(env.dataDir);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--version-of', 'classic-local', '--run-name', 'second'], version, deps)).toBe(0);
    expect(version.stdout.join('\n')).toMatch(/new version of classic-local/);
    expect(env.emulator.state.pipelines.size).toBe(1);
    expect(env.emulator.state.versions.size).toBe(2);
    expect(env.emulator.state.runs.size).toBe(2);

    const badParam = bufferIo(env.dataDir);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--param', 'nope=1'], badParam, deps)).toBe(2);
    expect(badParam.stderr.join('\n')).toMatch(/no parameter "nope"/);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const all = bufferIo(env.dataDir);
    expect(await runsCommand(['--profile', 'team'], all, deps)).toBe(0);
    expect(all.stdout).toHaveLength(2);
    const done = bufferIo(env.dataDir);
    expect(await runsCommand(['--profile', 'team', '--status', 'succeeded', '--limit', '1'], done, deps)).toBe(0);
    expect(done.stdout).toHaveLength(1);
    expect(done.stdout[0]).toMatch(/succeeded/);
    const bad = bufferIo(env.dataDir);
    expect(await runsCommand(['--profile', 'team', '--status', 'done'], bad, deps)).toBe(2);
    expect([first, clash, version, all, done].map(printed).join('\n')).not.toContain(TOKEN);
  });

  it('submits to an Argo profile and waits for the Workflow', async () => {
    env = await clusterEnv();
    const deps = depsFor(env);
    const setup = bufferIo(env.dataDir);
    expect(await profileAdd(['argo', '--argo', '--context', 'kfp-emulator', '--kubeconfig', env.kubeconfigPath, '--namespace', 'default'], setup, deps)).toBe(0);
    expect(setup.stdout.join('\n')).toMatch(/Connected: Kubernetes v1\.31/);
    const io = bufferIo(env.dataDir);
    tick(env);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'argo', '--wait'], io, deps)).toBe(0);
    expect(io.stdout[0]).toMatch(/Workflow classic-local-\w+ created in namespace default/);
    expect(io.stdout.at(-1)).toMatch(/succeeded\.$/);
    const runs = bufferIo(env.dataDir);
    expect(await runsCommand(['--profile', 'argo'], runs, deps)).toBe(0);
    expect(runs.stdout[0]).toMatch(/classic-local-\w+ +succeeded/);
  });

  it('is in the command table', async () => {
    const io = bufferIo(process.cwd());
    expect(await runCli(['help', 'submit'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/--version-of PIPELINE/);
    const usage = bufferIo(process.cwd());
    expect(await runCli(['runs'], usage)).toBe(2);
    expect(usage.stderr.join('\n')).toMatch(/--profile NAME/);
  });

  it('an archived experiment keeps its name: --experiment with it is refused before anything is uploaded', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const deps = depsFor(env);
    const setup = bufferIo(env.dataDir);
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], setup, deps)).toBe(0);
    const created = await fetch(`${env.emulator.url}/apis/v2beta1/experiments`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ display_name: 'old-study' }) });
    const { experiment_id: id } = (await created.json()) as { experiment_id: string };
    await fetch(`${env.emulator.url}/apis/v2beta1/experiments/${id}:archive`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    const io = bufferIo(env.dataDir);
    expect(await submitCommand([EXAMPLE_FILE, '--profile', 'team', '--experiment', 'old-study'], io, deps)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/KFS909 .*"old-study" exists on the cluster but is archived.*restore it .*or choose another experiment name/);
    expect(env.emulator.state.pipelines.size).toBe(0);
  });
});
