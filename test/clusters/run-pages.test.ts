// Finding runs on a KFP profile through the host (runList with pageSize): pages come from the server's own page
// tokens, every run once; filters by creation date and by pipeline (runs of its uploaded versions), search and
// order go to the server as KFP's filter and sort_by; a page token the server did not give is refused.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunsService } from '../../electron/host/runs';
import { parseDocument } from '../../shared/model/document.parse';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { hostOverCluster, type ClusterHost } from './cluster-host.fixture';
import { clusterEnv, type ClusterEnv } from './clusters.fixture';
import { EXAMPLE_FILE } from './kfp-pipeline.fixture';

const HOUR = 3600_000;
let env: ClusterEnv;
let runs: RunsService;
let call: ClusterHost['call'];
let refused: ClusterHost['refused'];
let middle = '';

interface Page {
  runs: RunSnapshot[];
  nextPageToken?: string;
  totalSize?: number;
}

beforeAll(async () => {
  env = await clusterEnv();
  ({ runs, call, refused } = hostOverCluster(env));
  await call('clusterProfileAdd', { profile: { kind: 'kfp', name: 'team', connection: { mode: 'url', url: env.emulator.url, auth: 'none' } } });
  const document = parseDocument(readFileSync(EXAMPLE_FILE, 'utf8'));
  const uploaded = await call<{ pipelineId: string; versionId: string }>('pipelineUpload', { target: 'team', document });
  for (let i = 0; i < 6; i++) {
    if (i === 3) middle = new Date(env.emulator.clock.now()).toISOString();
    const source = i % 2 ? { pipelineVersion: { pipelineId: uploaded.pipelineId, versionId: uploaded.versionId } } : { document };
    await call('runSubmit', { target: 'team', ...source, displayName: `nightly ${i}${i % 2 ? ' uploaded' : ''}` });
    env.emulator.clock.advance(HOUR);
  }
});

afterAll(async () => {
  await runs?.close();
  await env?.close();
});

describe('finding runs on a KFP profile, page by page', () => {
  it('walks every run once with the server page tokens, newest first', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page: Page = await call('runList', { target: 'team', pageSize: 2, ...(token ? { pageToken: token } : {}) });
      expect(page.runs.length).toBeLessThanOrEqual(2);
      expect(page.totalSize).toBe(6);
      seen.push(...page.runs.map((r) => r.displayName));
      token = page.nextPageToken;
    } while (token);
    expect(seen).toEqual([5, 4, 3, 2, 1, 0].map((i) => `nightly ${i}${i % 2 ? ' uploaded' : ''}`));
    const asked = env.emulator.state.requests.filter((r) => r.method === 'GET' && /\/apis\/v2beta1\/runs\?/.test(r.path));
    expect(asked.some((r) => /page_size=2/.test(r.path) && /page_token=/.test(r.path) && /sort_by=created_at(\+|%20)desc/.test(r.path))).toBe(true);
  });

  it('filters by creation date, pipeline, status and text on the server; orders by name', async () => {
    const recent: Page = await call('runList', { target: 'team', pageSize: 50, createdAfter: middle });
    expect(recent.runs.map((r) => r.displayName)).toEqual(['nightly 5 uploaded', 'nightly 4', 'nightly 3 uploaded']);
    const older: Page = await call('runList', { target: 'team', pageSize: 50, createdBefore: middle, sortBy: 'displayName' });
    expect(older.runs.map((r) => r.displayName)).toEqual(['nightly 0', 'nightly 1 uploaded', 'nightly 2']);
    const ofPipeline: Page = await call('runList', { target: 'team', pageSize: 50, pipelineName: 'classic-local' });
    expect(ofPipeline.runs.map((r) => r.displayName)).toEqual(['nightly 5 uploaded', 'nightly 3 uploaded', 'nightly 1 uploaded']);
    const none: Page = await call('runList', { target: 'team', pageSize: 50, pipelineName: 'no-such-pipeline' });
    expect(none.runs).toEqual([]);
    const searched: Page = await call('runList', { target: 'team', pageSize: 50, text: 'uploaded', states: ['succeeded'], sortBy: 'state' });
    expect(searched.runs.map((r) => r.displayName).sort()).toEqual(['nightly 1 uploaded', 'nightly 3 uploaded', 'nightly 5 uploaded']);
    const filters = env.emulator.state.requests.filter((r) => /\/apis\/v2beta1\/runs\?.*filter=/.test(r.path)).map((r) => decodeURIComponent(decodeURIComponent(r.path)));
    expect(filters.some((f) => f.includes('"key":"created_at","operation":"GREATER_THAN_EQUALS","timestamp_value"'))).toBe(true);
    expect(filters.some((f) => f.includes('"key":"pipeline_id","operation":"EQUALS"'))).toBe(true);
  });

  it('refuses a page token the server did not give, and a date that is none', async () => {
    const error = await refused('runList', { target: 'team', pageSize: 2, pageToken: 'not-a-token' });
    expect(error.message).toMatch(/page token/i);
    const date = await refused('runList', { target: 'team', pageSize: 2, createdAfter: 'yesterday' });
    expect(date.message).toMatch(/2026-01-31/);
  });
});
