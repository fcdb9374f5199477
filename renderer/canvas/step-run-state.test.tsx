// The document's latest run on the editor's canvas: each step's state as a mark and a word that opens its drawer,
// the same states in the zoomed-out drawing, and a switch that hides them.
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunSnapshot, TaskSnapshot, TaskState } from '../../shared/runtime/runtime';
import { twoStepDocument } from '../../shared/model/test-documents';
import { createUiStores } from '../store/create-ui-stores';
import { createEditorStore } from '../store/editor-store';
import { renderZoomableCanvas } from './canvas-zoom.test-host';

const step = (id: string, state: TaskState): TaskSnapshot => ({ id, name: id, displayName: id, kind: 'container', state, attempts: 1, hasLog: true });
const run = (revision: number, tasks: TaskSnapshot[]): RunSnapshot => ({
  id: 'run-1',
  experimentId: 'default',
  displayName: 'two-steps run',
  pipelineName: 'two-steps',
  state: 'failed',
  createdAt: '2026-12-06T10:00:00.000Z',
  parameters: {},
  execution: { mode: 'host', reason: 'as asked' },
  tasks,
  revision,
});

describe('run states on the editor canvas', () => {
  it('shows each step\'s state with a mark and a word, opens its drawer, follows newer snapshots and hides on request', async () => {
    const store = createEditorStore(twoStepDocument());
    const ui = createUiStores();
    const { canvasRun } = ui;
    const { zoom } = renderZoomableCanvas(store, ui);
    await screen.findByRole('group', { name: 'use' }, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: /in the last run/ })).toBeNull();

    act(() => {
      canvasRun.getState().tie('run-1', undefined, store.getState().generation);
      canvasRun.getState().setSnapshot(run(1, [step('make', 'succeeded'), step('use', 'running')]));
    });
    expect(screen.getByRole('button', { name: 'make: succeeded in the last run; show its details' }).textContent).toBe('✓ succeeded');
    expect(screen.getByRole('button', { name: 'use: running in the last run; show its details' }).textContent).toBe('◔ running');
    // an older snapshot arriving late does not undo a newer one
    act(() => canvasRun.getState().setSnapshot(run(2, [step('make', 'succeeded'), step('use', 'failed')])));
    act(() => canvasRun.getState().setSnapshot(run(1, [step('make', 'succeeded'), step('use', 'running')])));
    expect(screen.getByRole('button', { name: 'use: failed in the last run; show its details' }).textContent).toBe('✕ failed');
    expect(screen.getByRole('status', { name: 'Last run of this pipeline: failed' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'use: failed in the last run; show its details' }));
    expect(canvasRun.getState().openTask).toBe('use');

    // Zoomed out, the boxes carry the same states.
    zoom(0.3);
    const box = screen.getByRole('img', { name: /^Pipeline overview/ }).querySelector('rect[data-id="use"]');
    expect(box?.getAttribute('class')).toContain('kfs-state-failed');
    expect(screen.getByText('✕ use')).toBeTruthy();
    zoom(1);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show run states' }));
    expect(screen.queryByRole('button', { name: /in the last run/ })).toBeNull();
    expect(canvasRun.getState().openTask).toBeUndefined();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show run states' }));
    expect(screen.getByRole('button', { name: 'make: succeeded in the last run; show its details' })).toBeTruthy();
  });
});
