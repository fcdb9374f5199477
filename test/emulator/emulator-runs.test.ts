import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './emulator';
import { call, createRun, executorNode, fastEmulator, irPipeline, taskStates, uploadPipeline } from './emulator.fixture';

// fastEmulator: runs start 1 s after creation, each step takes 10 s, a terminated run is CANCELED 2 s later.
let emulator: Emulator;
beforeEach(async () => {
  emulator = await fastEmulator();
});
afterEach(async () => {
  await emulator.close();
});

async function getRun(id: unknown): Promise<Record<string, unknown>> {
  return (await call(emulator, 'GET', `/apis/v2beta1/runs/${String(id)}`)).json;
}

describe('KFP emulator: experiments', () => {
  it('creates, lists, archives (with its runs) and unarchives experiments', async () => {
    emulator.clock.advance(1000); // newer than the Default experiment
    const created = await call(emulator, 'POST', '/apis/v2beta1/experiments', { display_name: 'exp', description: 'mine' });
    expect(created.status).toBe(200);
    const id = String(created.json.experiment_id);
    expect(created.json).toMatchObject({ display_name: 'exp', storage_state: 'AVAILABLE' });
    expect((await call(emulator, 'POST', '/apis/v2beta1/experiments', { display_name: 'exp' })).status).toBe(409);
    const list = await call(emulator, 'GET', '/apis/v2beta1/experiments?sort_by=created_at%20desc');
    expect((list.json.experiments as { display_name: string }[]).map((e) => e.display_name)).toEqual(['exp', 'Default']);

    const ref = await uploadPipeline(emulator, 'arch');
    const run = await createRun(emulator, ref, { experiment_id: id });
    expect((await call(emulator, 'POST', `/apis/v2beta1/experiments/${id}:archive`)).status).toBe(200);
    expect((await getRun(run.run_id)).storage_state).toBe('ARCHIVED');
    const refused = await call(emulator, 'POST', '/apis/v2beta1/runs', { display_name: 'r', experiment_id: id, pipeline_version_reference: { pipeline_id: ref.pipelineId } });
    expect(refused.status).toBe(400);
    expect((await call(emulator, 'POST', `/apis/v2beta1/experiments/${id}:unarchive`)).status).toBe(200);
    expect((await call(emulator, 'GET', `/apis/v2beta1/experiments/${id}`)).json.storage_state).toBe('AVAILABLE');
    expect((await call(emulator, 'DELETE', `/apis/v2beta1/experiments/${id}`)).status).toBe(200);
    expect((await call(emulator, 'GET', `/apis/v2beta1/experiments/${id}`)).status).toBe(404);
  });
});

