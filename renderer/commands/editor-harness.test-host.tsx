// The canvas, the status line and the keyboard shortcuts over a given store: what a person uses to edit, without
// the rest of the shell, so tests can read the document the store holds.
import { ReactFlowProvider } from '@xyflow/react';
import { render } from '@testing-library/react';
import { Canvas } from '../canvas/Canvas';
import { HostContext } from '../host/host-context';
import { StatusLine } from '../shell/StatusLine';
import { EditorStoreContext } from '../store/editor-context';
import { createUiStores } from '../store/create-ui-stores';
import { UiStoresContext } from '../store/ui-stores';
import type { EditorStore } from '../store/editor-store';
import { createTestHost } from '../test-host';
import { useCommandContext } from './command-context';
import { useShortcuts } from './use-shortcuts';

function Shortcuts() {
  useShortcuts(useCommandContext());
  return null;
}

export function renderEditor(store: EditorStore) {
  return render(
    <HostContext.Provider value={createTestHost()}>
      <EditorStoreContext.Provider value={store}>
        <UiStoresContext.Provider value={createUiStores()}>
          <ReactFlowProvider>
            <Shortcuts />
            <Canvas />
            <StatusLine />
          </ReactFlowProvider>
        </UiStoresContext.Provider>
      </EditorStoreContext.Provider>
    </HostContext.Provider>,
  );
}
