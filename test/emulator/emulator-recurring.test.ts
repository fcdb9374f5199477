import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './emulator';
import { call, fastEmulator, uploadPipeline } from './emulator.fixture';

// The fake clock starts at 2026-03-02T10:00:00Z; each run takes 21 s (1 s start + two 10 s steps).
let emulator: Emulator;
beforeEach(async () => {
  emulator = await fastEmulator();
});
afterEach(async () => {
  await emulator.close();
});

async function runsOf(recurringRunId: string): Promise<{ scheduled_at: string; created_at: string; state: string }[]> {
  const filter = encodeURIComponent(JSON.stringify({ predicates: [{ key: 'recurring_run_id', operation: 'EQUALS', string_value: recurringRunId }] }));
  const { json } = await call(emulator, 'GET', `/apis/v2beta1/runs?filter=${filter}&sort_by=created_at&page_size=100`);
  return (json.runs as { scheduled_at: string; created_at: string; state: string }[] | undefined) ?? [];
}

describe('KFP emulator: recurring runs', () => {
  it('fires a periodic schedule on the clock and holds runs back at max_concurrency', async () => {
    const ref = await uploadPipeline(emulator, 'periodic', [{ name: 'a' }, { name: 'b', after: ['a'] }]);
    const created = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', {
      display_name: 'every 10 s',
      pipeline_version_reference: { pipeline_id: ref.pipelineId, pipeline_version_id: ref.versionId },
      trigger: { periodic_schedule: { interval_second: '10' } },
      max_concurrency: '1',
      mode: 'ENABLE',
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ status: 'ENABLED', mode: 'ENABLE', max_concurrency: '1' });
    const id = String(created.json.recurring_run_id);
    expect(await runsOf(id)).toHaveLength(0);
    emulator.clock.advance(10_000);
    expect(await runsOf(id)).toHaveLength(1);
    // A run takes 21 s: with one at a time, the fires at 20 s and 30 s wait for the first run to end (at 31 s).
    emulator.clock.advance(20_000);
    expect(await runsOf(id)).toHaveLength(1);
    emulator.clock.advance(2_000);
    const runs = await runsOf(id);
    expect(runs).toHaveLength(2);
    expect(runs[0]?.state).toBe('SUCCEEDED');
    expect(runs[1]?.scheduled_at).toBe('2026-03-02T10:00:20Z');
    const active = [...emulator.state.runs.values()].filter((r) => r.recurring_run_id === id && !['succeeded', 'failed', 'canceled'].includes(r.sim.state));
    expect(active.length).toBeLessThanOrEqual(1);
  });

  it('fires a six-field cron schedule in time order, and not while disabled', async () => {
    const ref = await uploadPipeline(emulator, 'cron', [{ name: 'quick', durationMs: 1000 }]);
    const make = async (name: string, noCatchup: boolean): Promise<string> => {
      const { json, status } = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', {
        display_name: name,
        pipeline_version_reference: { pipeline_id: ref.pipelineId },
        trigger: { cron_schedule: { cron: '0 */5 * * * *' } },
        max_concurrency: 10,
        no_catchup: noCatchup,
      });
      expect(status).toBe(200);
      return String(json.recurring_run_id);
    };
    const catchup = await make('catch-up', false);
    const latest = await make('latest-only', true);
    expect((await call(emulator, 'POST', `/apis/v2beta1/recurringruns/${latest}:disable`)).status).toBe(200);
    emulator.clock.advance(15 * 60_000);
    expect((await runsOf(catchup)).map((r) => r.scheduled_at)).toEqual(['2026-03-02T10:05:00Z', '2026-03-02T10:10:00Z', '2026-03-02T10:15:00Z']);
    expect(await runsOf(latest)).toHaveLength(0);
    expect((await call(emulator, 'GET', `/apis/v2beta1/recurringruns/${latest}`)).json.status).toBe('DISABLED');

    expect((await call(emulator, 'POST', `/apis/v2beta1/recurringruns/${catchup}:disable`)).status).toBe(200);
    expect((await call(emulator, 'POST', `/apis/v2beta1/recurringruns/${latest}:enable`)).status).toBe(200);
    emulator.clock.advance(5 * 60_000);
    expect(await runsOf(latest)).toHaveLength(1);
    expect(await runsOf(catchup)).toHaveLength(3);
    const list = await call(emulator, 'GET', '/apis/v2beta1/recurringruns?sort_by=display_name');
    expect((list.json.recurringRuns as { display_name: string }[]).map((r) => r.display_name)).toEqual(['catch-up', 'latest-only']);
    expect((await call(emulator, 'DELETE', `/apis/v2beta1/recurringruns/${catchup}`)).status).toBe(200);
    expect((await call(emulator, 'GET', `/apis/v2beta1/recurringruns/${catchup}`)).status).toBe(404);
  });

  it('with no_catchup runs only the latest missed time', async () => {
    const ref = await uploadPipeline(emulator, 'nocatch', [{ name: 'quick', durationMs: 1000 }]);
    const { json } = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', {
      display_name: 'hourly',
      pipeline_version_reference: { pipeline_id: ref.pipelineId },
      trigger: { cron_schedule: { cron: '0 0 * * * *' } },
      max_concurrency: 1,
      no_catchup: true,
      mode: 'DISABLE',
    });
    const id = String(json.recurring_run_id);
    emulator.clock.advance(3 * 3600_000 + 60_000);
    expect((await call(emulator, 'POST', `/apis/v2beta1/recurringruns/${id}:enable`)).status).toBe(200);
    emulator.clock.advance(3600_000);
    expect((await runsOf(id)).map((r) => r.scheduled_at)).toEqual(['2026-03-02T14:00:00Z']);
  });

  it('refuses a bad trigger and a bad max_concurrency with 400', async () => {
    const ref = await uploadPipeline(emulator, 'badtrig');
    const base = { display_name: 'x', pipeline_version_reference: { pipeline_id: ref.pipelineId } };
    expect((await call(emulator, 'POST', '/apis/v2beta1/recurringruns', { ...base, trigger: { cron_schedule: { cron: '61 * * * * *' } } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/apis/v2beta1/recurringruns', { ...base, trigger: {} })).status).toBe(400);
    const res = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', { ...base, trigger: { periodic_schedule: { interval_second: 60 } }, max_concurrency: '0' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(3);
  });
});
