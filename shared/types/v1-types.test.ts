import { describe, expect, it } from 'vitest';
import { canonicalOuterGeneric, deserializeV1Default, kfpTypeFromV1, renameForK8s, sanitizeInputName } from './v1-types';

describe('kfpTypeFromV1', () => {
  it('maps the parameter names of the SDK table, case-insensitively', () => {
    const cases: [string, string][] = [
      ['String', 'STRING'], ['str', 'STRING'], ['Text', 'STRING'],
      ['Integer', 'NUMBER_INTEGER'], ['int', 'NUMBER_INTEGER'],
      ['Float', 'NUMBER_DOUBLE'], ['Double', 'NUMBER_DOUBLE'],
      ['Boolean', 'BOOLEAN'], ['Bool', 'BOOLEAN'],
      ['JsonObject', 'STRUCT'], ['Dict', 'STRUCT'],
      ['JsonArray', 'LIST'], ['List', 'LIST'], ['List[str]', 'LIST'], ['typing.Dict[str, int]', 'STRUCT'],
    ];
    for (const [name, type] of cases) expect(kfpTypeFromV1(name)).toEqual({ kind: 'parameter', type, declaredAs: name });
  });
  it('maps PipelineTaskFinalStatus to the task-final-status parameter', () => {
    expect(kfpTypeFromV1('PipelineTaskFinalStatus')).toMatchObject({ kind: 'parameter', type: 'TASK_FINAL_STATUS' });
  });
  it('maps the SDK artifact class names to system artifacts', () => {
    expect(kfpTypeFromV1('Model')).toEqual({ kind: 'artifact', schemaTitle: 'system.Model', schemaVersion: '0.0.1', declaredAs: 'Model' });
    expect(kfpTypeFromV1('Dataset')).toMatchObject({ schemaTitle: 'system.Dataset' });
    expect(kfpTypeFromV1('Metrics')).toMatchObject({ schemaTitle: 'system.Metrics' });
    expect(kfpTypeFromV1('HTML')).toMatchObject({ schemaTitle: 'system.HTML' });
    expect(kfpTypeFromV1('ClassificationMetrics')).toMatchObject({ schemaTitle: 'system.ClassificationMetrics' });
  });
  it('keeps google.<Name> types at version 0.0.1', () => {
    expect(kfpTypeFromV1('google.VertexDataset')).toEqual({ kind: 'artifact', schemaTitle: 'google.VertexDataset', schemaVersion: '0.0.1', declaredAs: 'google.VertexDataset' });
  });
  it('maps every other type, the dict form and no type at all to the generic Artifact, keeping the declared name', () => {
    for (const name of ['GCSPath', 'GCPProjectID', 'GCPRegion', 'CSV', 'ApacheParquet', 'TensorflowSavedModel', 'system.Dataset', 'UI metadata']) {
      expect(kfpTypeFromV1(name)).toEqual({ kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1', declaredAs: name });
    }
    expect(kfpTypeFromV1({ GCSPath: { data_type: 'CSV' } })).toEqual({
      kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1', declaredAs: 'GCSPath {"data_type":"CSV"}',
    });
    expect(kfpTypeFromV1(undefined)).toEqual({ kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' });
  });
  it('reads the outer generic as the SDK does', () => {
    expect(canonicalOuterGeneric('typing.List[str]')).toBe('List');
    expect(canonicalOuterGeneric('Dict[str, int]')).toBe('Dict');
    expect(canonicalOuterGeneric('GCSPath')).toBe('GCSPath');
  });
});

describe('names', () => {
  it('sanitizes input names like the SDK', () => {
    expect(sanitizeInputName('Input 1')).toBe('input_1');
    expect(sanitizeInputName('Training data (CSV)')).toBe('training_data_csv');
    expect(sanitizeInputName('--Dataset-Path--')).toBe('dataset_path');
  });
  it('renames for Kubernetes like the SDK', () => {
    expect(renameForK8s('Train XGBoost model on CSV')).toBe('train-xgboost-model-on-csv');
    expect(renameForK8s('__a__b__')).toBe('a-b');
  });
});

describe('deserializeV1Default', () => {
  it('casts text defaults by type', () => {
    expect(deserializeV1Default('Integer', '42')).toEqual({ ok: true, value: 42 });
    expect(deserializeV1Default('Float', '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(deserializeV1Default('Boolean', 'False')).toEqual({ ok: true, value: false });
    expect(deserializeV1Default('Bool', 'yes')).toEqual({ ok: true, value: true });
    expect(deserializeV1Default('String', 5)).toEqual({ ok: true, value: '5' });
    expect(deserializeV1Default('JsonObject', '{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(deserializeV1Default('JsonArray', '[1, 2]')).toEqual({ ok: true, value: [1, 2] });
  });
  it('keeps JSON text that does not parse, and values of unknown types', () => {
    expect(deserializeV1Default('JsonObject', 'not json')).toEqual({ ok: true, value: 'not json' });
    expect(deserializeV1Default('GCSPath', 'gs://b/x')).toEqual({ ok: true, value: 'gs://b/x' });
  });
  it('reports defaults that Python could not cast', () => {
    expect(deserializeV1Default('Integer', 'ten')).toMatchObject({ ok: false });
    expect(deserializeV1Default('Integer', '1.5')).toMatchObject({ ok: false });
    expect(deserializeV1Default('Boolean', 'maybe')).toMatchObject({ ok: false });
    expect(deserializeV1Default('Float', 'x')).toMatchObject({ ok: false });
  });
});
