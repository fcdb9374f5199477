import { describe, expect, it } from 'vitest';
import type { ContainerImplementation, GraphImplementation } from '../model/document';
import { importComponentYaml } from './component.import';
import { refusal } from '../errors/refusal.test-support';


function container(yaml: string): ContainerImplementation {
  const implementation = importComponentYaml(yaml).component.implementation;
  if (implementation.kind !== 'container') throw new Error(`expected a container, got ${implementation.kind}`);
  return implementation;
}

const header = `
name: Echo things
inputs:
- {name: Text, type: String}
- {name: Count, type: Integer, default: "3"}
- {name: Data, type: Dataset}
- {name: Maybe, type: String, optional: true}
outputs:
- {name: Result, type: String}
- {name: Model out, type: Model}
`;

describe('v1 placeholders', () => {
  it('converts inputValue, inputPath, inputUri, outputPath and outputUri to KFP v2 placeholders with sanitized names', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    command: [sh, -c]
    args:
    - {inputValue: Text}
    - {inputPath: Data}
    - {inputUri: Data}
    - {outputPath: Result}
    - {outputPath: Model out}
    - {outputUri: Model out}
`);
    expect(impl.image).toBe('busybox');
    expect(impl.command).toEqual(['sh', '-c']);
    expect(impl.args).toEqual([
      "{{$.inputs.parameters['text']}}",
      "{{$.inputs.artifacts['data'].path}}",
      "{{$.inputs.artifacts['data'].uri}}",
      "{{$.outputs.parameters['result'].output_file}}",
      "{{$.outputs.artifacts['model_out'].path}}",
      "{{$.outputs.artifacts['model_out'].uri}}",
    ]);
  });

  it('converts executorInput to {{$}} and concat to a concat item', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    args:
    - {executorInput: null}
    - {concat: ['--count=', {inputValue: Count}]}
`);
    expect(impl.args).toEqual(['{{$}}', { concat: ['--count=', "{{$.inputs.parameters['count']}}"] }]);
  });

  it('converts if/isPresent with then and else lists to ifPresent', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    args:
    - if:
        cond: {isPresent: Maybe}
        then: [--maybe, {inputValue: Maybe}]
        else: [--no-maybe]
    - if:
        cond: {isPresent: Maybe}
        then: --single
`);
    expect(impl.args).toEqual([
      { ifPresent: { input: 'maybe', then: ['--maybe', "{{$.inputs.parameters['maybe']}}"], else: ['--no-maybe'] } },
      { ifPresent: { input: 'maybe', then: ['--single'] } },
    ]);
  });

  it('accepts the SDK ifPresent form with inputName', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    args:
    - ifPresent: {inputName: Maybe, then: [a], else: [b]}
`);
    expect(impl.args).toEqual([{ ifPresent: { input: 'maybe', then: ['a'], else: ['b'] } }]);
  });

  it('resolves an if with a constant condition in place, as v1 did', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    args:
    - x
    - if: {cond: true, then: [yes1, yes2], else: [no]}
    - if: {cond: 'false', then: [yes], else: [no1]}
    - if: {cond: false, then: [yes]}
`);
    expect(impl.args).toEqual(['x', 'yes1', 'yes2', 'no1']);
  });

  it('refuses an if whose condition depends on a value, naming the field', () => {
    const error = refusal(() => container(`${header}
implementation:
  container:
    image: busybox
    args:
    - a
    - if: {cond: {inputValue: Text}, then: [b]}
`));
    expect(error.code).toBe('KFS412');
    expect(error.location.field).toBe('implementation.container.args[1].if.cond');
  });

  it('refuses an unknown placeholder with KFS412 and its place', () => {
    const error = refusal(() => container(`${header}
implementation:
  container:
    image: busybox
    args: [a, b, c, {inputValu: Text}]
`));
    expect(error.code).toBe('KFS412');
    expect(error.location.field).toBe('implementation.container.args[3]');
    expect(error.message).toContain('inputValu');
  });

  it('refuses a placeholder naming an undeclared port with KFS413', () => {
    const error = refusal(() => container(`${header}
implementation:
  container:
    image: busybox
    command: [{outputPath: Nope}]
`));
    expect(error.code).toBe('KFS413');
    expect(error.location).toMatchObject({ port: 'Nope', field: 'implementation.container.command[0].outputPath', component: 'Echo things' });
  });

  it('turns env placeholders into text and refuses an if there', () => {
    const impl = container(`${header}
implementation:
  container:
    image: busybox
    env:
      TEXT: {inputValue: Text}
      PLAIN: hello
`);
    expect(impl.env).toEqual([{ name: 'TEXT', value: "{{$.inputs.parameters['text']}}" }, { name: 'PLAIN', value: 'hello' }]);
    const error = refusal(() => container(`${header}
implementation:
  container:
    image: busybox
    env:
      X: {if: {cond: {isPresent: Maybe}, then: [a]}}
`));
    expect(error).toMatchObject({ code: 'KFS412' });
    expect(error.location.field).toBe('implementation.container.env.X');
  });
});

describe('v1 ports', () => {
  it('types ports, sanitizes names, marks optional ports and casts defaults', () => {
    const { id, component } = importComponentYaml(`${header}
implementation: {container: {image: busybox, args: [{inputValue: Count}, {inputPath: Data}]}}
`);
    expect(id).toBe('echo-things');
    expect(component.name).toBe('Echo things');
    expect(component.inputs.map((p) => p.name)).toEqual(['text', 'count', 'data', 'maybe']);
    expect(component.inputs[1]).toEqual({ name: 'count', type: { kind: 'parameter', type: 'NUMBER_INTEGER', declaredAs: 'Integer' }, optional: true, default: 3 });
    expect(component.inputs[2]?.type).toEqual({ kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1', declaredAs: 'Dataset' });
    expect(component.inputs[3]?.optional).toBe(true);
    expect(component.inputs[0]?.optional).toBeUndefined();
    expect(component.outputs.map((p) => p.type.kind)).toEqual(['parameter', 'artifact']);
  });

  it('makes a parameter input read with inputPath an artifact (v1 wrote its value to a file)', () => {
    const { component } = importComponentYaml(`
name: c
inputs: [{name: config, type: JsonObject, default: '{}'}]
implementation: {container: {image: i, args: [{inputPath: config}]}}
`);
    expect(component.inputs[0]).toEqual({
      name: 'config',
      type: { kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1', declaredAs: 'JsonObject' },
      optional: true,
    });
  });

  it('makes a generic-artifact input read with inputValue a String parameter, keeping its default', () => {
    const { component } = importComponentYaml(`
name: c
inputs: [{name: path, type: GCSPath, default: 'gs://b/x'}, {name: untyped}]
implementation: {container: {image: i, args: [{inputValue: path}, {inputValue: untyped}]}}
`);
    expect(component.inputs[0]).toEqual({ name: 'path', type: { kind: 'parameter', type: 'STRING', declaredAs: 'GCSPath' }, optional: true, default: 'gs://b/x' });
    expect(component.inputs[1]?.type).toEqual({ kind: 'parameter', type: 'STRING' });
  });

  it('counts v2 placeholders already written in the text as uses of the port', () => {
    const { component } = importComponentYaml(`
name: c
inputs: [{name: root_dir}, {name: job, type: google.VertexBatchPredictionJob}]
implementation: {container: {image: i, args: ["{{$.inputs.parameters['root_dir']}}/x", "{{$.inputs.artifacts['job'].metadata['gcsOutputDirectory']}}"]}}
`);
    expect(component.inputs[0]?.type).toEqual({ kind: 'parameter', type: 'STRING' });
    expect(component.inputs[1]?.type).toMatchObject({ kind: 'artifact', schemaTitle: 'google.VertexBatchPredictionJob' });
  });

  it('refuses a Model input read by value, and an input read both ways', () => {
    expect(refusal(() => importComponentYaml(`
name: c
inputs: [{name: m, type: Model}]
implementation: {container: {image: i, args: [{inputValue: m}]}}
`))).toMatchObject({ code: 'KFS412', location: { port: 'm' } });
    expect(refusal(() => importComponentYaml(`
name: c
inputs: [{name: t, type: String}]
implementation: {container: {image: i, args: [{inputValue: t}, {inputPath: t}]}}
`))).toMatchObject({ code: 'KFS412', location: { port: 't' } });
  });

  it('refuses bad port declarations with KFS415', () => {
    expect(refusal(() => importComponentYaml('name: c\ninputs: {a: 1}\nimplementation: {container: {image: i}}\n')).location.field).toBe('inputs');
    expect(refusal(() => importComponentYaml('name: c\ninputs: [{type: String}]\nimplementation: {container: {image: i}}\n'))).toMatchObject({ code: 'KFS415', location: { field: 'inputs[0].name' } });
    expect(refusal(() => importComponentYaml('name: c\ninputs: [{name: A b}, {name: a_b}]\nimplementation: {container: {image: i}}\n'))).toMatchObject({ code: 'KFS415' });
    expect(refusal(() => importComponentYaml('name: c\ninputs: [{name: n, type: Integer, default: ten}]\nimplementation: {container: {image: i}}\n'))).toMatchObject({ code: 'KFS415', location: { field: 'inputs[0].default' } });
  });

  it('sets source only when given', () => {
    const yaml = 'name: c\nimplementation: {container: {image: i}}\n';
    expect(importComponentYaml(yaml).component.source).toBeUndefined();
    const imported = importComponentYaml(yaml, { source: { kind: 'file', path: '/x/c.yaml' } });
    expect(imported.component.source).toEqual({ kind: 'file', path: '/x/c.yaml' });
    expect(imported.components[imported.id]?.source).toEqual({ kind: 'file', path: '/x/c.yaml' });
  });
});

describe('implementations', () => {
  const child = `
            name: Add
            inputs: [{name: a, type: Integer}, {name: b, type: Integer}]
            outputs: [{name: sum, type: Integer}]
            implementation: {container: {image: i, args: [{inputValue: a}, {inputValue: b}, {outputPath: sum}]}}`;

  it('imports a graph whose tasks inline their components', () => {
    const imported = importComponentYaml(`
name: Add three
inputs: [{name: x, type: Integer}]
outputs: [{name: total, type: Integer}]
implementation:
  graph:
    tasks:
      First add:
        componentRef:
          spec:${child}
        arguments: {a: {graphInput: {inputName: x}}, b: "2"}
      Second add:
        componentRef:
          spec:${child}
        arguments: {a: {taskOutput: {taskId: First add, outputName: sum}}, b: "1"}
    outputValues:
      total: {taskOutput: {taskId: Second add, outputName: sum}}
`);
    expect(imported.id).toBe('add-three');
    expect(Object.keys(imported.components).sort()).toEqual(['add', 'add-three']);
    const impl = imported.component.implementation as GraphImplementation;
    expect(impl.kind).toBe('graph');
    expect(impl.graph.tasks['first-add']).toMatchObject({ component: 'add', arguments: { a: { kind: 'graphInput', input: 'x' }, b: { kind: 'constant', value: 2 } } });
    expect(impl.graph.tasks['second-add']?.arguments['a']).toEqual({ kind: 'taskOutput', task: 'first-add', output: 'sum' });
    expect(impl.graph.outputs).toEqual([{ name: 'total', type: imported.component.outputs[0]?.type, source: { kind: 'taskOutput', task: 'second-add', output: 'sum' } }]);
  });

  it('gives different inline components of the same name distinct ids, and shares identical ones', () => {
    const echo = (image: string) => `{name: Echo, implementation: {container: {image: ${image}}}}`;
    const imported = importComponentYaml(`
name: Pair
implementation:
  graph:
    tasks:
      a: {componentRef: {spec: ${echo('one')}}}
      b: {componentRef: {spec: ${echo('two')}}}
      c: {componentRef: {spec: ${echo('one')}}}
`);
    const tasks = (imported.component.implementation as GraphImplementation).graph.tasks;
    expect([tasks['a']?.component, tasks['b']?.component, tasks['c']?.component]).toEqual(['echo', 'echo-2', 'echo']);
    expect((imported.components['echo-2']?.implementation as ContainerImplementation).image).toBe('two');
  });

  it('names the place of a refusal inside an inline component from the top of the file', () => {
    const error = refusal(() => importComponentYaml(`
name: Outer
implementation:
  graph:
    tasks:
      t: {componentRef: {spec: {name: Inner, implementation: {container: {image: i, args: [{bogus: 1}]}}}}}
`));
    expect(error.code).toBe('KFS412');
    expect(error.location).toMatchObject({ component: 'Outer', field: 'implementation.graph.tasks.t.componentRef.spec.implementation.container.args[0]' });
  });

  it('refuses a graph task that refers to its component by url, naming the task and the reference', () => {
    const error = refusal(() => importComponentYaml(`
name: g
implementation:
  graph:
    tasks:
      Fetch: {componentRef: {url: 'https://example.com/c.yaml'}}
`));
    expect(error.code).toBe('KFS414');
    expect(error.location.task).toBe('Fetch');
    expect(error.message).toContain('https://example.com/c.yaml');
  });

  it('refuses an unknown implementation kind with KFS414', () => {
    expect(refusal(() => importComponentYaml('name: c\nimplementation: {resource: {}}\n'))).toMatchObject({ code: 'KFS414', location: { field: 'implementation' } });
  });

  it('imports a KFP v2 component YAML (the IR of one component), structured placeholders included', () => {
    const imported = importComponentYaml(`# PIPELINE DEFINITION
# Name: greet
# Description: Says hello.
components:
  comp-greet:
    executorLabel: exec-greet
    inputDefinitions:
      parameters:
        who: {parameterType: STRING, defaultValue: world, isOptional: true}
      artifacts:
        notes: {artifactType: {schemaTitle: system.Dataset, schemaVersion: 0.0.1}, isArtifactList: true}
    outputDefinitions:
      parameters:
        said: {parameterType: STRING}
deploymentSpec:
  executors:
    exec-greet:
      container:
        image: busybox
        command: [echo]
        args:
        - '{"Concat": ["hello ", "{{$.inputs.parameters[''who'']}}"]}'
        - '{"IfPresent": {"InputName": "who", "Then": ["yes"]}}'
        - "{{$.outputs.parameters['said'].output_file}}"
        env: [{name: A, value: b}]
pipelineInfo: {name: greet}
root:
  dag:
    tasks:
      greet: {componentRef: {name: comp-greet}, taskInfo: {name: greet}}
schemaVersion: 2.1.0
`);
    const c = imported.component;
    expect(imported.id).toBe('greet');
    expect(c.description).toBe('Says hello.');
    expect(c.inputs).toEqual([
      { name: 'who', type: { kind: 'parameter', type: 'STRING' }, optional: true, default: 'world' },
      { name: 'notes', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1', isList: true } },
    ]);
    expect(c.implementation).toEqual({
      kind: 'container',
      image: 'busybox',
      command: ['echo'],
      args: [{ concat: ['hello ', "{{$.inputs.parameters['who']}}"] }, { ifPresent: { input: 'who', then: ['yes'] } }, "{{$.outputs.parameters['said'].output_file}}"],
      env: [{ name: 'A', value: 'b' }],
    });
  });
});
