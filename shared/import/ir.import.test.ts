import { describe, expect, it } from 'vitest';
import { compileToIr } from '../compile/ir.compile';
import { irToYaml } from '../compile/ir.yaml';
import { twoStepDocument } from '../model/test-documents';
import { parseCondition } from './ir-condition.parse';
import { importIr, importIrObjects } from './ir.import';
import { refusal } from '../errors/refusal.test-support';


const simple = `
components:
  comp-echo:
    executorLabel: exec-echo
    inputDefinitions:
      parameters:
        text: {parameterType: STRING}
deploymentSpec:
  executors:
    exec-echo:
      container: {image: alpine, command: [echo, "{{$.inputs.parameters['text']}}"]}
pipelineInfo: {name: echo}
root:
  dag:
    tasks:
      echo:
        cachingOptions: {enableCache: true}
        componentRef: {name: comp-echo}
        inputs: {parameters: {text: {componentInputParameter: msg}}}
        taskInfo: {name: Say it}
  inputDefinitions:
    parameters:
      msg: {parameterType: STRING, defaultValue: hi, isOptional: true}
schemaVersion: 2.1.0
`;

describe('importIr', () => {
  it('turns tasks, parameters and edges into first-class document objects, laid out', () => {
    const doc = importIr(simple);
    expect(doc.name).toBe('echo');
    expect(doc.graph.inputs).toEqual([{ name: 'msg', type: { kind: 'parameter', type: 'STRING' }, default: 'hi', optional: true }]);
    const task = doc.graph.tasks.echo;
    expect(task?.component).toBe('echo');
    expect(task?.displayName).toBe('Say it');
    expect(task?.arguments.text).toEqual({ kind: 'graphInput', input: 'msg' });
    expect(doc.components.echo?.implementation).toEqual({ kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['text']}}"] });
    expect(doc.graph.layout.echo).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  });

  it('keeps ordering edges that the data does not imply', () => {
    const source = twoStepDocument();
    source.graph.tasks.use = { ...source.graph.tasks.use!, after: ['make'] };
    source.graph.tasks.make2 = { id: 'make2', component: 'make', arguments: {}, after: ['use'], options: {} };
    const doc = importIr(irToYaml(compileToIr(source)));
    expect(doc.graph.tasks.use?.after).toEqual([]);
    expect(doc.graph.tasks.make2?.after).toEqual(['use']);
  });

  it('refuses input that is not a pipeline IR, with codes and locations', () => {
    expect(refusal(() => importIr('a: [1', { file: 'x.yaml' })).code).toBe('KFS410');
    expect(refusal(() => importIr('name: component\nimplementation: {}\n')).code).toBe('KFS610');
    expect(refusal(() => importIrObjects([{}, {}, {}])).code).toBe('KFS610');
    expect(refusal(() => importIr(simple.replace('schemaVersion: 2.1.0', 'schemaVersion: 2.0.0'))).code).toBe('KFS610');
    expect(refusal(() => importIr(simple.replace('pipelineInfo: {name: echo}', 'pipelineInfo: {name: Echo!}'))).code).toBe('KFS301');
    const missing = refusal(() => importIr(simple.replace('componentRef: {name: comp-echo}', 'componentRef: {name: comp-nope}'), { file: 'p.yaml' }));
    expect(missing.code).toBe('KFS611');
    expect(missing.location).toMatchObject({ file: 'p.yaml', task: 'echo' });
    expect(refusal(() => importIr(simple.replace('componentInputParameter: msg', 'componentInputParameter: other'))).code).toBe('KFS611');
    expect(refusal(() => importIr(simple.replace('taskInfo: {name: Say it}', 'taskInfo: {name: Say it}\n        magic: 1'))).code).toBe('KFS612');
  });
});

describe('parseCondition', () => {
  it('reads the conditions the SDK writes', () => {
    expect(parseCondition("int(inputs.parameter_values['pipelinechannel--n']) > 5")).toEqual([
      { negated: false, comparison: { left: { input: 'pipelinechannel--n' }, operator: '>', right: { constant: 5 } } },
    ]);
    const terms = parseCondition("!(inputs.parameter_values['a'] == 'heads') && inputs.parameter_values['b'] != true");
    expect(terms.map((t) => t.negated)).toEqual([true, false]);
    expect(terms[1]?.comparison.right).toEqual({ constant: true });
  });

  it('refuses what it does not understand', () => {
    expect(refusal(() => parseCondition("inputs.parameter_values['a'] in ['x']")).code).toBe('KFS613');
    expect(refusal(() => parseCondition("size(inputs.parameter_values['a']) > 1")).code).toBe('KFS613');
  });
});
