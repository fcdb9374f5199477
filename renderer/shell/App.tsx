// The app shell: one editor store per open document, the host, the catalog and React Flow provided to the panels.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { Diagnostic } from '../../shared/errors/codes';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { Canvas } from '../canvas/Canvas';
import { DesktopWiring } from '../desktop/DesktopWiring';
import { useCommandContext } from '../commands/command-context';
import { useShortcuts } from '../commands/use-shortcuts';
import { addAtCentre } from '../editing/add-at-centre';
import { CatalogContext, type CatalogState } from '../editing/catalog-context';
import { useCatalogUi, type CatalogUiStore } from '../catalogs/catalog-ui';
import { UiStoresContext } from '../store/ui-stores';
import { createUiStores } from '../store/create-ui-stores';
import { CatalogDialogHost } from '../catalogs/CatalogDialogHost';
import { useCatalogSync } from '../catalogs/use-catalog-sync';
import { useDiagnostics } from '../editing/diagnostics';
import { HostContext } from '../host/host-context';
import { Inspector } from '../panels/Inspector';
import { Palette } from '../panels/Palette';
import { ParametersPanel } from '../panels/ParametersPanel';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { COMPONENT_INPUT_ID } from './shell-focus';
import { EditorStoreContext, useEditorStore } from '../store/editor-context';
import { createEditorStore } from '../store/editor-store';
import { openAtStart, recordOpenDocument } from '../files/open-session';
import { StepDialogHost } from '../steps/StepDialog';
import { RebuildImageHost } from '../images/RebuildImageHost';
import { useStaleImageSync } from '../images/stale-images';
import { COMPILE_BLOCKED } from '../files/file-actions';
import { RunsHost } from '../runs/RunsHost';
import { useRunsUi } from '../runs/runs-ui';
import { StatusLine } from './StatusLine';
import { Toolbar } from './Toolbar';

export interface AppProps {
  host: HostApi;
  /** Opened at start; otherwise the bundled classic example is loaded. */
  initialDocument?: PipelineDocument;
  /** A bundled example to open at start (the address named it); otherwise what was open last time, else the example. */
  exampleId?: string;
  /** Default: a fresh one for this App; tests pass their own. */
  catalogs?: CatalogUiStore;
}

/** The example opened when nothing was open before: the one that runs here as it is. */
const DEFAULT_EXAMPLE = 'classic-local';

/** "Compile blocked: N errors" stays on the status line only while there are errors. */
function useClearedBlockMessage(diagnostics: readonly Diagnostic[]): void {
  const store = useEditorStore();
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  useEffect(() => {
    const { status, setStatus } = store.getState();
    if (!hasErrors && status.startsWith(COMPILE_BLOCKED)) setStatus('Every error is fixed: the pipeline can be compiled.');
  }, [hasErrors, store]);
}

/** Keeps the store's stale images current and the status line's "Compile blocked" only while there are errors. */
function DiagnosticsSync({ host }: { host: HostApi }) {
  useStaleImageSync(host);
  useClearedBlockMessage(useDiagnostics());
  return null;
}

function Shortcuts() {
  useShortcuts(useCommandContext());
  return null;
}

/** The hidden input behind Import component (pipelines are opened through renderer/files). */
function ComponentFileInput() {
  const ctx = useCommandContext();
  const onComponent = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = await ctx.host.importComponentFile({ name: file.name, text: await file.text() });
    if (!result.ok) return ctx.store.getState().setStatus(`Could not import ${file.name}: ${result.error.code} ${result.error.message}`);
    addAtCentre(ctx.store, ctx.flow, result.value, () => `Imported ${result.value.component.name} from ${file.name}.`);
  };
  return (
    <div hidden>
      <input type="file" accept=".yaml,.yml" aria-label="Component file" id={COMPONENT_INPUT_ID} onChange={(e) => void onComponent(e)} />
    </div>
  );
}

export function App({ host, initialDocument, exampleId, catalogs: givenCatalogs }: AppProps) {
  const [store] = useState(() => createEditorStore(initialDocument ?? emptyDocument()));
  const [ui] = useState(() => createUiStores(givenCatalogs ? { catalogs: givenCatalogs } : {}));
  const { catalogs } = ui;
  const listing = useCatalogUi((s) => s.listing, catalogs);
  const catalogError = useCatalogUi((s) => s.error, catalogs);
  // The runs view covers the editor: the editor leaves the keyboard's and screen readers' reach meanwhile.
  const editorCovered = useRunsUi((s) => s.view === 'runs', ui.runs);
  const catalog = useMemo<CatalogState>(
    () => ({ groups: listing?.groups ?? [], entries: listing?.entries ?? [], sources: listing?.sources ?? [], ...(catalogError ? { error: catalogError } : {}) }),
    [listing, catalogError],
  );
  useCatalogSync(host, catalogs);

  useEffect(() => {
    let live = true;
    const stopRecording = recordOpenDocument(store, host);
    if (!initialDocument) void openAtStart(store, host, exampleId, DEFAULT_EXAMPLE, () => live);
    return () => {
      live = false;
      stopRecording();
    };
  }, [host, initialDocument, exampleId, store]);

  return (
    <HostContext.Provider value={host}>
      <EditorStoreContext.Provider value={store}>
        <UiStoresContext.Provider value={ui}>
          <CatalogContext.Provider value={catalog}>
            <ReactFlowProvider>
              <div className="kfs-app" inert={editorCovered} aria-hidden={editorCovered || undefined}>
                <Toolbar />
                <div className="kfs-main">
                  <Palette />
                  <Canvas />
                  <div className="kfs-side">
                    <Inspector />
                    <ParametersPanel />
                  </div>
                </div>
                <ProblemsPanel />
                <StatusLine />
              </div>
              <Shortcuts />
              <StepDialogHost />
              <RebuildImageHost />
              <RunsHost />
              <DesktopWiring />
              <ComponentFileInput />
              <CatalogDialogHost catalogs={catalogs} />
              <DiagnosticsSync host={host} />
            </ReactFlowProvider>
          </CatalogContext.Provider>
        </UiStoresContext.Provider>
      </EditorStoreContext.Provider>
    </HostContext.Provider>
  );
}
