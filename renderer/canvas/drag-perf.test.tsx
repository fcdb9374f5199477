import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { producerComponent, task } from '../../shared/model/test-documents';
import { EditorStoreContext } from '../store/editor-context';
import { createUiStores } from '../store/create-ui-stores';
import { UiStoresContext } from '../store/ui-stores';
import { createEditorStore } from '../store/editor-store';
import { Canvas } from './Canvas';

/** `count` unwired tasks; the first two sit at the origin (where the fitted view opens), the rest far off. */
function bigDocument(count: number): PipelineDocument {
  const doc = emptyDocument('big');
  doc.components.make = producerComponent;
  for (let i = 0; i < count; i++) {
    const id = `t${i}`;
    doc.graph.tasks[id] = task(id, 'make');
    doc.graph.layout[id] = i < 2 ? { x: i * 300, y: 0 } : { x: 30000 + (i % 40) * 300, y: 15000 + Math.floor(i / 80) * 220 };
  }
  return doc;
}

/** Records every nodes array React Flow is handed (its store keeps the array given to <ReactFlow nodes>). */
function NodesRecorder({ seen }: { seen: unknown[][] }) {
  const api = useStoreApi();
  useEffect(() => {
    seen.push(api.getState().nodes);
    return api.subscribe((state, previous) => {
      if (state.nodes !== previous.nodes) seen.push(state.nodes);
    });
  }, [api, seen]);
  return null;
}

/** A mouse event as d3-drag reads it (it listens for moves on `event.view`). */
function mouse(target: EventTarget, type: string, x: number, y: number): void {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, clientX: x, clientY: y });
  Object.defineProperty(event, 'view', { value: window });
  act(() => void target.dispatchEvent(event));
}

describe('dragging one task in a 1,000-task pipeline', () => {
  it('hands React Flow a new object for the dragged task only and changes the document once, at the drop', { timeout: 120_000 }, async () => {
    const store = createEditorStore(bigDocument(1000));
    const seen: unknown[][] = [];
    render(
      <EditorStoreContext.Provider value={store}>
        <UiStoresContext.Provider value={createUiStores()}>
          <ReactFlowProvider>
            <Canvas />
            <NodesRecorder seen={seen} />
          </ReactFlowProvider>
        </UiStoresContext.Provider>
      </EditorStoreContext.Provider>,
    );
    const node = await screen.findByRole('group', { name: 't0' }, { timeout: 60_000 });
    const before = store.getState().document;
    const start = { x: before.graph.layout.t0?.x ?? 0, y: before.graph.layout.t0?.y ?? 0 };
    const nodesAtStart = seen.at(-1) as { id: string; position: { x: number; y: number } }[];
    expect(nodesAtStart).toHaveLength(1000);
    const countBefore = seen.length;

    mouse(node, 'mousedown', 10, 10);
    for (let step = 1; step <= 10; step++) mouse(window, 'mousemove', 10 + step * 10, 10 + step * 5);

    // During the drag: React Flow got new arrays, each keeping every other task's node object, and the document
    // (so undo history, panels and frames) did not change.
    const during = seen.slice(countBefore) as { id: string; position: { x: number; y: number } }[][];
    expect(during.length).toBeGreaterThan(0);
    for (const nodes of during) {
      expect(nodes).toHaveLength(1000);
      const changed = nodes.filter((n, i) => n !== nodesAtStart[i]).map((n) => n.id);
      expect(changed.filter((id) => id !== 't0')).toEqual([]);
    }
    const last = during.at(-1)?.find((n) => n.id === 't0');
    expect(last?.position.x).toBeGreaterThan(start.x);
    expect(store.getState().document).toBe(before);

    mouse(window, 'mouseup', 110, 60);
    const after = store.getState().document;
    expect(after).not.toBe(before);
    expect(after.graph.layout.t0).toEqual({ x: last?.position.x, y: last?.position.y });
    expect(after.graph.layout.t1).toEqual(before.graph.layout.t1);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    store.temporal.getState().undo();
    expect(store.getState().document.graph.layout.t0).toEqual(before.graph.layout.t0);
  });
});
