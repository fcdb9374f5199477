// The canvas alone over a store, with a way to set its zoom (as the wheel would): for tests of drawing by zoom.
import { ReactFlowProvider, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { act, render } from '@testing-library/react';
import { EditorStoreContext } from '../store/editor-context';
import { createUiStores } from '../store/create-ui-stores';
import { UiStoresContext, type UiStores } from '../store/ui-stores';
import type { EditorStore } from '../store/editor-store';
import { Canvas } from './Canvas';

/** `ui`: the UI stores the canvas reads (the document's last run); a fresh set unless given. */
export function renderZoomableCanvas(store: EditorStore, ui: UiStores = createUiStores()): { zoom: (z: number) => void } {
  let flow: ReactFlowInstance | undefined;
  function CaptureFlow() {
    flow = useReactFlow();
    return null;
  }
  render(
    <EditorStoreContext.Provider value={store}>
      <UiStoresContext.Provider value={ui}>
        <ReactFlowProvider>
          <Canvas />
          <CaptureFlow />
        </ReactFlowProvider>
      </UiStoresContext.Provider>
    </EditorStoreContext.Provider>,
  );
  return { zoom: (z) => act(() => void flow?.setViewport({ x: 0, y: 0, zoom: z })) };
}