describe('KFP emulator: runs on the fake clock', () => {
  it('moves a run PENDING → RUNNING → SUCCEEDED through its tasks in dependency order', async () => {
    const run = await createRun(emulator, await uploadPipeline(emulator, 'order'));
    expect(run.state).toBe('PENDING');
    expect(run.run_details).toBeUndefined();
    emulator.clock.advance(1000);
    let now = await getRun(run.run_id);
    expect(now.state).toBe('RUNNING');
    expect(taskStates(now)).toEqual({ root: 'RUNNING', a: 'RUNNING' });
    emulator.clock.advance(10_000);
    now = await getRun(run.run_id);
    expect(taskStates(now)).toEqual({ root: 'RUNNING', a: 'SUCCEEDED', b: 'RUNNING', c: 'RUNNING' });
    emulator.clock.advance(10_000);
    now = await getRun(run.run_id);
    expect(now.state).toBe('SUCCEEDED');
    expect(taskStates(now)).toEqual({ root: 'SUCCEEDED', a: 'SUCCEEDED', b: 'SUCCEEDED', c: 'SUCCEEDED' });
    const details = (now.run_details as { task_details: Record<string, string>[] }).task_details;
    const a = details.find((t) => t.display_name === 'a');
    const b = details.find((t) => t.display_name === 'b');
    expect(Date.parse(String(b?.start_time))).toBe(Date.parse(String(a?.end_time)));
    // As KFP 2.x answers: one task per Argo node, linked only by child node ids; no parent id, pod name or MLMD id.
    expect(details.map((t) => t.display_name)).toEqual(expect.arrayContaining(['root-driver', 'root', 'a-driver', 'a', 'executor', 'b-driver', 'b']));
    for (const detail of details) expect(Object.keys(detail).filter((key) => ['parent_task_id', 'pod_name', 'execution_id', 'inputs', 'outputs', 'error'].includes(key))).toEqual([]);
    expect(executorNode(now, 'b')).toMatch(/^order-[0-9a-f]{5}-\d{10}$/);
    expect(details.find((t) => t.display_name === 'root-driver')?.child_tasks).toEqual([{ pod_name: expect.any(String) }]);
    expect((now.state_history as { state: string }[]).map((s) => s.state)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(Date.parse(String(now.finished_at)) - Date.parse(String(now.created_at))).toBe(21_000);
  });

  it('fails the run when a step uses the failing image, skipping what depended on it', async () => {
    const steps = [{ name: 'a' }, { name: 'bad', image: 'fail', after: ['a'] }, { name: 'after-bad', after: ['bad'] }, { name: 'side', after: ['a'] }];
    const run = await createRun(emulator, await uploadPipeline(emulator, 'failing', steps));
    emulator.clock.advance(60_000);
    const now = await getRun(run.run_id);
    expect(now.state).toBe('FAILED');
    // Argo omits what depended on the failed step: `Omitted` has no v2 state. The run carries no error text.
    expect(taskStates(now)).toMatchObject({ a: 'SUCCEEDED', bad: 'FAILED', 'after-bad': '(none)', side: 'SUCCEEDED' });
    expect(now.error).toBeUndefined();
  });

  it('terminates: CANCELING at once, CANCELED after the delay, the killed step FAILED (as Argo ends it)', async () => {
    const run = await createRun(emulator, await uploadPipeline(emulator, 'stop'));
    emulator.clock.advance(5000);
    expect((await call(emulator, 'POST', `/apis/v2beta1/runs/${String(run.run_id)}:terminate`)).status).toBe(200);
    let now = await getRun(run.run_id);
    expect(now.state).toBe('CANCELING');
    expect(taskStates(now).a).toBe('FAILED');
    emulator.clock.advance(2000);
    now = await getRun(run.run_id);
    expect(now.state).toBe('CANCELED');
    expect(taskStates(now).b).toBeUndefined();
    emulator.clock.advance(60_000);
    expect((await getRun(run.run_id)).state).toBe('CANCELED');
    // RunStore.TerminateRun only updates an active run: a second terminate is InvalidInput, HTTP 400, not 409.
    const again = await call(emulator, 'POST', `/apis/v2beta1/runs/${String(run.run_id)}:terminate`);
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ code: 3, message: expect.stringContaining('Row not found') });
  });

  it('retries a failed run, re-running only what failed; refuses to retry a running run with 409', async () => {
    const steps = [{ name: 'a' }, { name: 'flaky', image: 'fail-once', after: ['a'] }, { name: 'last', after: ['flaky'] }];
    const run = await createRun(emulator, await uploadPipeline(emulator, 'retry', steps));
    emulator.clock.advance(2000);
    const early = await call(emulator, 'POST', `/apis/v2beta1/runs/${String(run.run_id)}:retry`);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe(10);
    emulator.clock.advance(60_000);
    const failed = await getRun(run.run_id);
    expect(failed.state).toBe('FAILED');
    const aEnd = (failed.run_details as { task_details: Record<string, string>[] }).task_details.find((t) => t.display_name === 'a')?.end_time;
    expect((await call(emulator, 'POST', `/apis/v2beta1/runs/${String(run.run_id)}:retry`)).status).toBe(200);
    expect((await getRun(run.run_id)).state).toBe('RUNNING');
    emulator.clock.advance(60_000);
    const done = await getRun(run.run_id);
    expect(done.state).toBe('SUCCEEDED');
    const details = (done.run_details as { task_details: Record<string, string>[] }).task_details;
    expect(details.find((t) => t.display_name === 'a')?.end_time).toBe(aEnd);
    expect((done.state_history as { state: string }[]).map((s) => s.state)).toEqual(['PENDING', 'RUNNING', 'FAILED', 'RUNNING', 'SUCCEEDED']);
  });

  it('runs an inline pipeline_spec and checks its parameters', async () => {
    const spec = irPipeline('inline', [{ name: 'only' }], { count: { parameterType: 'NUMBER_INTEGER' }, note: { parameterType: 'STRING', defaultValue: 'x' } });
    const missing = await call(emulator, 'POST', '/apis/v2beta1/runs', { display_name: 'r', pipeline_spec: spec });
    expect(missing.status).toBe(400);
    expect(String(missing.json.message)).toContain('count');
    const wrongType = await call(emulator, 'POST', '/apis/v2beta1/runs', { display_name: 'r', pipeline_spec: spec, runtime_config: { parameters: { count: 'three' } } });
    expect(wrongType.status).toBe(400);
    const ok = await call(emulator, 'POST', '/apis/v2beta1/runs', { displayName: 'r', pipelineSpec: spec, runtimeConfig: { parameters: { count: 3 } } });
    expect(ok.status).toBe(200);
    expect(ok.json.pipeline_spec).toBeDefined();
    expect(ok.json.experiment_id).toBe(emulator.state.experiments.values().next().value?.experiment_id);
  });

  it('lists runs with experiment_id, a state filter, sorting and paging; archives and deletes', async () => {
    const ref = await uploadPipeline(emulator, 'many');
    const exp = await call(emulator, 'POST', '/apis/v2beta1/experiments', { display_name: 'other' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(String((await createRun(emulator, ref, { display_name: `run-${i}` })).run_id));
      emulator.clock.advance(1000);
    }
    await createRun(emulator, ref, { display_name: 'elsewhere', experiment_id: exp.json.experiment_id });
    emulator.clock.advance(19_000); // each run takes 21 s: the first three have finished, the last two have not
    const byExp = await call(emulator, 'GET', `/apis/v2beta1/runs?experiment_id=${String(exp.json.experiment_id)}`);
    expect((byExp.json.runs as { display_name: string }[]).map((r) => r.display_name)).toEqual(['elsewhere']);
    const filter = encodeURIComponent(JSON.stringify({ predicates: [{ key: 'state', operation: 'EQUALS', string_value: 'SUCCEEDED' }] }));
    const done = await call(emulator, 'GET', `/apis/v2beta1/runs?filter=${filter}&sort_by=created_at%20desc&page_size=2`);
    expect(done.json.total_size).toBe(3);
    expect((done.json.runs as { display_name: string }[]).map((r) => r.display_name)).toEqual(['run-2', 'run-1']);
    const rest = await call(emulator, 'GET', `/apis/v2beta1/runs?page_token=${encodeURIComponent(String(done.json.next_page_token))}`);
    expect((rest.json.runs as { display_name: string }[]).map((r) => r.display_name)).toEqual(['run-0']);
    expect((await call(emulator, 'POST', `/apis/v2beta1/runs/${ids[0]}:archive`)).status).toBe(200);
    // parseAPIFilter decodes the value once more: a "%" sent encoded only once is refused, twice is found.
    const percent = JSON.stringify({ predicates: [{ key: 'display_name', operation: 'IS_SUBSTRING', string_value: 'run-1%' }] });
    expect((await call(emulator, 'GET', `/apis/v2beta1/runs?filter=${encodeURIComponent(percent)}`)).status).toBe(400);
    expect((await call(emulator, 'GET', `/apis/v2beta1/runs?filter=${encodeURIComponent(encodeURIComponent(percent))}`)).json.total_size ?? 0).toBe(0);
    const archived = encodeURIComponent(JSON.stringify({ predicates: [{ key: 'storage_state', operation: 'EQUALS', string_value: 'ARCHIVED' }] }));
    expect((await call(emulator, 'GET', `/apis/v2beta1/runs?filter=${archived}`)).json.total_size).toBe(1);
    expect((await call(emulator, 'DELETE', `/apis/v2beta1/runs/${ids[1]}`)).status).toBe(200);
    expect((await call(emulator, 'GET', `/apis/v2beta1/runs/${ids[1]}`)).status).toBe(404);
  });

  it('serves a step log from the run log endpoint, following it until the step ends', async () => {
    const run = await createRun(emulator, await uploadPipeline(emulator, 'logs'));
    emulator.clock.advance(2000);
    const podName = executorNode(await getRun(run.run_id), 'a');
    const once = await fetch(`${emulator.url}/apis/v1alpha1/runs/${String(run.run_id)}/nodes/${podName}/log`);
    expect(once.headers.get('content-type')).toContain('text/plain');
    expect(await once.text()).toContain('a: started');
    const follow = await fetch(`${emulator.url}/apis/v1alpha1/runs/${String(run.run_id)}/nodes/${podName}/log?follow=true`);
    const text = follow.text();
    emulator.clock.advance(10_000);
    const full = await text;
    expect(full).toContain('a: working');
    expect(full.trim().endsWith('a: done')).toBe(true);
  });
});
