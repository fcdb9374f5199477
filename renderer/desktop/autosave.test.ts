import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditorStore, loadDocument } from '../store/editor-store';
import { bundledExample } from '../test-host';
import { AUTOSAVE_INTERVAL_MS, startAutosave, type AutosaveController } from './autosave';
import { recordingHost } from './recording-host.test-host';

const rename = (name: string) => [{ type: 'setPipelineInfo' as const, name }];

describe('autosave', () => {
  let controller: AutosaveController | undefined;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    controller?.stop();
    vi.useRealTimers();
  });

  function setUp() {
    const store = createEditorStore(bundledExample('classic'));
    const recorded = recordingHost();
    controller = startAutosave(store, recorded.host);
    return { store, ...recorded };
  }

  it('stores nothing while the document has no unsaved changes', async () => {
    const { named } = setUp();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS * 3);
    expect(named('documentAutosave')).toHaveLength(0);
  });

  it('stores unsaved changes every interval, once per change, with the path when there is one', async () => {
    const { store, named, autosaved } = setUp();
    loadDocument(store, bundledExample('classic'), 'work/classic.pipeline.json');
    store.getState().apply(rename('edited-once'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS - 1);
    expect(named('documentAutosave')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(named('documentAutosave')).toHaveLength(1);
    const first = named('documentAutosave')[0]?.request;
    expect(first?.path).toBe('work/classic.pipeline.json');
    expect((first?.document as { name: string }).name).toBe('edited-once');
    // No new change: the next tick does not store the same document again.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
    expect(named('documentAutosave')).toHaveLength(1);
    store.getState().apply(rename('edited-twice'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
    expect(named('documentAutosave')).toHaveLength(2);
    expect(named('documentAutosave')[1]?.request.key).toBe(first?.key);
    expect([...autosaved.values()].map((e) => e.document.name)).toEqual(['edited-twice']);
  });

  it('leaves out the path of a document that was never saved', async () => {
    const { store, named } = setUp();
    store.getState().apply(rename('new-work'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
    expect(named('documentAutosave')[0]?.request).not.toHaveProperty('path');
  });

  it('stores at once when the page is hidden or about to close', async () => {
    const { store, named } = setUp();
    store.getState().apply(rename('hidden'));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(named('documentAutosave')).toHaveLength(1);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    store.getState().apply(rename('closing'));
    window.dispatchEvent(new Event('beforeunload'));
    await vi.advanceTimersByTimeAsync(0);
    expect(named('documentAutosave')).toHaveLength(2);
  });

  it('discards the stored work after a successful save', async () => {
    const { store, named, autosaved } = setUp();
    store.getState().apply(rename('to-save'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
    expect(autosaved.size).toBe(1);
    const key = named('documentAutosave')[0]?.request.key;
    store.getState().setPath('work/to-save.pipeline.json');
    await vi.advanceTimersByTimeAsync(0);
    expect(named('recoveryDiscard').map((c) => c.request.key)).toEqual([key]);
    expect(autosaved.size).toBe(0);
    // Nothing more is stored while the saved document stays unchanged.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS * 2);
    expect(named('documentAutosave')).toHaveLength(1);
  });

  it('stops after stop()', async () => {
    const { store, named } = setUp();
    controller?.stop();
    store.getState().apply(rename('after-stop'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS * 2);
    expect(named('documentAutosave')).toHaveLength(0);
  });
});
