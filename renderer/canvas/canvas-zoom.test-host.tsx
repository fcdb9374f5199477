// The canvas alone over a store, with a way to set its zoom (as the wheel would): for tests of drawing by zoom.
import { ReactFlowProvider, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { act, render } from '@testing-library/react';
import { EditorStoreContext } from '../store/editor-context';
import type { EditorStore } from '../store/editor-store';
import { Canvas } from './Canvas';

export function renderZoomableCanvas(store: EditorStore): { zoom: (z: number) => void } {
  let flow: ReactFlowInstance | undefined;
  function CaptureFlow() {
    flow = useReactFlow();
    return null;
  }
  render(
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Canvas />
        <CaptureFlow />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>,
  );
  return { zoom: (z) => act(() => void flow?.setViewport({ x: 0, y: 0, zoom: z })) };
}
