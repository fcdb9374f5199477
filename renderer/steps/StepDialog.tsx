// The dialog that creates (or edits) a step from a container image or from an inline script. The result is a
// component saved in the document (putComponent) and, for a new step, a task using it at the centre of the canvas.
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { addAtCentre } from '../editing/add-at-centre';
import { useEditor, useEditorStore } from '../store/editor-context';
import type { StepDialogState } from '../store/ui.slice';
import { CommandBuilder } from './CommandBuilder';
import { PortsEditor } from './PortsEditor';
import { componentToDraft, DEFAULT_IMAGES, draftPackages, draftProblems, draftToComponent, newImageDraft, newScriptDraft, type ScriptStepDraft, type StepDraft } from './step-spec';
import { own } from '../../shared/names/names';
import { BuildImageDialog } from '../images/BuildImageDialog';
import { ImageStaleNote } from '../images/ImageStaleNote';

/** What a script step's image is built from: its packages on the base image it was (or will be) built from. */
function scriptBuildSource(draft: ScriptStepDraft): { packages: string[]; baseImage: string } {
  return { packages: draftPackages(draft), baseImage: draft.build?.source.kind === 'packages' ? draft.build.source.baseImage : draft.image.trim() };
}

const selectStepDialog = (s: { stepDialog: StepDialogState | undefined }) => s.stepDialog;

export function StepDialogHost() {
  const dialog = useEditor(selectStepDialog);
  return dialog ? <StepDialog key={`${dialog.mode}:${dialog.componentId ?? ''}`} dialog={dialog} /> : null;
}

function initialDraft(dialog: StepDialogState, component: Parameters<typeof componentToDraft>[0] | undefined): StepDraft {
  const existing = component ? componentToDraft(component) : undefined;
  if (existing) return existing;
  return dialog.mode === 'image' ? newImageDraft() : newScriptDraft();
}

function StepDialog({ dialog }: { dialog: StepDialogState }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const editing = dialog.componentId;
  const [draft, setDraft] = useState<StepDraft>(() => initialDraft(dialog, editing ? own(store.getState().document.components, editing) : undefined));
  const [tried, setTried] = useState(false);
  const [building, setBuilding] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const problems = draftProblems(draft);
  const title = editing ? `Edit step ${draft.name}` : draft.kind === 'image' ? 'New step from a container image' : 'New step from a script';

  useEffect(() => first.current?.focus(), []);
  const close = () => store.getState().openStepDialog(undefined);
  const patch = (p: Partial<StepDraft>) => setDraft((d) => ({ ...d, ...p }) as StepDraft);

  const submit = () => {
    setTried(true);
    if (problems.length) return;
    const component = draftToComponent(draft);
    const { apply, setStatus } = store.getState();
    if (editing) {
      apply([{ type: 'putComponent', id: editing, component }]);
      setStatus(`Updated step ${component.name}.`);
    } else {
      const id = component.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'step';
      addAtCentre(store, flow, { id, component, components: {} }, (taskId) => `Added step ${component.name} as ${taskId}.`);
    }
    close();
  };

  return (
    <div className="kfs-dialog-backdrop">
      <div
        className="kfs-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h2>{title}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="kfs-dialog-grid">
            <label className="kfs-field">
              <span>Step name</span>
              <input ref={first} aria-label="Step name" value={draft.name} onChange={(e) => patch({ name: e.target.value })} />
            </label>
            <label className="kfs-field">
              <span>Description</span>
              <input aria-label="Step description" value={draft.description} onChange={(e) => patch({ description: e.target.value })} />
            </label>
            {draft.kind === 'script' && (
              <label className="kfs-field">
                <span>Language</span>
                <select
                  aria-label="Language"
                  value={draft.language}
                  onChange={(e) => {
                    const language = e.target.value as 'python' | 'shell';
                    const fresh = newScriptDraft(language);
                    patch({ language, image: draft.image === DEFAULT_IMAGES[draft.language] ? fresh.image : draft.image, code: draft.code === newScriptDraft(draft.language).code ? fresh.code : draft.code });
                  }}
                >
                  <option value="python">Python</option>
                  <option value="shell">Shell</option>
                </select>
              </label>
            )}
            <label className="kfs-field">
              <span>{draft.kind === 'script' ? 'Base image' : 'Container image'}</span>
              {/* A typed image no longer is the one built from the app: its build record goes. */}
              <input aria-label={draft.kind === 'script' ? 'Base image' : 'Container image'} placeholder="registry/name:tag" value={draft.image} onChange={(e) => patch({ image: e.target.value, build: undefined })} />
            </label>
            {draft.kind === 'image' && (
              <div className="kfs-field">
                <button type="button" onClick={() => setBuilding(true)}>
                  Build image…
                </button>
                {draft.build && <ImageStaleNote build={draft.build} />}
              </div>
            )}
            {draft.kind === 'script' && draft.language === 'python' && (
              <div className="kfs-field">
                <button type="button" disabled={!draftPackages(draft).length} title={draftPackages(draft).length ? undefined : 'List packages to install first: they are what the image holds'} onClick={() => setBuilding(true)}>
                  Build image with packages…
                </button>
                {draft.build && <ImageStaleNote build={draft.build} current={{ kind: 'packages', ...scriptBuildSource(draft) }} />}
              </div>
            )}
          </div>
          <div className="kfs-dialog-ports">
            <PortsEditor side="Input" ports={draft.inputs} onChange={(inputs) => patch({ inputs })} />
            <PortsEditor side="Output" ports={draft.outputs} withFiles={draft.kind === 'image'} onChange={(outputs) => patch({ outputs })} />
          </div>
          {draft.kind === 'image' ? (
            <>
              <CommandBuilder label="Command" items={draft.command} ports={draft} onChange={(command) => patch({ command })} />
              <CommandBuilder label="Arguments" items={draft.args} ports={draft} onChange={(args) => patch({ args })} />
            </>
          ) : (
            <>
              <label className="kfs-field">
                <span>Code (inputs arrive as --name value, outputs as --name path)</span>
                <textarea aria-label="Code" className="kfs-code" rows={12} spellCheck={false} value={draft.code} onChange={(e) => patch({ code: e.target.value })} />
              </label>
              {draft.language === 'python' && (
                <label className="kfs-field">
                  <span>Packages to pip install (space or comma separated)</span>
                  <input aria-label="Packages" placeholder="pandas==2.2.2 scikit-learn" value={draft.packages} onChange={(e) => patch({ packages: e.target.value })} />
                </label>
              )}
            </>
          )}
          {tried && problems.length > 0 && (
            <ul className="kfs-dialog-problems" role="alert" aria-label="Step problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="kfs-dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="kfs-primary">
              {editing ? 'Save step' : 'Add step'}
            </button>
          </div>
        </form>
      </div>
      {building && (
        <BuildImageDialog
          {...(draft.build ? { previous: draft.build } : {})}
          {...(draft.kind === 'script' ? { packages: scriptBuildSource(draft) } : {})}
          onClose={() => setBuilding(false)}
          onBuilt={(image, build) => patch({ image, build })}
        />
      )}
    </div>
  );
}
