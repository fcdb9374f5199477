import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/model/document';
import { createEditorStore } from '../store/editor-store';
import { bundledExample } from '../test-host';
import { fail } from '../../shared/host-api/host-result';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { startAutosave, type AutosaveController } from './autosave';
import { recoveryCheck, RecoveryOffer } from './RecoveryOffer';
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
    expect(items[0]?.textContent).toContain('changes to /home/ana/train.pipeline.json');
    expect(items[0]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-28T10:00:00.000Z');
    expect(items[1]?.textContent).toContain('scratch');
    expect(items[1]?.textContent).toContain('not saved to a file yet');
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

  describe('at start, with autosave waiting for the recovery check', () => {
    const INTERVAL = 10;
    const rename = (name: string) => [{ type: 'setPipelineInfo' as const, name }];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /** The app's start: autosave held by the check, and a recovery list the test answers when it wants. */
    function startUp(autosaved = leftBehind()) {
      const recorded = recordingHost(autosaved);
      let answerList: () => void = () => undefined;
      const host: HostApi = {
        ...recorded.host,
        recoveryList: (request) =>
          new Promise((resolve) => {
            answerList = () => void recorded.host.recoveryList(request).then(resolve);
          }),
      };
      const store = createEditorStore(bundledExample('classic'));
      const check = recoveryCheck();
      autosave = startAutosave(store, host, { intervalMs: INTERVAL, until: check.done });
      render(<RecoveryOffer host={host} store={store} autosave={autosave} onSettled={check.finish} />);
      return { store, ...recorded, answerList: () => answerList(), user: userEvent.setup() };
    }

    it('writes nothing while the earlier work is being read and offered, so it survives until the person chooses', async () => {
      const { store, named, autosaved, answerList, user } = startUp();
      const before = new Map(autosaved);
      // Work changes before the host has even listed what the last session left.
      store.getState().apply(rename('started-early'));
      await pause(INTERVAL * 5);
      answerList();
      const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
      // Only the earlier session's work is offered, and it is exactly as it was left.
      expect(within(dialog).getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual(['train-recovered', 'scratch']);
      await pause(INTERVAL * 5);
      expect(named('documentAutosave')).toHaveLength(0);
      expect(autosaved).toEqual(before);

      await user.click(within(dialog).getByRole('button', { name: 'Later' }));
      await waitFor(() => expect(named('documentAutosave')).toHaveLength(1));
      expect((named('documentAutosave')[0]?.request.document as { name: string }).name).toBe('started-early');
      expect(autosaved.get('doc-a')).toEqual(before.get('doc-a'));
      expect(autosaved.get('doc-b')).toEqual(before.get('doc-b'));
      expect(autosaved.size).toBe(3);
    });

    it('starts writing once every entry is answered', async () => {
      const { store, named, autosaved, answerList, user } = startUp();
      answerList();
      const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
      await user.click(within(dialog).getByRole('button', { name: 'Discard scratch' }));
      store.getState().apply(rename('after-one-answer'));
      await pause(INTERVAL * 5);
      expect(named('documentAutosave')).toHaveLength(0);
      await user.click(within(dialog).getByRole('button', { name: 'Recover train-recovered' }));
      // The recovered work goes on under its own key: edits overwrite that entry, not another one.
      store.getState().apply(rename('recovered-then-edited'));
      await waitFor(() => expect(named('documentAutosave').map((c) => c.request.key)).toEqual(['doc-a']));
      expect(autosaved.get('doc-a')?.document.name).toBe('recovered-then-edited');
    });

    it('starts writing as soon as the check finds nothing to recover', async () => {
      const { store, named, answerList } = startUp(new Map());
      store.getState().apply(rename('nothing-left'));
      await pause(INTERVAL * 5);
      expect(named('documentAutosave')).toHaveLength(0);
      answerList();
      await waitFor(() => expect(named('documentAutosave')).toHaveLength(1));
      expect(screen.queryByRole('dialog')).toBeNull();
    });

    it('does not wait forever when the list cannot be read', async () => {
      const recorded = recordingHost();
      const store = createEditorStore(bundledExample('classic'));
      const check = recoveryCheck();
      autosave = startAutosave(store, recorded.host, { intervalMs: INTERVAL, until: check.done });
      const host: HostApi = { ...recorded.host, recoveryList: async () => fail('KFS505', 'The data folder cannot be read.') };
      render(<RecoveryOffer host={host} store={store} autosave={autosave} onSettled={check.finish} />);
      store.getState().apply(rename('still-kept'));
      await waitFor(() => expect(recorded.named('documentAutosave')).toHaveLength(1));
    });
  });
});
