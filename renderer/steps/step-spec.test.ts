import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { applyPipelineChanges } from '../../shared/model/changes';
import { emptyDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { addComponentChanges } from '../../shared/edit/add-component';
import { componentToDraft, draftProblems, draftToComponent, newImageDraft, newScriptDraft, type ImageStepDraft } from './step-spec';

const trainDraft = (): ImageStepDraft => ({
  ...newImageDraft(),
  name: 'Train model',
  image: 'ghcr.io/acme/train:1.2',
  inputs: [
    { name: 'data', type: 'system.Dataset' },
    { name: 'epochs', type: 'NUMBER_INTEGER' },
  ],
  outputs: [
    { name: 'model', type: 'system.Model' },
    { name: 'accuracy', type: 'NUMBER_DOUBLE' },
  ],
  command: [{ kind: 'literal', text: 'python' }, { kind: 'literal', text: 'train.py' }],
  args: [
    { kind: 'literal', text: '--data' },
    { kind: 'inputPath', port: 'data' },
    { kind: 'literal', text: '--epochs' },
    { kind: 'inputValue', port: 'epochs' },
    { kind: 'outputPath', port: 'model' },
    { kind: 'outputPath', port: 'accuracy' },
  ],
});

describe('step from a container image', () => {
  it('can say an output is a file at a fixed path inside the container, which compiles to a wrapped command', () => {
    const draft = { ...trainDraft(), outputs: [{ name: 'model', type: 'system.Model', file: '/out/model.pkl' }, { name: 'accuracy', type: 'NUMBER_DOUBLE' }] };
    draft.args = draft.args.filter((a) => !(a.kind === 'outputPath' && a.port === 'model'));
    const component = draftToComponent(draft);
    expect(component.implementation).toMatchObject({ kind: 'container', fileOutputs: { model: '/out/model.pkl' } });
    expect(componentToDraft(component)).toEqual(draft);
    expect(draftProblems({ ...draft, outputs: [{ name: 'model', type: 'system.Model', file: 'model.pkl' }, draft.outputs[1]!] })).toEqual([expect.stringContaining('absolute path')]);
  });

  it('becomes a container component whose placeholders name the declared ports, and compiles', () => {
    const component = draftToComponent(trainDraft());
    expect(component.source).toEqual({ kind: 'image' });
    expect(component.implementation).toMatchObject({ kind: 'container', image: 'ghcr.io/acme/train:1.2', command: ['python', 'train.py'] });
    const args = component.implementation.kind === 'container' ? component.implementation.args : [];
    expect(args).toEqual([
      '--data',
      "{{$.inputs.artifacts['data'].path}}",
      '--epochs',
      "{{$.inputs.parameters['epochs']}}",
      "{{$.outputs.artifacts['model'].path}}",
      "{{$.outputs.parameters['accuracy'].output_file}}",
    ]);
    let doc = emptyDocument('one-step');
    doc = applyPipelineChanges(doc, addComponentChanges(doc, { id: 'train', component, components: {} }, { x: 0, y: 0 }).changes);
    doc = applyPipelineChanges(doc, [
      { type: 'putParameter', parameter: { name: 'epochs', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, default: 3 } },
      { type: 'setArgument', task: 'train', input: 'epochs', argument: { kind: 'graphInput', input: 'epochs' } },
    ]);
    // Only the unwired dataset is left to fix.
    expect(validate(doc).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.port}`)).toEqual(['KFS201 data']);
    doc = applyPipelineChanges(doc, [{ type: 'putParameter', parameter: { name: 'data', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } } }, { type: 'setArgument', task: 'train', input: 'data', argument: { kind: 'graphInput', input: 'data' } }]);
    const ir = JSON.stringify(compileToIr(doc).pipelineSpec);
    expect(ir).toContain('ghcr.io/acme/train:1.2');
    expect(ir).toContain("{{$.outputs.parameters['accuracy'].output_file}}");
  });

  it('comes back as the same form to edit the step later', () => {
    const draft = trainDraft();
    expect(componentToDraft(draftToComponent(draft))).toEqual(draft);
  });

  it('lists what stops it: no image, bad or repeated port names, a placeholder for a removed port', () => {
    const draft = { ...trainDraft(), image: '', inputs: [{ name: '2x', type: 'STRING' }, { name: 'epochs', type: 'STRING' }, { name: 'epochs', type: 'STRING' }] };
    const problems = draftProblems(draft).join('\n');
    expect(problems).toMatch(/container image/);
    expect(problems).toMatch(/"2x" is not valid/);
    expect(problems).toMatch(/"epochs" is used twice/);
    expect(problems).toMatch(/path of input data, which is no longer declared/);
    expect(draftProblems(trainDraft())).toEqual([]);
  });
});

describe('step from an inline script', () => {
  it('becomes a script component on a base image with its packages', () => {
    const draft = { ...newScriptDraft('python'), name: 'Clean', packages: 'pandas==2.2.2, pyarrow', inputs: [{ name: 'rows', type: 'NUMBER_INTEGER' }], outputs: [{ name: 'table', type: 'system.Dataset' }] };
    const component = draftToComponent(draft);
    expect(component.source).toEqual({ kind: 'script' });
    expect(component.implementation).toEqual({ kind: 'script', language: 'python', image: 'python:3.11-slim', code: draft.code, packages: ['pandas==2.2.2', 'pyarrow'] });
    expect(component.outputs[0]?.type).toEqual({ kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' });
    expect(componentToDraft(component)).toEqual({ ...draft, packages: 'pandas==2.2.2 pyarrow' });
  });

  it('defaults shell scripts to a small shell image, and needs code', () => {
    const shell = newScriptDraft('shell');
    expect(shell.image).toMatch(/^alpine/);
    expect(draftProblems({ ...shell, code: '  ' })).toEqual(['Write the script code.']);
  });
});
