// The runs view draws a cluster run with the pipeline the cluster holds for it: whatever anyone in the namespace
// created. A spec whose names reach for Object.prototype (dependentTasks naming `__proto__`) is refused quietly (the
// run is shown without a drawing) and the app keeps working; a spec with a task named `constructor` is drawn.
// On the old code the first polluted Object.prototype through the import's layout, and host calls failed after it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunsService } from '../../electron/host/runs';
import type { PipelineDocument } from '../../shared/model/document';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { hasKfp, KFP_DIR, KFP_MISSING_NOTE } from '../kfp-reference';
import { clusterEnv } from './clusters.fixture';
import type { ClusterEnv } from './clusters.fixture';
import { hostOverCluster, type ClusterHost } from './cluster-host.fixture';

const TOKEN = 'hostile-spec-token-314159';

let env: ClusterEnv;
let runs: RunsService;
let call: ClusterHost['call'];

beforeAll(async () => {
  env = await clusterEnv({ kfpToken: TOKEN });
  ({ runs, call } = hostOverCluster(env));
  await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'bearer' }, secret: TOKEN } });
});

afterAll(async () => {
  await runs?.close();
  await env?.close();
});

afterEach(() => {
  expect(Object.keys(Object.prototype)).toEqual([]);
});

/** A run the cluster holds, whose pipeline spec is then replaced by what another user of the namespace made. */
async function runWithSpec(text: string): Promise<string> {
  const { runId } = await call<{ runId: string }>('runSubmit', { target: 'team', pipelineText: readFileSync(path.join(KFP_DIR, 'ir/valid/essential_pipeline_with_after.yaml'), 'utf8') });
  const record = env.emulator.state.runs.get(runId);
  if (!record) throw new Error('the emulator did not keep the run');
  record.inline_spec = yaml.load(text) as { [key: string]: unknown };
  return runId;
}

describe.skipIf(!hasKfp)('a cluster run with a hostile pipeline spec', () => {
  if (!hasKfp) console.warn(KFP_MISSING_NOTE);
  const after = () => readFileSync(path.join(KFP_DIR, 'ir/valid/essential_pipeline_with_after.yaml'), 'utf8');

  it('is shown without a drawing when dependentTasks name __proto__, and host calls and spawn still work', async () => {
    const runId = await runWithSpec(after().replace('dependentTasks:\n        - print-text\n        inputs', 'dependentTasks:\n        - __proto__\n        inputs'));
    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { target: 'team', runId });
    expect(got.run.id).toBe(runId);
    expect(got.document).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect((await call<{ runs: RunSnapshot[] }>('runList', { target: 'team' })).runs.map((r) => r.id)).toContain(runId);
    expect((await call<{ entries: unknown[] }>('catalogList', {})).entries.length).toBeGreaterThan(0);
    expect(spawnSync(process.execPath, ['-e', 'process.stdout.write("alive")'], { encoding: 'utf8' }).stdout).toBe('alive');
  });

  it('is drawn when a task is named constructor', async () => {
    const runId = await runWithSpec(after().replace(/(?<![-\w])print-text-2(?![-\w])/g, 'constructor'));
    const got = await call<{ run: RunSnapshot; document?: PipelineDocument }>('runGet', { target: 'team', runId });
    expect(Object.keys(got.document?.graph.tasks ?? {}).sort()).toEqual(['constructor', 'print-text', 'print-text-3']);
    expect(got.document?.graph.tasks['print-text-3']?.after).toContain('constructor');
  });
});
