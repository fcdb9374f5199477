import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { App } from '../shell/App';
import { createTestHost } from '../test-host';

async function renderApp() {
  const user = userEvent.setup();
  lastHost = createTestHost();
  render(<App host={lastHost} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
  return { user };
}

const properties = () => screen.getByRole('region', { name: 'Properties' });
const problems = () => within(screen.getByRole('region', { name: 'Problems' }));

async function selectTask(name: string) {
  fireEvent.click(screen.getByRole('group', { name }));
  await within(properties()).findByRole('heading', { name });
}

async function commit(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
  await user.keyboard('{Enter}');
}

describe('editing on the canvas and in the inspector', { timeout: 60_000 }, () => {
  it('groups the selected step in a parallel-for, offers its loop item, and ungroups with undo', async () => {
    const { user } = await renderApp();
    await selectTask('Train');
    await user.click(screen.getByRole('button', { name: 'Add parallel-for' }));
    await screen.findByRole('group', { name: 'Parallel for loop' });
    expect(within(properties()).getByRole('heading', { name: 'Parallel for loop' })).toBeTruthy();
    await commit(user, within(properties()).getByRole('textbox', { name: 'Loop items list' }), '["tips", "fare"]');
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Parallel for loop' })).getByText('each item of ["tips","fare"]')).toBeTruthy());
    await selectTask('Train');
    expect((within(properties()).getByRole('combobox', { name: 'Train group' }) as HTMLSelectElement).value).toBe('loop');
    const picker = within(properties()).getByRole('combobox', { name: 'Train input label_column source' });
    await user.selectOptions(picker, 'Loop item of loop');
    expect((picker as HTMLSelectElement).value).toBe('loop:loop');
    // Moving Train out of the loop by the keyboard: the loop item no longer reaches it, and the validator says so.
    await user.selectOptions(within(properties()).getByRole('combobox', { name: 'Train group' }), '');
    await waitFor(() => expect(problems().getAllByRole('button').some((b) => /task train/.test(b.textContent ?? '') && /loop/.test(b.textContent ?? ''))).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(problems().queryAllByRole('button').some((b) => /task train/.test(b.textContent ?? ''))).toBe(false));
  });

  it('edits a condition: branches with comparisons on parameters, elif and else', async () => {
    const { user } = await renderApp();
    await selectTask('Deploy');
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await screen.findByRole('group', { name: 'Condition condition' });
    const panel = within(properties());
    await user.selectOptions(panel.getByRole('combobox', { name: 'condition branch 1 left' }), 'Parameter model_version');
    await user.selectOptions(panel.getByRole('combobox', { name: 'condition branch 1 operator' }), '!=');
    await commit(user, panel.getByRole('textbox', { name: 'condition branch 1 right value' }), '"v0"');
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'condition branch 1' })).getByText('if model_version != "v0"')).toBeTruthy());
    await user.click(panel.getByRole('button', { name: 'Add elif branch' }));
    // The elif goes before the else, which stays last.
    await waitFor(() => expect(within(panel.getByRole('list', { name: 'Branches' })).getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent)).toEqual(['if', 'elif', 'else']));
    expect((panel.getByRole('button', { name: 'Add else branch' }) as HTMLButtonElement).disabled).toBe(true);
    expect(problems().queryAllByRole('button').filter((b) => /group condition/.test(b.textContent ?? ''))).toEqual([]);
  });

  it('sets task options, and a bad one shows KFS205 in Problems until it is fixed', async () => {
    const { user } = await renderApp();
    await selectTask('Train');
    const panel = within(properties());
    await commit(user, panel.getByRole('textbox', { name: 'Memory limit' }), '4 gigs');
    await waitFor(() => expect(problems().getByRole('button', { name: /KFS205 task train.*memory limit '4 gigs'/ })).toBeTruthy());
    expect(panel.getByRole('list', { name: 'Option problems' }).textContent).toMatch(/4 gigs/);
    await commit(user, panel.getByRole('textbox', { name: 'Memory limit' }), '4Gi');
    await waitFor(() => expect(problems().queryByRole('button', { name: /KFS205/ })).toBeNull());
    await user.click(panel.getByRole('button', { name: 'Add secret' }));
    await user.selectOptions(panel.getByRole('combobox', { name: 'Secret 1 use' }), 'volume');
    await commit(user, panel.getByRole('textbox', { name: 'Secret 1 name' }), 'gcp-key');
    await commit(user, panel.getByRole('textbox', { name: 'Secret 1 mount path' }), 'secrets');
    await waitFor(() => expect(problems().getByRole('button', { name: /KFS205 task train.*mounts secret 'gcp-key'/ })).toBeTruthy());
    await commit(user, panel.getByRole('textbox', { name: 'Secret 1 mount path' }), '/secrets');
    await user.click(panel.getByRole('button', { name: 'Add toleration' }));
    await commit(user, panel.getByRole('textbox', { name: 'Toleration 1 key' }), 'gpu');
    await user.selectOptions(panel.getByRole('combobox', { name: 'Toleration 1 effect' }), 'NoSchedule');
    await commit(user, panel.getByRole('textbox', { name: 'Accelerator type' }), 'nvidia.com/gpu');
    await commit(user, panel.getByRole('textbox', { name: 'Accelerator count' }), 'two');
    expect(panel.getByRole('alert').textContent).toMatch(/not a number/);
    await user.selectOptions(panel.getByRole('combobox', { name: 'Image pull policy' }), 'Always');
    await waitFor(() => expect(problems().queryByRole('button', { name: /KFS205/ })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Save As' })).getByRole('button', { name: 'Save in data folder' }));
    // What was set is what the document holds.
    const saved = JSON.parse([...(await waitForSaved()).values()][0] as string) as { graph: { tasks: { train: { options: unknown } } } };
    expect(saved.graph.tasks.train.options).toEqual({
      resources: { memoryLimit: '4Gi', accelerator: { type: 'nvidia.com/gpu', count: 1 } },
      secrets: [{ kind: 'volume', secretName: 'gcp-key', mountPath: '/secrets' }],
      tolerations: [{ operator: 'Equal', key: 'gpu', effect: 'NoSchedule' }],
      imagePullPolicy: 'Always',
    });
  });

  it('copies and pastes the selection with the keyboard, keeping the wire between the copies, and undoes it', async () => {
    const { user } = await renderApp();
    await selectTask('Train');
    // React Flow reads Shift from the keyboard, as a person holds it while clicking.
    await user.keyboard('{Shift>}');
    fireEvent.click(screen.getByRole('group', { name: 'Test' }), { shiftKey: true });
    await user.keyboard('{/Shift}');
    await within(properties()).findByText('2 steps selected.');
    await user.keyboard('{Control>}c{/Control}');
    await user.keyboard('{Control>}v{/Control}');
    await screen.findByRole('group', { name: 'Train (copy)' });
    expect(screen.getByRole('group', { name: 'Test (copy)' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Wire from Train (copy) output model to Test (copy) input model' })).toBeTruthy();
    await within(properties()).findByText('2 steps selected.');
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Train (copy)' })).toBeNull());
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await screen.findByRole('group', { name: 'Train (copy)' });
  });

  it('shows a nested pipeline as one node with its ports, expandable to its inner tasks', async () => {
    const user = userEvent.setup();
    const doc = twoStepDocument();
    const inner = twoStepDocument().graph;
    doc.components.sub = { name: 'Sub pipeline', inputs: inner.inputs, outputs: [], implementation: { kind: 'graph', graph: inner } };
    doc.graph.tasks.nested = task('nested', 'sub', { displayName: 'Nested' });
    // At the origin: with no fit-to-view on a given document, jsdom's small viewport shows only what is there.
    doc.graph.layout.nested = { x: 0, y: 0 };
    render(<App host={createTestHost()} initialDocument={doc} />);
    const node = await screen.findByRole('group', { name: 'Nested' });
    expect(within(node).getByRole('button', { name: 'Nested input label' })).toBeTruthy();
    expect(within(node).queryByRole('list', { name: 'Inside Nested' })).toBeNull();
    await user.click(within(node).getByRole('button', { name: 'Expand Nested' }));
    const list = within(node).getByRole('list', { name: 'Inside Nested' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['make', 'use ← make']);
    await user.click(within(node).getByRole('button', { name: 'Collapse Nested' }));
    expect(within(node).queryByRole('list', { name: 'Inside Nested' })).toBeNull();
  });
});

let lastHost: ReturnType<typeof createTestHost> | undefined;
async function waitForSaved(): Promise<Map<string, string>> {
  await waitFor(() => expect(lastHost?.saved.size).toBe(1));
  return lastHost?.saved ?? new Map();
}
