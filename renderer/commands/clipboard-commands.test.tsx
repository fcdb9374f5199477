import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../../shared/model/changes';
import { loopDocument } from '../../shared/edit/wires.fixtures';
import { createEditorStore } from '../store/editor-store';
import { deleteSelection } from './delete-selection';
import { renderEditor } from './editor-harness.test-host';

const LOOP = 'Parallel for Each shard';
const status = () => screen.getByRole('status').textContent;
const names = (ids: Iterable<string>) => [...ids].sort();

async function selectFrame(name: string) {
  fireEvent.click(await screen.findByRole('group', { name }));
  await waitFor(() => expect(screen.getByRole('group', { name }).classList.contains('selected')).toBe(true));
}

describe('cut, copy and paste of groups', { timeout: 30_000 }, () => {
  it('cuts a group with its members and nested groups as one undo step, and pastes it back whole', async () => {
    const user = userEvent.setup();
    const doc = loopDocument();
    const store = createEditorStore(doc);
    renderEditor(store);
    await selectFrame(LOOP);
    await user.keyboard('{Control>}x{/Control}');
    expect(status()).toBe('Cut 2 groups with 3 steps: Each shard.');
    await waitFor(() => expect(screen.queryByRole('group', { name: LOOP })).toBeNull());
    for (const name of ['Shard', 'Shard two', 'Check', 'Condition cond']) expect(screen.queryByRole('group', { name })).toBeNull();
    expect(screen.getByRole('group', { name: 'Total' })).toBeTruthy();
    const { graph } = store.getState().document;
    expect(names(Object.keys(graph.tasks))).toEqual(['total']);
    expect(graph.groups).toEqual({});
    expect(store.temporal.getState().pastStates).toHaveLength(1);

    await user.keyboard('{Control>}z{/Control}');
    expect(store.getState().document).toBe(doc);
    await screen.findByRole('group', { name: 'Shard' });
    expect(screen.getByRole('group', { name: LOOP })).toBeTruthy();

    await user.keyboard('{Control>}v{/Control}');
    expect(status()).toBe('Pasted 2 groups with 3 steps: Each shard (copy).');
    await screen.findByRole('group', { name: 'Parallel for Each shard (copy)' });
    const pasted = store.getState().document.graph;
    expect(Object.keys(pasted.tasks)).toHaveLength(7);
    expect(Object.keys(pasted.groups)).toHaveLength(4);
  });

  it('says what Copy took from an empty group and from a group with steps', async () => {
    const user = userEvent.setup();
    const doc = applyPipelineChanges(loopDocument(), [
      { type: 'addGroup', group: { kind: 'exitHandler', id: 'guard', displayName: 'Cleanup', exitTask: '' }, position: { x: 400, y: 400, width: 200, height: 100 } },
      { type: 'removeNodes', ids: ['cond'] },
    ]);
    const store = createEditorStore(doc);
    renderEditor(store);
    await selectFrame('Exit handler Cleanup');
    await user.keyboard('{Control>}c{/Control}');
    expect(status()).toBe('Copied 1 empty group.');
    await selectFrame(LOOP);
    await user.keyboard('{Control>}c{/Control}');
    // `check` was in the removed condition: it now sits in the loop itself.
    expect(status()).toBe('Copied 1 group with 3 steps.');
    await user.keyboard('{Control>}v{/Control}');
    expect(status()).toBe('Pasted 1 group with 3 steps: Each shard (copy).');
    expect(store.getState().document.graph.groups.guard).toBeDefined();
  });

  it('counts steps beside a copied group apart from those inside it', async () => {
    const user = userEvent.setup();
    renderEditor(createEditorStore(loopDocument()));
    await selectFrame(LOOP);
    await user.keyboard('{Shift>}');
    fireEvent.click(screen.getByRole('group', { name: 'Total' }), { shiftKey: true });
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(screen.getByRole('group', { name: 'Total' }).classList.contains('selected')).toBe(true));
    await user.keyboard('{Control>}c{/Control}');
    expect(status()).toBe('Copied 2 groups with 3 steps, and 1 other step.');
  });

  it('keeps Delete of a group as ungrouping: the frame goes, its content stays', async () => {
    const user = userEvent.setup();
    const store = createEditorStore(loopDocument());
    renderEditor(store);
    await selectFrame(LOOP);
    await user.keyboard('{Delete}');
    await waitFor(() => expect(screen.queryByRole('group', { name: LOOP })).toBeNull());
    expect(screen.getByRole('group', { name: 'Shard' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Condition cond' })).toBeTruthy();
    const { graph } = store.getState().document;
    expect(names(Object.keys(graph.tasks))).toEqual(['check', 'shard', 'shard2', 'total']);
    expect(graph.groups.cond?.parent).toBeUndefined();
  });

  it('tells what deleteSelection removed: groups whose content stays, steps and wires', () => {
    const store = createEditorStore(loopDocument());
    act(() => store.getState().select(['loop', 'data:collected:shard.count->total.counts']));
    expect(deleteSelection(store)).toBe('1 group (its contents stay), 1 wire');
    expect(store.getState().status).toBe('Deleted 1 group (its contents stay), 1 wire.');
    expect(store.getState().document.graph.tasks.total?.arguments).toEqual({});
    store.temporal.getState().undo();
    act(() => store.getState().select(['total', 'shard']));
    expect(deleteSelection(store)).toBe('2 steps');
  });
});
