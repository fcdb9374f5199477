// The inspector's source pickers are computed from the graph's tasks, parameters, groups and components only:
// dragging the selected task (a layout change) must not recompute them, while a real edit must.
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { createEditorStore } from '../store/editor-store';
import { EditorStoreContext } from '../store/editor-context';
import { Inspector } from './Inspector';
import * as argumentSource from '../../shared/edit/argument-source';

vi.mock('../../shared/edit/argument-source', async (importOriginal) => {
  const original = await importOriginal<typeof argumentSource>();
  return { ...original, sourceOptions: vi.fn(original.sourceOptions) };
});

const sourceOptions = vi.mocked(argumentSource.sourceOptions);

describe('inspector source pickers', () => {
  it('are not recomputed while the selected task is dragged, and are after an edit', () => {
    const store = createEditorStore(twoStepDocument());
    store.getState().select(['use']);
    render(
      <EditorStoreContext.Provider value={store}>
        <Inspector />
      </EditorStoreContext.Provider>,
    );
    const properties = within(screen.getByRole('region', { name: 'Properties' }));
    const picker = () => properties.getByRole('combobox', { name: /input data source/ }) as HTMLSelectElement;
    expect(picker().value).toBe('out:make:data');
    const afterFirstRender = sourceOptions.mock.calls.length;
    expect(afterFirstRender).toBeGreaterThan(0);

    const tasksBefore = store.getState().document.graph.tasks;
    for (let step = 1; step <= 10; step++) {
      act(() => store.getState().apply([{ type: 'moveNodes', positions: { use: { x: step * 10, y: 120 + step } } }]));
    }
    expect(store.getState().document.graph.layout.use).toEqual({ x: 100, y: 130 });
    expect(store.getState().document.graph.tasks).toBe(tasksBefore);
    expect(sourceOptions.mock.calls.length).toBe(afterFirstRender);
    expect(picker().value).toBe('out:make:data');

    act(() => store.getState().apply([{ type: 'setArgument', task: 'use', input: 'data', argument: null }]));
    expect(sourceOptions.mock.calls.length).toBeGreaterThan(afterFirstRender);
    expect(picker().value).toBe('none');
  });
});
