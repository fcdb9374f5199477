import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/model/document';
import { createEditorStore } from '../store/editor-store';
import { bundledExample } from '../test-host';
import { startAutosave, type AutosaveController } from './autosave';
import { RecoveryOffer } from './RecoveryOffer';
import { recordingHost } from './recording-host.test-host';

function leftBehind(): Map<string, { path?: string; savedAt: string; document: PipelineDocument }> {
  const classic = bundledExample('classic');
  return new Map([
    ['doc-a', { path: '/home/ana/train.pipeline.json', savedAt: '2026-11-28T10:00:00.000Z', document: { ...classic, name: 'train-recovered' } }],
    ['doc-b', { savedAt: '2026-11-28T09:00:00.000Z', document: { ...classic, name: 'scratch' } }],
  ]);
}

describe('the recovery offer', () => {
  let autosave: AutosaveController | undefined;
  afterEach(() => autosave?.stop());

  function setUp(autosaved = leftBehind()) {
    const recorded = recordingHost(autosaved);
    const store = createEditorStore(bundledExample('classic'));
    autosave = startAutosave(store, recorded.host);
    render(<RecoveryOffer host={recorded.host} store={store} autosave={autosave} />);
    return { store, ...recorded, user: userEvent.setup() };
  }

  it('lists each unsaved piece of work with its name, original file and time', async () => {
    setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    const items = within(dialog).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('train-recovered');
    expect(items[0]?.textContent).toContain('/home/ana/train.pipeline.json');
    expect(items[0]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-28T10:00:00.000Z');
    expect(items[1]?.textContent).toContain('scratch');
    expect(items[1]?.textContent).toContain('never saved');
  });

  it('shows nothing when there is no unsaved work', async () => {
    const { named } = setUp(new Map());
    await waitFor(() => expect(named('recoveryList')).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('recovers work into the editor as unsaved changes, then discards it once saved', async () => {
    const { store, user, named, autosaved } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    await user.click(within(dialog).getByRole('button', { name: 'Recover train-recovered' }));
    expect(named('recoveryTake').map((c) => c.request.key)).toEqual(['doc-a']);
    const state = store.getState();
    expect(state.document.name).toBe('train-recovered');
    expect(state.path).toBe('/home/ana/train.pipeline.json');
    expect(state.dirty).toBe(true);
    expect(state.status).toMatch(/Recovered unsaved work: train-recovered/);
    // Still stored until it is saved; the other entry is still offered.
    expect(autosaved.has('doc-a')).toBe(true);
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(1);
    store.getState().setPath('/home/ana/train.pipeline.json');
    await waitFor(() => expect(autosaved.has('doc-a')).toBe(false));
    expect(autosaved.has('doc-b')).toBe(true);
  });

  it('discards work the person does not want, and closes when nothing is left', async () => {
    const { user, autosaved, store } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard scratch' }));
    expect(autosaved.has('doc-b')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Discard train-recovered' }));
    expect(autosaved.size).toBe(0);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().document.name).toBe(bundledExample('classic').name);
  });

  it('keeps one recovered document when another is recovered after it', async () => {
    const { user, autosaved } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    await user.click(within(dialog).getByRole('button', { name: 'Recover train-recovered' }));
    await user.click(within(dialog).getByRole('button', { name: 'Recover scratch' }));
    expect([...autosaved.keys()].sort()).toEqual(['doc-a', 'doc-b']);
  });

  it('closes with Later or Escape and keeps the work for the next start', async () => {
    const { user, autosaved } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    within(dialog).getByRole('button', { name: 'Later' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(autosaved.size).toBe(2);
  });

  it('says why when the work cannot be taken', async () => {
    const { user, autosaved } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    autosaved.delete('doc-b');
    await user.click(within(dialog).getByRole('button', { name: 'Recover scratch' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Could not recover scratch: KFS702/);
  });
});
