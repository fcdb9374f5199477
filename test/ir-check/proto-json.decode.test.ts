import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { irDescriptorExists, irDescriptorPath } from './ir-check.paths';
import { ProtoJsonDecoder } from './proto-json.decode';

if (!irDescriptorExists) console.warn(`[ir-check] decoder tests skipped: ${irDescriptorPath} not found`);

describe.skipIf(!irDescriptorExists)('strict protobuf JSON decoder', () => {
  const decoder = irDescriptorExists
    ? new ProtoJsonDecoder(protobuf.Root.fromJSON(JSON.parse(readFileSync(irDescriptorPath, 'utf8')) as protobuf.INamespace).resolveAll() as protobuf.Root)
    : undefined;
  const problems = (type: string, value: unknown): { path: string; message: string }[] => {
    const found: { path: string; message: string }[] = [];
    decoder!.decode(type, value, '', (path, message) => found.push({ path, message }));
    return found;
  };

  it('decodes google.protobuf.Any by its @type', () => {
    const status = (detail: unknown): unknown => ({ code: 3, details: [detail] });
    expect(problems('google.rpc.Status', status({ '@type': 'type.googleapis.com/ml_pipelines.PipelineInfo', name: 'p' }))).toEqual([]);
    expect(problems('google.rpc.Status', status({ '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1s' }))).toEqual([]);
    expect(problems('google.rpc.Status', status({ '@type': 'type.googleapis.com/ml_pipelines.PipelineInfo', nme: 'p' })).map((p) => p.path))
      .toEqual(['details[0].nme']);
    expect(problems('google.rpc.Status', status({ '@type': 'type.googleapis.com/no.Such', a: 1 })).map((p) => p.path))
      .toEqual(['details[0]["@type"]']);
    expect(problems('google.rpc.Status', status({ name: 'p' })).map((p) => p.path)).toEqual(['details[0]["@type"]']);
  });

  it('accepts enum numbers, refuses enum names of another enum', () => {
    expect(problems('ml_pipelines.ComponentInputsSpec.ParameterSpec', { parameterType: 3 })).toEqual([]);
    expect(problems('ml_pipelines.ComponentInputsSpec.ParameterSpec', { parameterType: 'ALL_UPSTREAM_TASKS_SUCCEEDED' }).map((p) => p.path))
      .toEqual(['parameterType']);
  });

  it('suggests the right spelling of a near-miss field name', () => {
    expect(problems('ml_pipelines.PipelineTaskSpec', { componentref: { name: 'c' } })).toEqual([
      { path: 'componentref', message: expect.stringContaining('did you mean "componentRef"') },
    ]);
  });

  it('checks map keys and values, and quotes keys that are not plain names', () => {
    expect(problems('ml_pipelines.DagSpec', { tasks: { 'a.b': { taskInfo: { name: 1 } } } }).map((p) => p.path))
      .toEqual(['tasks["a.b"].taskInfo.name']);
    expect(problems('ml_pipelines.DagSpec', { tasks: [] }).map((p) => p.path)).toEqual(['tasks']);
    expect(problems('ml_pipelines.DagSpec', { tasks: { t: null } }).map((p) => p.path)).toEqual(['tasks.t']);
  });
});
