// The inspector's task options: every option the model has is edited through a labelled field, each edit is one
// undo step, and the validator's problems show beside the field they are located at.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument, TaskOptions } from '../../shared/model/document';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { validate } from '../../shared/validate/validate';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore, type EditorStore } from '../store/editor-store';
import { Inspector } from './Inspector';
import { renderInspector as renderInspectorOn } from './inspector.test-support';

/** `twoStepDocument` plus `namer`, a task with a String output `name` that `use` may read. */
function documentWithNamer(options: TaskOptions = {}): PipelineDocument {
  const doc = twoStepDocument();
  doc.components.namer = { name: 'Namer', inputs: [], outputs: [{ name: 'name', type: { kind: 'parameter', type: 'STRING' } }], implementation: { kind: 'container', image: 'alpine', command: ['true'] } };
  doc.graph.tasks.namer = task('namer', 'namer');
  doc.graph.inputs.push({ name: 'rows', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, default: 3 });
  doc.graph.tasks.use = { ...(doc.graph.tasks.use as ReturnType<typeof task>), options };
  return doc;
}

function renderInspector(doc: PipelineDocument): { store: EditorStore; panel: ReturnType<typeof within> } {
  const store = createEditorStore(doc);
  store.getState().select(['use']);
  render(
    <EditorStoreContext.Provider value={store}>
      <Inspector />
    </EditorStoreContext.Provider>,
  );
  return { store, panel: within(screen.getByRole('region', { name: 'Task options' })) };
}

/** Types `text` into a field and leaves it, as a person does (fields commit on blur). */
async function commitText(field: HTMLElement, text: string): Promise<void> {
  await act(async () => {
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: text } });
    fireEvent.blur(field);
  });
}

