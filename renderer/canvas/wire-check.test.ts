import { describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { checkWire } from './wire-check';
import { autoLayoutChange } from './auto-layout';
import { applyPipelineChanges } from '../../shared/model/changes';

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
