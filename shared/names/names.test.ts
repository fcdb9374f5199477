// Names that objects inherit (`constructor`, `toString`, ...) are ordinary names in documents, edits, layout,
// validation and both compilers; references to names that do not exist are coded errors; `__proto__` is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { compileToArgo } from '../compile/argo/argo.compile';
import { compileToIr } from '../compile/ir.compile';
import { refusal } from '../errors/refusal.test-support';
import { layered } from '../import/layered-layout';
import { importComponentYaml } from '../import/component.import';
import { applyPipelineChanges } from '../model/changes';
import type { PipelineDocument } from '../model/document';
import { parseDocument, serializeDocument } from '../model/document.parse';
import { task, twoStepDocument } from '../model/test-documents';
import { readExecutorOutput } from '../runtime/executor-input';
import { resolveRunParameters } from '../runtime/parameter-value';
import { validate } from '../validate/validate';
import { own, refuseReservedKeys } from './names';

afterEach(() => {
  expect(Object.keys(Object.prototype)).toEqual([]);
});

const errorCodes = (doc: PipelineDocument) => validate(doc).filter((d) => d.severity === 'error').map((d) => d.code);

describe('names that objects inherit', () => {
  it('lays out boxes named __proto__ and constructor, with edges to boxes that are not there, without touching Object.prototype', () => {
    const ids = ['__proto__', 'constructor', 'toString', 'a'];
    const edges = [
      { from: '__proto__', to: 'constructor', weight: 1 },
      { from: 'a', to: 'hasOwnProperty', weight: 1 },
      { from: '__proto__', to: 'valueOf', weight: 1 },
    ];
    const block = layered(ids, () => ({ width: 100, height: 40 }), edges, { direction: 'TB', nodeGap: 20, rankGap: 40 });
    expect([...block.at.keys()].sort()).toEqual([...ids].sort());
    expect((block.at.get('constructor') as { y: number }).y).toBeGreaterThan((block.at.get('__proto__') as { y: number }).y);
  });

  it('adds, renames and wires tasks named constructor and valueOf like any other name', () => {
    let doc = twoStepDocument();
    doc = applyPipelineChanges(doc, [{ type: 'renameNode', id: 'make', newId: 'constructor' }]);
    doc = applyPipelineChanges(doc, [{ type: 'addTask', task: task('valueof', 'use'), position: { x: 0, y: 300 } }]);
    doc = applyPipelineChanges(doc, [{ type: 'addAfter', task: 'valueof', dependsOn: 'constructor' }]);
    expect(Object.keys(doc.graph.tasks).sort()).toEqual(['constructor', 'use', 'valueof']);
    expect(doc.graph.tasks.use?.arguments.data).toEqual({ kind: 'taskOutput', task: 'constructor', output: 'data' });
    expect(doc.graph.tasks.valueof?.after).toEqual(['constructor']);
    const reopened = parseDocument(serializeDocument(doc));
    expect(errorCodes(reopened).filter((c) => c !== 'KFS201')).toEqual([]);
    expect(Object.keys((compileToIr(reopened).pipelineSpec.root as { dag: { tasks: object } }).dag.tasks).sort()).toEqual(['constructor', 'use', 'valueof']);
  });

  it.each(['constructor', 'toString', '__proto__'])('refuses references to a missing %s with a code in validation and both compilers', (name) => {
    const cases: [string, (doc: PipelineDocument) => void][] = [
      ['KFS401', (doc) => ((doc.graph.tasks.make as { component: string }).component = name)],
      ['KFS103', (doc) => ((doc.graph.tasks.use as { after: string[] }).after = [name])],
      ['KFS102', (doc) => ((doc.graph.tasks.use as { arguments: object }).arguments = { ...doc.graph.tasks.use?.arguments, data: { kind: 'taskOutput', task: 'make', output: name } })],
    ];
    for (const [code, mutate] of cases) {
      const doc = twoStepDocument();
      mutate(doc);
      expect(errorCodes(doc)).toContain(code);
      expect(refusal(() => compileToIr(doc)).code).toBe(code);
      expect(refusal(() => compileToArgo(doc)).code).toBe(code);
    }
  });

  it('compiles a step whose optional input named constructor is left unconnected (found by the fuzz test)', () => {
    const doc = twoStepDocument();
    const use = doc.components.use as PipelineDocument['components'][string];
    doc.components.use = { ...use, inputs: [...use.inputs, { name: 'constructor', type: { kind: 'parameter', type: 'STRING' }, default: 'made', optional: true }] };
    expect(errorCodes(doc)).toEqual([]);
    const workflow = JSON.stringify(compileToArgo(doc));
    expect(workflow).toContain('"name":"constructor","value":"made"');
    const ir = compileToIr(doc).pipelineSpec as { components: { 'comp-use': { inputDefinitions: { parameters: object } } } };
    expect(Object.keys(ir.components['comp-use'].inputDefinitions.parameters)).toContain('constructor');
  });

  it('imports a component named constructor under that id, not constructor-2', () => {
    const imported = importComponentYaml('name: constructor\nimplementation:\n  container:\n    image: alpine\n    command: [echo, hi]\n');
    expect(imported.id).toBe('constructor');
    expect(Object.keys(imported.components)).toEqual(['constructor']);
  });

  it('gives a run parameter named constructor its default when the run does not set it', () => {
    const definitions = { constructor: { parameterType: 'STRING', defaultValue: 'd', isOptional: true }, n: { parameterType: 'NUMBER_INTEGER', isOptional: false } };
    expect(resolveRunParameters(definitions, { n: 2 })).toEqual({ constructor: 'd', n: 2 });
    expect(refusal(() => resolveRunParameters({ n: definitions.n }, { n: 2, toString: 'x' })).code).toBe('KFS801');
  });

  it('refuses __proto__ as a key in a document file, and as a parameter name made by an edit', () => {
    const text = serializeDocument(twoStepDocument()).replace('"tasks": {', '"tasks": {\n"__proto__": {"polluted": true},');
    const error = refusal(() => parseDocument(text, { file: 'x.pipeline.json' }));
    expect(error.code).toBe('KFS520');
    expect(error.location).toEqual({ file: 'x.pipeline.json', field: 'graph.tasks.__proto__' });
    const edited = applyPipelineChanges(twoStepDocument(), [{ type: 'putParameter', parameter: { name: '__proto__', type: { kind: 'parameter', type: 'STRING' } } }]);
    expect(errorCodes(edited)).toContain('KFS520');
  });

  it('keeps a step-written __proto__ key in executor_output.json as data, never as the prototype', () => {
    const output = readExecutorOutput(JSON.parse('{"parameterValues": {"__proto__": {"x": 1}, "n": 2}}'));
    expect(Object.getPrototypeOf(output.parameters)).toBeNull();
    expect(own(output.parameters, 'n')).toBe(2);
    expect(own(output.parameters, 'x')).toBeUndefined();
    expect(own(output.parameters, 'constructor')).toBeUndefined();
  });

  it('names the path of a reserved key', () => {
    expect(refusal(() => refuseReservedKeys(JSON.parse('{"a": [{"b": {"__proto__": 1}}]}'), { file: 'f' })).location).toEqual({ file: 'f', field: 'a[0].b.__proto__' });
    expect(() => refuseReservedKeys({ a: { constructor: 1, toString: [2] } })).not.toThrow();
  });
});