/** The options panel's button with this accessible name (its aria-label, else its text). */
function buttonNamed(name: string): HTMLElement {
  const section = screen.getByLabelText('Task options', { selector: 'section' });
  const found = [...section.querySelectorAll('button')].filter((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${name}`);
  return found[0] as HTMLElement;
}

const press = async (element: HTMLElement) => act(() => void fireEvent.click(element));
const pick = async (select: HTMLElement, value: string) => act(() => void fireEvent.change(select, { target: { value } }));

const optionsOf = (store: EditorStore) => store.getState().document.graph.tasks.use?.options;

/** Runs `edit` and checks it made exactly one undo step, whose undo gives back the document as it was. */
async function oneUndoStep(store: EditorStore, edit: () => Promise<void>): Promise<void> {
  const before = store.getState().document;
  const { pastStates } = store.temporal.getState();
  await edit();
  expect(store.getState().document).not.toBe(before);
  const after = store.temporal.getState().pastStates;
  expect(after.length).toBe(pastStates.length + 1);
  expect(after.at(-1)?.document).toBe(before);
}

/** Undoes once, as Ctrl+Z does, and checks the document went back to `expected`. */
function undoTo(store: EditorStore, expected: PipelineDocument | undefined): void {
  act(() => store.temporal.getState().undo());
  expect(store.getState().document).toBe(expected);
}

describe('task options in the inspector', () => {
  it('edits the cache key, running after failures, pod metadata, pod fields and pull secrets, one undo step each', async () => {
    const { store, panel } = renderInspector(documentWithNamer());
    const typeInto = (label: string, text: string) => async () => commitText(panel.getByLabelText(label, { selector: 'input' }), text);
    const click = (role: 'button' | 'checkbox', name: string) => async () => press(role === 'button' ? buttonNamed(name) : panel.getByLabelText(name, { selector: 'input' }));

    await oneUndoStep(store, typeInto('Cache key', 'v2'));
    await oneUndoStep(store, click('checkbox', 'Run even if upstream tasks failed'));
    await oneUndoStep(store, click('button', 'Add pod label'));
    await oneUndoStep(store, typeInto('Pod label 1 key', 'team'));
    await oneUndoStep(store, typeInto('Pod label 1 value', 'ml'));
    await oneUndoStep(store, click('button', 'Add pod annotation'));
    await oneUndoStep(store, typeInto('Pod annotation 1 key', 'owner'));
    await oneUndoStep(store, typeInto('Pod annotation 1 value', 'ana'));
    await oneUndoStep(store, click('button', 'Add image pull secret'));
    await oneUndoStep(store, typeInto('Image pull secret 1', 'regcred'));
    await oneUndoStep(store, click('button', 'Add pod field variable'));
    await oneUndoStep(store, typeInto('Pod field variable 1 name', 'POD_NAME'));
    await oneUndoStep(store, typeInto('Pod field variable 1 field path', 'metadata.name'));

    expect(optionsOf(store)).toEqual({
      cacheKey: 'v2',
      ignoreUpstreamFailure: true,
      podLabels: { team: 'ml' },
      podAnnotations: { owner: 'ana' },
      imagePullSecrets: ['regcred'],
      fieldPathEnv: [{ name: 'POD_NAME', fieldPath: 'metadata.name' }],
    });
    expect(panel.getByRole('checkbox', { name: 'Run even if upstream tasks failed' })).toHaveProperty('checked', true);
    const labelled = store.getState().document;
    await oneUndoStep(store, click('button', 'Remove pod label 1'));
    expect(optionsOf(store)?.podLabels).toBeUndefined();
    undoTo(store, labelled);
    expect((panel.getByLabelText('Pod label 1 value', { selector: 'input' }) as HTMLInputElement).value).toBe('ml');
  });

  it('takes secret and claim names from a parameter or an upstream output, and edits config maps and scratch volumes', async () => {
    const { store, panel } = renderInspector(documentWithNamer());
    const typeInto = (label: string, text: string) => async () => commitText(panel.getByLabelText(label, { selector: 'input' }), text);
    const choose = (label: string, value: string) => async () => pick(panel.getByLabelText(label, { selector: 'select' }), value);
    const click = (name: string) => async () => press(buttonNamed(name));

    await oneUndoStep(store, click('Add secret'));
    expect(panel.getByRole('textbox', { name: 'Secret 1 name' })).toBeTruthy();
    await oneUndoStep(store, choose('Secret 1 name from', 'out:namer:name'));
    // A name taken from a value replaces the typed one.
    expect(panel.queryByRole('textbox', { name: 'Secret 1 name' })).toBeNull();
    await oneUndoStep(store, typeInto('Secret 1 key', 'token'));
    await oneUndoStep(store, typeInto('Secret 1 env var', 'TOKEN'));

    await oneUndoStep(store, click('Add volume'));
    await oneUndoStep(store, choose('Volume 1 claim from', 'param:label'));
    await oneUndoStep(store, typeInto('Volume 1 mount path', '/data'));
    await oneUndoStep(store, typeInto('Volume 1 sub path', 'run'));

    await oneUndoStep(store, click('Add config map'));
    await oneUndoStep(store, typeInto('Config map 1 name', 'settings'));
    await oneUndoStep(store, typeInto('Config map 1 key', 'mode'));
    await oneUndoStep(store, typeInto('Config map 1 env var', 'MODE'));
    await oneUndoStep(store, click('Add config map'));
    await oneUndoStep(store, choose('Config map 2 use', 'volume'));
    await oneUndoStep(store, typeInto('Config map 2 name', 'files'));
    await oneUndoStep(store, typeInto('Config map 2 mount path', '/etc/files'));
    await oneUndoStep(store, async () => press(panel.getByLabelText('Config map 2 optional', { selector: 'input' })));

    await oneUndoStep(store, click('Add scratch volume'));
    await oneUndoStep(store, typeInto('Scratch volume 1 name', 'scratch'));
    await oneUndoStep(store, typeInto('Scratch volume 1 mount path', '/scratch'));
    await oneUndoStep(store, choose('Scratch volume 1 medium', 'Memory'));
    await oneUndoStep(store, typeInto('Scratch volume 1 size limit', '1Gi'));

    expect(optionsOf(store)).toEqual({
      secrets: [{ kind: 'env', secretName: '', key: 'token', envVar: 'TOKEN', secretNameFrom: { kind: 'taskOutput', task: 'namer', output: 'name' } }],
      pvcs: [{ pvcName: '', mountPath: '/data', subPath: 'run', pvcNameFrom: { kind: 'graphInput', input: 'label' } }],
      configMaps: [
        { kind: 'env', configMapName: 'settings', key: 'mode', envVar: 'MODE' },
        { kind: 'volume', configMapName: 'files', mountPath: '/etc/files', optional: true },
      ],
      emptyDirs: [{ volumeName: 'scratch', mountPath: '/scratch', medium: 'Memory', sizeLimit: '1Gi' }],
    });
    // The whole set is valid for the validator: no option problem is left.
    expect(validate(store.getState().document).filter((d) => d.location.task === 'use' && d.location.field?.startsWith('options'))).toEqual([]);
    // Back to a typed name.
    const named = store.getState().document;
    await oneUndoStep(store, choose('Volume 1 claim from', 'none'));
    expect(optionsOf(store)?.pvcs?.[0]?.pvcNameFrom).toBeUndefined();
    expect(panel.getByLabelText('Volume 1 claim', { selector: 'input' })).toBeTruthy();
    undoTo(store, named);
    expect((panel.getByLabelText('Volume 1 claim from', { selector: 'select' }) as HTMLSelectElement).value).toBe('param:label');
  });

  it('does not offer a name source that is not a String, nor the task itself', () => {
    const { panel } = renderInspector(documentWithNamer({ secrets: [{ kind: 'volume', secretName: 'creds', mountPath: '/s' }] }));
    const choices = within(panel.getByRole('combobox', { name: 'Secret 1 name from' }))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(choices).toEqual(['none', 'param:label', 'out:namer:name']);
  });

  it("shows the validator's problems beside the field they are about, and drops them once fixed", async () => {
    const user = userEvent.setup({ delay: null });
    const options: TaskOptions = {
      imagePullSecrets: ['Bad_Name'],
      pvcs: [{ pvcName: 'data', mountPath: 'relative' }],
      secrets: [{ kind: 'env', secretName: '', key: 'k', envVar: 'K', secretNameFrom: { kind: 'graphInput', input: 'rows' } }],
    };
    const doc = documentWithNamer(options);
    const expected = validate(doc).filter((d) => d.location.task === 'use' && d.location.field?.startsWith('options'));
    expect(expected.map((d) => d.location.field).sort()).toEqual(['options.imagePullSecrets[0]', 'options.pvcs[0].mountPath', 'options.secrets[0].secretNameFrom']);
    const { panel } = renderInspector(doc);
    const describedBy = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    const at = (field: string) => expected.find((d) => d.location.field === field);

    const pull = panel.getByRole('textbox', { name: 'Image pull secret 1' });
    expect(pull.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(pull)).toContain(at('options.imagePullSecrets[0]')?.message);
    const mount = panel.getByRole('textbox', { name: 'Volume 1 mount path' });
    expect(describedBy(mount)).toContain(at('options.pvcs[0].mountPath')?.code);
    const nameFrom = panel.getByRole('combobox', { name: 'Secret 1 name from' });
    expect(nameFrom.closest('label')?.textContent).toContain(at('options.secrets[0].secretNameFrom')?.message);
    // The list below the options sums them up.
    expect(within(panel.getByRole('list', { name: 'Option problems' })).getAllByRole('listitem')).toHaveLength(expected.length);
    // A field without a problem is not marked.
    expect(panel.getByRole('textbox', { name: 'Volume 1 claim' }).getAttribute('aria-invalid')).toBeNull();

    await user.clear(mount);
    await user.type(mount, '/data');
    await user.tab();
    const fixed = panel.getByRole('textbox', { name: 'Volume 1 mount path' });
    expect(fixed.getAttribute('aria-invalid')).toBeNull();
    expect(panel.getByRole('textbox', { name: 'Image pull secret 1' }).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('collected source in the input picker', () => {
  it('sets an input to the collected outputs of a task in a loop, as one undo step', async () => {
    const user = userEvent.setup({ delay: null });
    const doc = twoStepDocument();
    doc.components.gather = {
      name: 'Gather',
      inputs: [{ name: 'datasets', type: { kind: 'artifact', schemaTitle: 'system.Dataset', schemaVersion: '0.0.1', isList: true } }],
      outputs: [],
      implementation: { kind: 'container', image: 'alpine', command: ['true'] },
    };
    doc.graph.groups = { shards: { kind: 'parallelFor', id: 'shards', items: { kind: 'constant', value: [1, 2] } } };
    doc.graph.tasks.make = { ...(doc.graph.tasks.make as ReturnType<typeof task>), parent: 'shards' };
    doc.graph.tasks.gather = task('gather', 'gather');
    const { store } = renderInspectorOn(doc, 'gather');
    const picker = screen.getByRole('combobox', { name: 'gather input datasets source' });
    expect(within(picker).getByRole('option', { name: "make → data, collected over loop 'shards'" })).toBeTruthy();
    await oneUndoStep(store, () => user.selectOptions(picker, 'collected:make:data'));
    expect(store.getState().document.graph.tasks.gather?.arguments.datasets).toEqual({ kind: 'collected', task: 'make', output: 'data' });
    expect((screen.getByRole('combobox', { name: 'gather input datasets source' }) as HTMLSelectElement).value).toBe('collected:make:data');
  });
});
