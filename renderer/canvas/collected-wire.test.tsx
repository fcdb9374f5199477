import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderEditor } from '../commands/editor-harness.test-host';
import { createEditorStore } from '../store/editor-store';
import { loopDocument, oneOfDocument } from '../../shared/edit/wires.fixtures';

const COLLECTED = 'Wire from Shard output count to Total input counts, collected as a list over its loop';

describe('wires that collect, choose or insert upstream outputs', { timeout: 30_000 }, () => {
  it('draws a collected wire marked as such, selects it with a click, and Delete removes it until undone', async () => {
    const user = userEvent.setup();
    const doc = loopDocument();
    const store = createEditorStore(doc);
    renderEditor(store);
    const wire = await screen.findByRole('group', { name: COLLECTED });
    expect(wire.classList.contains('kfs-edge-collected')).toBe(true);
    expect(within(wire).getByText('collected')).toBeTruthy();
    const counts = () => within(screen.getByRole('group', { name: 'Total' })).getByText('counts').closest('.kfs-port');
    expect(counts()?.classList.contains('kfs-port-missing')).toBe(false);

    fireEvent.click(wire);
    await waitFor(() => expect(screen.getByRole('group', { name: COLLECTED }).classList.contains('selected')).toBe(true));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(screen.queryByRole('group', { name: COLLECTED })).toBeNull());
    // The reader's input is now unset: its port shows as missing.
    expect(counts()?.classList.contains('kfs-port-missing')).toBe(true);
    expect(store.getState().document.graph.tasks.total?.arguments.counts).toBeUndefined();

    await user.keyboard('{Control>}z{/Control}');
    await screen.findByRole('group', { name: COLLECTED });
    expect(store.getState().document).toBe(doc);
  });

  it('draws each oneOf source and a template reference as labelled wires', async () => {
    renderEditor(createEditorStore(oneOfDocument()));
    const high = await screen.findByRole('group', { name: 'Wire from High output count to Pick input best, one of several sources' });
    const low = screen.getByRole('group', { name: 'Wire from Low output count to Pick input best, one of several sources' });
    for (const wire of [high, low]) {
      expect(wire.classList.contains('kfs-edge-oneof')).toBe(true);
      expect(within(wire).getByText('one of')).toBeTruthy();
    }
    const text = screen.getByRole('group', { name: 'Wire from Pick output sum to Report input note, inserted in a text' });
    expect(text.classList.contains('kfs-edge-template')).toBe(true);
    expect(within(text).getByText('in text')).toBeTruthy();
  });
});
