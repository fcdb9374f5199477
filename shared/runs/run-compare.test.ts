import { describe, expect, it } from 'vitest';
import type { ArtifactValue, RunSnapshot, TaskSnapshot } from '../runtime/runtime';
import { checkComparedIds, compareRuns, metricsArtifacts, metricsFileKey } from './run-compare';

const artifact = (name: string, schemaTitle: string, metadata: ArtifactValue['metadata'] = {}): ArtifactValue => ({ name, uri: `/runs/x/${name}`, schemaTitle, metadata });

function task(id: string, state: TaskSnapshot['state'], artifacts: { [name: string]: ArtifactValue[] } = {}): TaskSnapshot {
  return { id, name: id, displayName: id[0]?.toUpperCase() + id.slice(1), kind: 'container', state, attempts: 1, hasLog: true, outputs: { parameters: {}, artifacts } };
}

function run(id: string, parameters: RunSnapshot['parameters'], tasks: TaskSnapshot[]): RunSnapshot {
  return {
    id,
    experimentId: 'default',
    displayName: `run ${id}`,
    pipelineName: 'classic',
    state: tasks.every((t) => t.state === 'succeeded') ? 'succeeded' : 'failed',
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:30Z',
    parameters,
    execution: { mode: 'host', reason: '' },
    tasks,
    revision: 1,
  };
}

// What KFP's SDK puts in a ClassificationMetrics artifact's metadata (log_roc_data_point, log_confusion_matrix).
const sdkClassification = {
  confidenceMetrics: [
    { confidenceThreshold: 1, recall: 0, falsePositiveRate: 0 },
    { confidenceThreshold: 0.5, recall: 0.8, falsePositiveRate: 0.2 },
    { confidenceThreshold: 0, recall: 1, falsePositiveRate: 1 },
  ],
  confusionMatrix: { annotationSpecs: [{ displayName: 'cat' }, { displayName: 'dog' }], rows: [{ row: [8, 2] }, { row: [1, 9] }] },
};

describe('compareRuns', () => {
  const sdkRun = run('a', { rows: 400, seed: 7 }, [
    task('train', 'succeeded'),
    task('test', 'succeeded', {
      metrics: [artifact('metrics', 'system.Metrics', { accuracy: 0.9, display_name: 'metrics' })],
      classification: [artifact('classification', 'system.ClassificationMetrics', sdkClassification)],
    }),
  ]);
  // A plain component writes its metrics as a JSON file instead (the classic-local example does).
  const fileRun = run('b', { rows: 400, seed: 8, epochs: 10 }, [
    task('train', 'succeeded'),
    task('test', 'failed', { metrics: [artifact('metrics', 'system.Metrics')], classification: [artifact('classification', 'system.ClassificationMetrics')] }),
  ]);
  const files = {
    [metricsFileKey('test', 'metrics')]: { accuracy: 0.75, test_rows: 100 },
    [metricsFileKey('test', 'classification')]: { confidenceMetrics: [{ threshold: 0.5, truePositiveRate: 0.6, falsePositiveRate: 0.4 }] },
  };
  const comparison = compareRuns([{ run: sdkRun, files: {} }, { run: fileRun, files }], Date.parse('2026-01-02T00:00:00Z'));

  it('lines parameters up by name and marks those that differ', () => {
    expect(comparison.parameters).toEqual([
      { name: 'rows', values: [400, 400], differs: false },
      { name: 'seed', values: [7, 8], differs: true },
      { name: 'epochs', values: [undefined, 10], differs: true },
    ]);
  });

  it('reads scalar metrics from metadata (SDK) and from the file (plain components), without display_name', () => {
    expect(comparison.metrics).toEqual([
      { name: 'accuracy', source: 'Test › metrics', values: [0.9, 0.75], differs: true },
      { name: 'test_rows', source: 'Test › metrics', values: [undefined, 100], differs: true },
    ]);
  });

  it('gives each step its state per run', () => {
    expect(comparison.steps.map((s) => [s.id, s.states, s.differs])).toEqual([
      ['train', ['succeeded', 'succeeded'], false],
      ['test', ['succeeded', 'failed'], true],
    ]);
    expect(comparison.runs.map((r) => [r.id, r.state, r.durationMs])).toEqual([['a', 'succeeded', 90_000], ['b', 'failed', 90_000]]);
  });

  it('takes ROC curves and confusion matrices of both forms, each with its run', () => {
    expect(comparison.roc.map((c) => [c.run, c.source, c.points.length, Number(c.auc.toFixed(3))])).toEqual([
      [0, 'Test › classification', 3, 0.8],
      [1, 'Test › classification', 1, 0],
    ]);
    expect(comparison.roc[0]?.points[0]).toEqual({ tpr: 0, fpr: 0, threshold: 1 });
    expect(comparison.confusion).toEqual([{ run: 0, source: 'Test › classification', matrix: { labels: ['cat', 'dog'], rows: [[8, 2], [1, 9]] } }]);
  });

  it('finds only metrics artifacts of steps', () => {
    expect(metricsArtifacts(sdkRun).map((m) => m.output)).toEqual(['metrics', 'classification']);
    expect(metricsArtifacts(run('c', {}, [task('train', 'succeeded', { model: [artifact('model', 'system.Model')] })]))).toEqual([]);
  });
});

describe('checkComparedIds', () => {
  it('refuses fewer than 2, more than 10, or the same run twice (KFS960)', () => {
    expect(() => checkComparedIds(['a'])).toThrow(/KFS960|2 to 10 runs/);
    expect(() => checkComparedIds(Array.from({ length: 11 }, (_, i) => `r${i}`))).toThrow(/2 to 10 runs \(11 given\)/);
    expect(() => checkComparedIds(['a', 'b', 'a'])).toThrow(/Run a is given twice/);
    expect(() => checkComparedIds(['a', 'b'])).not.toThrow();
  });
});

describe('compareRuns with hostile names', () => {
  it('lines up parameters, steps and metrics named like Object.prototype keys as any other name', () => {
    const params = (value: number) => JSON.parse(`{"__proto__": ${value}, "constructor": ${value}, "toString": 1}`) as RunSnapshot['parameters'];
    const metricsOf = (accuracy: number) => ({ metrics: [artifact('metrics', 'system.Metrics', JSON.parse(`{"__proto__": ${accuracy}, "hasOwnProperty": 1}`) as ArtifactValue['metadata'])] });
    const a = run('a', params(1), [task('__proto__', 'succeeded', metricsOf(0.5)), task('constructor', 'failed')]);
    const b = run('b', params(2), [task('__proto__', 'failed', metricsOf(0.7))]);
    const comparison = compareRuns([{ run: a, files: {} }, { run: b, files: {} }]);
    expect(comparison.parameters).toEqual([
      { name: '__proto__', values: [1, 2], differs: true },
      { name: 'constructor', values: [1, 2], differs: true },
      { name: 'toString', values: [1, 1], differs: false },
    ]);
    expect(comparison.steps.map((s) => [s.id, s.states])).toEqual([
      ['__proto__', ['succeeded', 'failed']],
      ['constructor', ['failed', undefined]],
    ]);
    expect(comparison.metrics.map((m) => [m.name, m.values])).toEqual([
      ['__proto__', [0.5, 0.7]],
      ['hasOwnProperty', [1, 1]],
    ]);
  });
});
