// resources/examples/classic.pipeline.json: generated from the bundled components, committed, valid.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphLayout } from '../../shared/import/ir-layout';
import { estimatedPortOffset, estimatedTaskSize } from '../../shared/layout/task-size';
import type { PipelineDocument, Task } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { buildExamples } from './build-examples';
import { EXAMPLES_DIR } from './bundled-catalog';

const CLASSIC = path.join(EXAMPLES_DIR, 'classic.pipeline.json');
const committed = readFileSync(CLASSIC, 'utf8');

describe('the classic example pipeline', () => {
  it('is what the build script makes from resources/components (run: npx tsx test/resources/build-examples.ts)', () => {
    const built = buildExamples().find((example) => example.file === CLASSIC);
    expect(built?.text).toBe(committed);
  });

  it('opens as a document and validates without errors', () => {
    const doc = parseDocument(committed, { file: 'classic.pipeline.json' });
    expect(doc.name).toBe('classic-pipeline');
    const errors = validate(doc).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it("wires query → preprocess → train → test, and train's model into the Vertex AI deploy step", () => {
    const doc = JSON.parse(committed) as PipelineDocument;
    const { tasks } = doc.graph;
    expect(Object.keys(tasks).sort()).toEqual(['deploy', 'preprocess', 'query', 'test', 'train']);
    const from = (task: string, input: string) => tasks[task]?.arguments[input];
    expect(from('preprocess', 'data')).toEqual({ kind: 'taskOutput', task: 'query', output: 'table' });
    expect(from('train', 'train_data')).toEqual({ kind: 'taskOutput', task: 'preprocess', output: 'train_data' });
    expect(from('test', 'test_data')).toEqual({ kind: 'taskOutput', task: 'preprocess', output: 'test_data' });
    expect(from('test', 'model')).toEqual({ kind: 'taskOutput', task: 'train', output: 'model' });
    expect(from('deploy', 'model')).toEqual({ kind: 'taskOutput', task: 'train', output: 'model' });
    expect(doc.components[tasks.deploy?.component ?? '']?.inputs.find((p) => p.name === 'model')?.type).toMatchObject({ kind: 'artifact', schemaTitle: 'system.Model' });
    expect(tasks.deploy?.after).toEqual([]);
  });

  it('declares the pipeline parameters, embeds catalog components and places every task', () => {
    const doc = JSON.parse(committed) as PipelineDocument;
    expect(doc.graph.inputs.map((p) => p.name)).toEqual([
      'project_id', 'bucket', 'data_path', 'model_name', 'model_version',
    ]);
    for (const input of doc.graph.inputs) expect(input.type).toEqual({ kind: 'parameter', type: 'STRING' });
    for (const task of Object.values(doc.graph.tasks)) {
      expect(doc.components[task.component]?.source).toEqual({ kind: 'catalog', ref: task.component });
      expect(doc.graph.layout[task.id]).toBeDefined();
    }
  });
});

describe('the classic example after Auto layout', () => {
  it('leaves every wire in sight: none runs behind a step it does not join, as the canvas draws it (smoothstep)', () => {
    const doc = JSON.parse(committed) as PipelineDocument;
    const laid = graphLayout(doc.graph, doc.components);
    const box = (id: string) => {
      const task = doc.graph.tasks[id] as Task;
      const at = laid[id] as { x: number; y: number };
      return { ...at, ...estimatedTaskSize(task, doc.components[task.component]), task, component: doc.components[task.component] };
    };
    const hidden: string[] = [];
    for (const task of Object.values(doc.graph.tasks)) {
      for (const [input, arg] of Object.entries(task.arguments)) {
        if (arg.kind !== 'taskOutput') continue;
        const from = box(arg.task);
        const to = box(task.id);
        const start = { x: from.x + from.width, y: from.y + (estimatedPortOffset(from.task, from.component, 'output', arg.output) ?? 0) };
        const end = { x: to.x, y: to.y + (estimatedPortOffset(to.task, to.component, 'input', input) ?? 0) };
        const halfway = (start.x + end.x) / 2;
        const parts = [
          { x0: start.x, x1: halfway, y0: start.y, y1: start.y },
          { x0: halfway, x1: halfway, y0: Math.min(start.y, end.y), y1: Math.max(start.y, end.y) },
          { x0: halfway, x1: end.x, y0: end.y, y1: end.y },
        ];
        for (const other of Object.keys(doc.graph.tasks)) {
          if (other === arg.task || other === task.id) continue;
          const b = box(other);
          if (parts.some((s) => s.x1 > b.x && s.x0 < b.x + b.width && s.y1 > b.y && s.y0 < b.y + b.height)) hidden.push(`${arg.task}.${arg.output} → ${task.id}.${input} behind ${other}`);
        }
      }
    }
    expect(hidden).toEqual([]);
  });
});
