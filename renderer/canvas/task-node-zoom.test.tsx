// Zoomed out below FAR_ZOOM a task is a plain box with its name; tasks re-render only when the zoom crosses it.
import { ReactFlowProvider, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { EditorStoreContext } from '../store/editor-context';
import { createEditorStore } from '../store/editor-store';
import { Canvas } from './Canvas';
import { renderProbe } from './render-probe';
import { FAR_ZOOM } from './TaskNode';

let flow: ReactFlowInstance | undefined;
function CaptureFlow() {
  flow = useReactFlow();
  return null;
}

afterEach(() => {
  renderProbe.onTaskRender = undefined;
  flow = undefined;
});

describe('task drawing by zoom', () => {
  it('drops port rows when zoomed out, keeps the wire ends, and re-renders only on crossing the threshold', async () => {
    const store = createEditorStore(twoStepDocument());
    render(
      <EditorStoreContext.Provider value={store}>
        <ReactFlowProvider>
          <Canvas />
          <CaptureFlow />
        </ReactFlowProvider>
      </EditorStoreContext.Provider>,
    );
    const use = within(await screen.findByRole('group', { name: 'use' }, { timeout: 10_000 }));
    const zoom = (z: number) => act(() => void flow?.setViewport({ x: 0, y: 0, zoom: z }));
    await zoom(1);
    expect(use.getByText('label')).toBeTruthy();
    const renders = new Map<string, number>();
    renderProbe.onTaskRender = (id) => renders.set(id, (renders.get(id) ?? 0) + 1);

    await zoom(FAR_ZOOM - 0.1);
    expect(use.queryByText('label')).toBeNull();
    expect(use.getByText('use')).toBeTruthy();
    // every port still has its handle, so wires keep their ends
    const handles = () => [...screen.getByRole('group', { name: 'use' }).querySelectorAll('.react-flow__handle')].map((h) => h.getAttribute('data-handleid'));
    expect(handles()).toEqual(expect.arrayContaining(['in:data', 'in:label', 'out:model']));
    const afterCrossing = new Map(renders);
    expect(afterCrossing.get('use')).toBeGreaterThan(0);

    await zoom(FAR_ZOOM - 0.2);
    await zoom(FAR_ZOOM - 0.15);
    expect(renders).toEqual(afterCrossing);

    await zoom(1);
    expect(use.getByText('label')).toBeTruthy();
  });
});
