// `kfp-studio submit` checks the parameters (names, types, required values) before it sends anything: a wrong one
// leaves no orphan pipeline on the cluster (emulator) and no Workflow on the Argo profile.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import type { ClusterCliDeps } from '../../electron/cli/commands/cluster-cli';
import { FAST_RETRY, clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

const TOKEN = 'submit-checks-token';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-submit-checks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let env: ClusterEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function depsFor(e: ClusterEnv): ClusterCliDeps {
  return { env: { KFP_STUDIO_TOKEN: TOKEN, KFP_STUDIO_SECRET_KEY: randomBytes(32).toString('hex') }, dataDir: e.dataDir, tuning: { retry: FAST_RETRY, pollMs: 20, maxBackoffMs: 100 } };
}

/** The bundled example with `rows` made required (no default): a run without it cannot start. */
function requiredRowsFile(): string {
  const doc = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as { graph: { inputs: Array<{ name: string; optional?: boolean; default?: unknown }> } };
  const rows = doc.graph.inputs.find((i) => i.name === 'rows');
  if (!rows) throw new Error('the example lost its rows parameter');
  rows.optional = false;
  delete rows.default;
  const file = path.join(tmp, 'needs-rows.pipeline.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const WRONG: Array<{ args: string[]; says: RegExp }> = [
  { args: [], says: /parameter "rows" \(NUMBER_INTEGER\) needs a value.*--param NAME=VALUE/ },
  { args: ['--param', 'rows=many'], says: /--param rows: .*many/ },
  { args: ['--param', 'rows=5', '--param', 'colour=red'], says: /no parameter "colour" \(it has [a-z_, ]*\brows\b/ },
];

describe('kfp-studio submit checks parameters before uploading', () => {
  it('KFP: a missing required value, a wrong type or an unknown name uploads nothing', async () => {
    env = await clusterEnv({ kfpToken: TOKEN });
    const deps = depsFor(env);
    expect(await profileAdd(['team', '--url', env.emulator.url, '--auth', 'bearer', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
    const file = requiredRowsFile();
    for (const { args, says } of WRONG) {
      const io = bufferIo(env.dataDir);
      expect(await submitCommand([file, '--profile', 'team', '--experiment', 'nightly', ...args], io, deps)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(says);
      expect(io.stdout.join('\n')).not.toMatch(/Uploaded/);
      expect(env.emulator.state.pipelines.size).toBe(0);
      expect(env.emulator.state.runs.size).toBe(0);
    }
    const good = bufferIo(env.dataDir);
    expect(await submitCommand([file, '--profile', 'team', '--param', 'rows=5'], good, deps)).toBe(0);
    expect(env.emulator.state.pipelines.size).toBe(1);
    expect([...env.emulator.state.runs.values()][0]?.runtime_config).toMatchObject({ parameters: { rows: 5 } });
  });

  it('Argo: a pipeline document with a missing required value creates no Workflow', async () => {
    env = await clusterEnv();
    const deps = depsFor(env);
    expect(await profileAdd(['argo', '--argo', '--context', 'kfp-emulator', '--kubeconfig', env.kubeconfigPath, '--namespace', 'default', '--no-test'], bufferIo(env.dataDir), deps)).toBe(0);
    const io = bufferIo(env.dataDir);
    expect(await submitCommand([requiredRowsFile(), '--profile', 'argo'], io, deps)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/parameter "rows" \(NUMBER_INTEGER\) needs a value/);
    expect(io.stdout.join('\n')).not.toMatch(/Workflow .* created/);
  });
});
