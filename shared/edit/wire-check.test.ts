import { describe, expect, it } from 'vitest';
import { producerComponent, task, twoStepDocument } from '../model/test-documents';
import { sourceOptions } from './argument-source';
import { graphIndexBuildCount } from '../model/graph-index';
import { checkWire } from './wire-check';
import { autoLayoutChange } from './auto-layout';
import { applyPipelineChanges } from '../model/changes';

const wire = (source: string, output: string, target: string, input: string) => ({ source, sourceHandle: `out:${output}`, target, targetHandle: `in:${input}` });

describe('checkWire', () => {
  const doc = twoStepDocument();

  it('accepts an output feeding an input of a compatible type', () => {
    expect(checkWire(doc, wire('make', 'data', 'use', 'data'))).toBeUndefined();
  });

  it('refuses a parameter output into an artifact input, saying why', () => {
    expect(checkWire(doc, wire('make', 'count', 'use', 'data'))).toMatch(/Integer.*cannot feed.*Dataset/);
  });

  it('refuses an artifact into a String parameter', () => {
    expect(checkWire(doc, wire('make', 'data', 'use', 'label'))).toMatch(/Dataset.*cannot feed.*String/);
  });

  it('refuses a task feeding itself and a wire that closes a cycle', () => {
    expect(checkWire(doc, wire('make', 'data', 'make', 'rows'))).toMatch(/own input/);
    // use.model is a Model artifact; make.rows an Integer: the type check comes first, so make a cycle-only case
    const cyclic = { ...doc, components: { ...doc.components, make: { ...doc.components.make!, inputs: [{ name: 'rows', type: { kind: 'artifact' as const, schemaTitle: 'system.Model', schemaVersion: '0.0.1' } }] } } };
    expect(checkWire(cyclic, wire('use', 'model', 'make', 'rows'))).toMatch(/cycle/);
  });

  it('refuses wires between two inputs or to ports that do not exist', () => {
    expect(checkWire(doc, { source: 'make', sourceHandle: 'in:rows', target: 'use', targetHandle: 'in:data' })).toMatch(/output/);
    expect(checkWire(doc, wire('make', 'nope', 'use', 'data'))).toMatch(/no longer exists/);
  });
});

describe('autoLayoutChange', () => {
  it('places each task right of the tasks it depends on', () => {
    const doc = applyPipelineChanges(twoStepDocument(), [autoLayoutChange(twoStepDocument())]);
    const { make, use } = doc.graph.layout;
    expect(use!.x).toBeGreaterThan(make!.x + 200);
  });
});

describe('the cycle check in a large pipeline', () => {
  // t0 → t1 → … → t999, each task's `rows` fed by the previous task's `count`.
  function chain(n: number) {
    const doc = twoStepDocument();
    doc.components = { step: producerComponent };
    doc.graph.tasks = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`t${i}`, task(`t${i}`, 'step', i ? { arguments: { rows: { kind: 'taskOutput', task: `t${i - 1}`, output: 'count' } } } : {})]),
    );
    doc.graph.layout = Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, { x: i * 300, y: 0 }]));
    return doc;
  }

  it('checks 1,000 candidate wires into one input with a single graph build, and a drag builds nothing', () => {
    const n = 1000;
    const doc = chain(n);
    const before = graphIndexBuildCount();
    const refusals = Array.from({ length: n }, (_, i) => checkWire(doc, wire(`t${i}`, 'count', 't500', 'rows')));
    expect(graphIndexBuildCount() - before).toBe(1);
    refusals.forEach((reason, i) => {
      if (i < 500) expect(reason).toBeUndefined();
      else if (i === 500) expect(reason).toMatch(/own input/);
      else expect(reason).toMatch(/cycle/);
    });
    const options = sourceOptions(doc, 't500', producerComponent.inputs[0]!, doc.graph.tasks.t500!.arguments.rows);
    expect(options.filter((o) => o.value.startsWith('out:')).map((o) => o.value)).toEqual(Array.from({ length: 500 }, (_, i) => `out:t${i}:count`));
    expect(graphIndexBuildCount() - before).toBe(1);

    const moved = applyPipelineChanges(doc, [{ type: 'moveNodes', positions: { t500: { x: 1, y: 999 } } }]);
    expect(checkWire(moved, wire('t999', 'count', 't500', 'rows'))).toMatch(/cycle/);
    expect(graphIndexBuildCount() - before).toBe(1);
  });

  it('sees a graph edit: cutting the chain lets a downstream output feed an upstream input', () => {
    const doc = chain(20);
    expect(checkWire(doc, wire('t15', 'count', 't5', 'rows'))).toMatch(/cycle/);
    const cut = applyPipelineChanges(doc, [{ type: 'setArgument', task: 't10', input: 'rows', argument: null }]);
    expect(checkWire(cut, wire('t15', 'count', 't5', 'rows'))).toBeUndefined();
    expect(checkWire(cut, wire('t8', 'count', 't5', 'rows'))).toMatch(/cycle/);
    // an ordering edge counts as a path too
    const ordered = applyPipelineChanges(cut, [{ type: 'addAfter', task: 't10', dependsOn: 't9' }]);
    expect(checkWire(ordered, wire('t15', 'count', 't5', 'rows'))).toMatch(/cycle/);
  });
});
