import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compile/ir.compile';
import type { ComponentSpec, PipelineDocument } from '../../model/document';
import { emptyGraph } from '../../model/document';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

function trainArgs(d: PipelineDocument): unknown[] {
  const impl = d.components.train!.implementation;
  if (impl.kind !== 'container' || !impl.args) throw new Error('sample changed');
  return impl.args;
}

function subPipeline(id: string, uses: string): ComponentSpec {
  const graph = emptyGraph();
  graph.tasks.inner = { id: 'inner', component: uses, arguments: {}, after: [], options: {} };
  return { name: id, inputs: [], outputs: [], implementation: { kind: 'graph', graph } };
}

describe('KFS402 component is not valid', () => {
  it('reports a placeholder naming an input the component does not declare', () => {
    const found = findCode(sampleWith((d) => trainArgs(d).push("--lr={{$.inputs.parameters['lr']}}")), 'KFS402');
    expect(found).toEqual([expect.objectContaining({ location: { component: 'train', field: 'implementation.args[3]' } })]);
    expect(found[0]!.message).toContain("'lr'");
  });

  it('reports an artifact input used as a parameter, and an ifPresent on an undeclared input', () => {
    const doc = sampleWith((d) => {
      trainArgs(d).push("{{$.inputs.parameters['data']}}", { ifPresent: { input: 'warm_start', then: ['--warm'] } });
    });
    const found = findCode(doc, 'KFS402');
    expect(found.map((d) => d.location.field)).toEqual(['implementation.args[3]', 'implementation.args[4].ifPresent.input']);
    expect(found[0]!.message).toContain("$.inputs.artifacts['data']");
    expect(found[1]!.message).toContain("'warm_start'");
  });

  it('warns about a container without an image (published components have `image: \'\'`), and compiling refuses it', () => {
    const doc = sampleWith((d) => ((d.components.load!.implementation as { image: string }).image = ' '));
    const found = findCode(doc, 'KFS420');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', location: { component: 'load', field: 'implementation.image' } })]);
    expect(() => compileToIr(doc)).toThrow(expect.objectContaining({ code: 'KFS420' }));
  });

  it('names each key of the source file the editor does not use, in a warning', () => {
    const found = findCode(sampleWith((d) => (d.components.load!.unusedKeys = ['implementation.container.volumes'])), 'KFS421');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(found[0]!.message).toContain("'implementation.container.volumes'");
  });

  it('refuses output files that name no output, are not absolute, or wrap no command', () => {
    const doc = sampleWith((d) => {
      const impl = d.components.load!.implementation as { fileOutputs?: { [k: string]: string }; command?: unknown };
      impl.fileOutputs = { rows: 'rows.txt', ghost: '/out/x' };
      delete impl.command;
    });
    expect(findCode(doc, 'KFS422').map((d) => d.location.field).sort()).toEqual(['implementation.command', 'implementation.fileOutputs.ghost', 'implementation.fileOutputs.rows']);
  });

  it('reports sub-pipelines that include themselves', () => {
    const doc = sampleWith((d) => {
      d.components.outer = subPipeline('outer', 'middle');
      d.components.middle = subPipeline('middle', 'outer');
    });
    const found = findCode(doc, 'KFS402');
    expect(found.map((d) => d.location)).toEqual([{ component: 'middle' }, { component: 'outer' }]);
    expect(found[1]!.message).toContain("'outer' → 'middle' → 'outer'");
  });

  it('reports a sub-pipeline whose graph does not match its declared inputs', () => {
    const doc = sampleWith((d) => {
      const sub = subPipeline('sub', 'shards');
      sub.inputs.push({ name: 'n', type: { kind: 'parameter', type: 'NUMBER_INTEGER' } });
      d.components.sub = sub;
    });
    const found = findCode(doc, 'KFS402');
    expect(found).toEqual([expect.objectContaining({ location: { component: 'sub', port: 'n' } })]);
  });

  it('passes valid components', () => {
    expect(findCode(sampleDocument(), 'KFS402')).toEqual([]);
  });
});

describe('KFS302 duplicate component ports', () => {
  it('reports an input declared twice', () => {
    const found = findCode(sampleWith((d) => d.components.train!.inputs.push({ name: 'rate', type: { kind: 'parameter', type: 'NUMBER_DOUBLE' } })), 'KFS302');
    expect(found).toEqual([expect.objectContaining({ location: { component: 'train', port: 'rate', field: 'inputs[3]' } })]);
  });
});
