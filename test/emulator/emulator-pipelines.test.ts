import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePipelineArchive } from '../../shared/archive/archive.write';
import type { Emulator } from './emulator';
import { BASIC_STEPS, call, fastEmulator, irPipeline, irYaml, upload, uploadPipeline } from './emulator.fixture';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await fastEmulator();
});
afterEach(async () => {
  await emulator.close();
});

describe('KFP emulator: pipelines and uploads', () => {
  it('answers healthz with the real fields', async () => {
    const { status, json } = await call(emulator, 'GET', '/apis/v2beta1/healthz');
    expect(status).toBe(200);
    expect(json).toMatchObject({ multi_user: false, pipeline_store: 'database' });
  });

  it('uploads a YAML and a .tar.gz, naming the pipeline from the query or the file', async () => {
    const yaml = await upload(emulator, 'hello.yaml', irYaml('hello', BASIC_STEPS), '?description=first');
    expect(yaml.status).toBe(200);
    const pipeline = (await yaml.json()) as Record<string, unknown>;
    expect(pipeline).toMatchObject({ name: 'hello', display_name: 'hello', description: 'first' });
    expect(String(pipeline.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const archive = writePipelineArchive(irYaml('packed', BASIC_STEPS), 'tar.gz');
    const tar = await upload(emulator, 'packed.tar.gz', archive, '?name=packed-pipeline&display_name=Packed');
    expect(tar.status).toBe(200);
    expect(await tar.json()).toMatchObject({ name: 'packed-pipeline', display_name: 'Packed' });
    expect(emulator.state.versions.size).toBe(2);
  });

  it('refuses a name clash with 409 and the api.Error shape, and takes the same file as a new version', async () => {
    const { pipelineId } = await uploadPipeline(emulator, 'clash');
    const again = await upload(emulator, 'clash.yaml', irYaml('clash', BASIC_STEPS));
    expect(again.status).toBe(409);
    const body = (await again.json()) as Record<string, string>;
    // writeErrorToResponse: error_message is err.Error(), the wrapped chain; error_details ("%+v") the same.
    expect(body.error_message).toMatch(/^Failed to create a pipeline and a pipeline version: Already exist error: .*already exists/);
    expect(body.error_details).toBe(body.error_message);
    expect(emulator.state.pipelines.size).toBe(1);

    const form = new FormData();
    form.append('uploadfile', new Blob([irYaml('clash', BASIC_STEPS)]), 'clash.yaml');
    const version = await fetch(`${emulator.url}/apis/v2beta1/pipelines/upload_version?pipelineid=${pipelineId}&name=v2`, { method: 'POST', body: form });
    expect(version.status).toBe(200);
    expect(await version.json()).toMatchObject({ pipeline_id: pipelineId, name: 'v2' });
    const versions = await call(emulator, 'GET', `/apis/v2beta1/pipelines/${pipelineId}/versions?sort_by=created_at%20desc`);
    expect(versions.json.total_size).toBe(2);
  });

  it('refuses files the backend refuses: bad YAML, a wrong schema version, no uploadfile part', async () => {
    const bad = await upload(emulator, 'bad.yaml', 'a: [unclosed');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Record<string, string>).error_message).toMatch(/^Failed to read a pipeline spec file: Invalid input error: /);
    const old = await upload(emulator, 'old.yaml', irYaml('old', BASIC_STEPS).replace("schemaVersion: 2.1.0", 'schemaVersion: 2.0.0'));
    expect(old.status).toBe(400);
    // ValidatePipelineName (backend/src/apiserver/common/utils.go) on pipelineInfo.name: no dots.
    const dotted = await upload(emulator, 'dotted.yaml', irYaml('team.train', BASIC_STEPS));
    expect(dotted.status).toBe(400);
    expect(JSON.stringify(await dotted.json())).toContain("pipeline's name must contain only lowercase alphanumeric characters or '-' and must start with alphanumeric characters");
    const empty = await fetch(`${emulator.url}/apis/v2beta1/pipelines/upload`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect(emulator.state.pipelines.size).toBe(0);
  });

  it('lists with paging, sorting and a name filter', async () => {
    for (const name of ['p-c', 'p-a', 'p-d', 'p-b', 'p-e']) await uploadPipeline(emulator, name);
    const first = await call(emulator, 'GET', '/apis/v2beta1/pipelines?page_size=2&sort_by=name');
    expect((first.json.pipelines as { name: string }[]).map((p) => p.name)).toEqual(['p-a', 'p-b']);
    expect(first.json.total_size).toBe(5);
    const token = String(first.json.next_page_token);
    const second = await call(emulator, 'GET', `/apis/v2beta1/pipelines?page_token=${encodeURIComponent(token)}`);
    expect((second.json.pipelines as { name: string }[]).map((p) => p.name)).toEqual(['p-c', 'p-d']);
    const third = await call(emulator, 'GET', `/apis/v2beta1/pipelines?page_token=${encodeURIComponent(String(second.json.next_page_token))}`);
    expect((third.json.pipelines as { name: string }[]).map((p) => p.name)).toEqual(['p-e']);
    expect(third.json.next_page_token).toBeUndefined();

    const filter = encodeURIComponent(JSON.stringify({ predicates: [{ key: 'name', operation: 'EQUALS', stringValue: 'p-d' }] }));
    const byName = await call(emulator, 'GET', `/apis/v2beta1/pipelines?filter=${filter}`);
    expect((byName.json.pipelines as { name: string }[]).map((p) => p.name)).toEqual(['p-d']);
    const numericOp = encodeURIComponent(JSON.stringify({ predicates: [{ key: 'name', operation: 9, string_value: 'p-' }] }));
    expect((await call(emulator, 'GET', `/apis/v2beta1/pipelines?filter=${numericOp}`)).json.total_size).toBe(5);
    const named = await call(emulator, 'GET', '/apis/v2beta1/pipelines/names/p-b');
    expect(named.json.name).toBe('p-b');
    const badSort = await call(emulator, 'GET', '/apis/v2beta1/pipelines?sort_by=colour');
    expect(badSort.status).toBe(400);
    expect(badSort.json).toMatchObject({ code: 3 });
  });

  it('creates a pipeline and a version by JSON, refuses deleting it with versions, then deletes with cascade', async () => {
    const created = await call(emulator, 'POST', '/apis/v2beta1/pipelines', { name: 'by-json', description: 'd' });
    expect(created.status).toBe(200);
    const id = String(created.json.pipeline_id);
    const version = await call(emulator, 'POST', `/apis/v2beta1/pipelines/${id}/versions`, { name: 'v1', pipeline_spec: irPipeline('by-json', BASIC_STEPS) });
    expect(version.status).toBe(200);
    const got = await call(emulator, 'GET', `/apis/v2beta1/pipelines/${id}/versions/${String(version.json.pipeline_version_id)}`);
    expect((got.json.pipeline_spec as { pipelineInfo: { name: string } }).pipelineInfo.name).toBe('by-json');
    const refused = await call(emulator, 'DELETE', `/apis/v2beta1/pipelines/${id}`);
    expect(refused.status).toBe(400);
    expect((await call(emulator, 'DELETE', `/apis/v2beta1/pipelines/${id}?cascade=true`)).status).toBe(200);
    const gone = await call(emulator, 'GET', `/apis/v2beta1/pipelines/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ code: 5, message: expect.stringContaining('not found') });
  });

  it('answers unknown paths and methods as grpc-gateway does', async () => {
    expect((await call(emulator, 'GET', '/apis/v2beta1/nothing')).json).toMatchObject({ code: 5, message: 'Not Found' });
    const method = await call(emulator, 'PUT', '/apis/v2beta1/runs');
    expect(method.status).toBe(501);
  });
});
