// Save for reuse: the selected step's component as a component.yaml (KFP v2, or v1 on request) in a folder catalog;
// and Publish: this pipeline (archive, document, IR as a nested-pipeline component) and its components, with the
// folder's index updated, ready to host or commit.
import { useState, type FormEvent } from 'react';
import { componentFileName, componentYaml, pipelineComponentYaml, type ComponentFormat } from '../../shared/catalog/component-export';
import { isKfsError } from '../../shared/errors/codes';
import type { CatalogSource } from '../../shared/host-api/catalog.calls';
import { useHost } from '../host/host-context';
import { useEditor } from '../store/editor-context';
import { selectDocument, selectSelection } from '../store/selectors';
import { problemText } from './CatalogProblems';

type Message = { ok: boolean; text: string } | undefined;

function Feedback({ message }: { message: Message }) {
  if (!message) return null;
  return <p className={message.ok ? 'kfs-muted' : 'kfs-catalog-problem'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>;
}

function CatalogSelect({ label, writable, value, onChange }: { label: string; writable: CatalogSource[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {writable.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
    </label>
  );
}

export function ReuseForms({ sources, onWritten }: { sources: CatalogSource[]; onWritten: () => Promise<void> }) {
  const host = useHost();
  const document = useEditor(selectDocument);
  const selection = useEditor(selectSelection);
  const writable = sources.filter((s) => s.writable);
  const [catalog, setCatalog] = useState('');
  const target = writable.some((s) => s.id === catalog) ? catalog : (writable[0]?.id ?? '');
  const taskId = selection.length === 1 ? selection[0] : undefined;
  const task = taskId ? document.graph.tasks[taskId] : undefined;
  const component = task ? document.components[task.component] : undefined;
  const [fileName, setFileName] = useState('');
  const [format, setFormat] = useState<ComponentFormat>('v2');
  const [pipelineName, setPipelineName] = useState('');
  const [description, setDescription] = useState('');
  const [saveMessage, setSaveMessage] = useState<Message>();
  const [publishMessage, setPublishMessage] = useState<Message>();

  if (!writable.length) {
    return <p className="kfs-muted">To save steps for reuse or publish this pipeline, add a folder catalog (a Git repository's working folder can be added as a folder).</p>;
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!task || !component) return;
    let text: string;
    try {
      text = componentYaml(task.component, component, document.components, format);
    } catch (error) {
      return setSaveMessage({ ok: false, text: isKfsError(error) ? `${error.code} ${error.message}` : String(error) });
    }
    const name = fileName.trim() || componentFileName(component.name);
    const result = await host.catalogSaveComponent({ catalog: target, fileName: name, text });
    setSaveMessage(result.ok ? { ok: true, text: `Saved ${component.name} as ${result.value.path} (${result.value.digest.slice(0, 19)}).` } : { ok: false, text: problemText(result.error) });
    if (result.ok) await onWritten();
  };

  /** The whole pipeline as one component file (its IR), which the palette offers as a nested pipeline. */
  const savePipeline = async () => {
    let text: string;
    try {
      text = pipelineComponentYaml(document);
    } catch (error) {
      return setSaveMessage({ ok: false, text: isKfsError(error) ? `${error.code} ${error.message}` : String(error) });
    }
    const result = await host.catalogSaveComponent({ catalog: target, fileName: componentFileName(document.name).replace(/\.component\.yaml$/, '.pipeline-component.yaml'), text });
    setSaveMessage(result.ok ? { ok: true, text: `Saved pipeline ${document.name} as ${result.value.path}: it is offered as a nested pipeline.` } : { ok: false, text: problemText(result.error) });
    if (result.ok) await onWritten();
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    const name = pipelineName.trim() || document.name;
    const result = await host.catalogPublish({ catalog: target, name, ...(description.trim() ? { description: description.trim() } : {}), document });
    setPublishMessage(result.ok ? { ok: true, text: `Published ${name}: ${result.value.files.length} files and ${result.value.index}.` } : { ok: false, text: problemText(result.error) });
    if (result.ok) await onWritten();
  };

  return (
    <>
      <section aria-label="Save step for reuse">
        <h3>Save step for reuse</h3>
        {component ? (
          <form className="kfs-catalog-form" onSubmit={(e) => void save(e)}>
            <CatalogSelect label="Into catalog" writable={writable} value={target} onChange={setCatalog} />
            <label>
              Format
              <select value={format} onChange={(e) => setFormat(e.target.value as ComponentFormat)}>
                <option value="v2">KFP v2 component</option>
                <option value="v1">KFP v1 component.yaml</option>
              </select>
            </label>
            <label className="kfs-wide">
              File name
              <input value={fileName} onChange={(e) => setFileName(e.target.value)} placeholder={componentFileName(component.name)} />
            </label>
            <button type="submit">Save {component.name}</button>
          </form>
        ) : (
          <p className="kfs-muted">Select one step on the canvas to save it.</p>
        )}
        <button type="button" onClick={() => void savePipeline()}>Save whole pipeline as a component</button>
        <Feedback message={saveMessage} />
      </section>
      <section aria-label="Publish this pipeline">
        <h3>Publish this pipeline</h3>
        <form className="kfs-catalog-form" onSubmit={(e) => void publish(e)}>
          <CatalogSelect label="Into catalog" writable={writable} value={target} onChange={setCatalog} />
          <label>
            Pipeline name
            <input value={pipelineName} onChange={(e) => setPipelineName(e.target.value)} placeholder={document.name} />
          </label>
          <label className="kfs-wide">
            Description (optional)
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <button type="submit">Publish pipeline</button>
        </form>
        <Feedback message={publishMessage} />
      </section>
    </>
  );
}
