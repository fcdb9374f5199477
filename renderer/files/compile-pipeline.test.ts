import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive';
import { importIr } from '../../shared/import/ir.import';
import { emptyDocument } from '../../shared/model/document';
import { bundledExample } from '../test-host';
import { compiledFileName, compilePipeline } from './compile-pipeline';

describe('compilePipeline', () => {
  it('compiles the example into each file form, named by the pipeline, holding the same tasks', async () => {
    const example = bundledExample('classic');
    for (const format of ['tar.gz', 'zip', 'yaml'] as const) {
      const outcome = await compilePipeline(example, format);
      if (!outcome.ok) throw new Error(`blocked: ${outcome.errors.map((e) => e.message).join('; ')}`);
      expect(outcome.fileName).toBe(`classic-pipeline.${format}`);
      const content = readPipelineArchive(outcome.bytes, outcome.fileName);
      expect(content.format).toBe(format);
      expect(Object.keys(importIr(content.text).graph.tasks).sort()).toEqual(Object.keys(example.graph.tasks).sort());
    }
  });

  it('compiles the example to an Argo Workflow from the same dialog', async () => {
    const outcome = await compilePipeline(bundledExample('classic'), 'argo.yaml');
    if (!outcome.ok) throw new Error('blocked');
    expect(outcome.fileName).toBe('classic-pipeline.argo.yaml');
    const workflow = yaml.load(new TextDecoder().decode(outcome.bytes)) as { apiVersion: string; kind: string; spec: { templates: unknown[] } };
    expect(workflow).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' });
    expect(workflow.spec.templates.length).toBeGreaterThan(1);
  });

  it('is refused with the errors while the pipeline has any', async () => {
    const example = bundledExample('classic');
    const train = example.graph.tasks.train;
    if (!train) throw new Error('no train task');
    delete train.arguments.train_data;
    const outcome = await compilePipeline(example, 'tar.gz');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.some((e) => e.code === 'KFS201' && e.location.task === 'train')).toBe(true);
  });

  it('makes a file name of any pipeline name', () => {
    expect(compiledFileName({ ...emptyDocument(), name: 'my pipeline/v2' }, 'zip')).toBe('my-pipeline-v2.zip');
    expect(compiledFileName({ ...emptyDocument(), name: '' }, 'yaml')).toBe('pipeline.yaml');
  });
});
