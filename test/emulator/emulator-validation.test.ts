import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SWAGGER_DIR } from './emulator';
import type { Emulator } from './emulator';
import { call, fastEmulator, uploadPipeline } from './emulator.fixture';

const hasSwagger = existsSync(DEFAULT_SWAGGER_DIR);
if (!hasSwagger) console.warn(`KFP swagger not found at ${DEFAULT_SWAGGER_DIR}: skipping the emulator's request-validation suite`);

describe.skipIf(!hasSwagger)('KFP emulator: request bodies checked against ../shared/kfp/swagger', () => {
  let emulator: Emulator;
  let ref: { pipelineId: string; versionId: string };
  beforeAll(async () => {
    emulator = await fastEmulator();
    ref = await uploadPipeline(emulator, 'valid');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('loads every operation of the swagger', () => {
    expect(emulator.swagger?.operationCount).toBeGreaterThan(30);
  });

  it('refuses an unknown field (protojson with DiscardUnknown=false) with 400 and google.rpc.Status', async () => {
    const { status, json } = await call(emulator, 'POST', '/apis/v2beta1/runs', { display_name: 'r', pipeline_version_reference: { pipeline_id: ref.pipelineId, colour: 'red' } });
    expect(status).toBe(400);
    expect(json.code).toBe(3);
    expect(String(json.message)).toContain('unknown field "colour"');
    expect((json.details as Record<string, unknown>[])[0]).toMatchObject({ '@type': 'type.googleapis.com/api.Error' });
    expect(emulator.state.runs.size).toBe(0);
  });

  it('refuses wrong types and enum values, accepts camelCase names, enum numbers and int64 strings', async () => {
    expect((await call(emulator, 'POST', '/apis/v2beta1/experiments', { display_name: 42 })).status).toBe(400);
    expect((await call(emulator, 'POST', '/apis/v2beta1/experiments', { display_name: 'e1', storage_state: 'GONE' })).status).toBe(400);
    expect((await call(emulator, 'POST', '/apis/v2beta1/experiments', { displayName: 'e2', storageState: 1 })).status).toBe(200);
    const timestamp = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', {
      display_name: 'x',
      pipeline_version_reference: { pipeline_id: ref.pipelineId },
      trigger: { periodic_schedule: { interval_second: 60, start_time: 'tomorrow' } },
    });
    expect(timestamp.status).toBe(400);
    expect(String(timestamp.json.message)).toContain('start_time');
    const ok = await call(emulator, 'POST', '/apis/v2beta1/recurringruns', {
      displayName: 'y',
      pipelineVersionReference: { pipelineId: ref.pipelineId },
      trigger: { periodicSchedule: { intervalSecond: '60', startTime: '2026-03-02T10:00:00Z' } },
      maxConcurrency: '2',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.trigger).toEqual({ periodic_schedule: { interval_second: '60', start_time: '2026-03-02T10:00:00Z' } });
  });

  it('accepts any value in runtime_config.parameters and any object in pipeline_spec (google.protobuf.Struct/Value)', async () => {
    const { status } = await call(emulator, 'POST', '/apis/v2beta1/pipelines', { name: 'free', tags: { team: 'ml' } });
    expect(status).toBe(200);
    expect((await call(emulator, 'POST', '/apis/v2beta1/pipelines', { name: 'bad-tags', tags: { team: 3 } })).status).toBe(400);
  });

  it('checks query parameter types as grpc-gateway parses them', async () => {
    const { status, json } = await call(emulator, 'GET', '/apis/v2beta1/runs?page_size=ten');
    expect(status).toBe(400);
    expect(String(json.message)).toContain('page_size');
    expect((await call(emulator, 'DELETE', `/apis/v2beta1/pipelines/${ref.pipelineId}?cascade=maybe`)).status).toBe(400);
  });
});
