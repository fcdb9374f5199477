// Run: asks where to run (this computer or a cluster profile), the pipeline's parameters (typed, defaults filled in,
// required ones marked; Run is blocked while a value is wrong) and an experiment, submits the document to the host
// (or the version uploaded to a KFP target), and shows the run. For KFP targets: upload the pipeline, schedule it.
import { typeChoiceLabel } from '../../shared/types/type-compat';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Experiment } from '../../shared/runtime/runtime';
import type { PipelineDocument } from '../../shared/model/document';
import { useHost } from '../host/host-context';
import { ClusterRunActions, type UploadedPipeline } from '../clusters/ClusterRunActions';
import { useUiStore } from '../store/ui-stores';
import { findProfile, useClustersUi, type ClustersUiStore } from '../clusters/clusters-ui';
import { TargetSelect } from '../clusters/TargetSelect';
import { executionText } from './run-state';
import { artifactInputs, initialValues, parameterFields, readParameters } from './run-parameters';
import { type RunsUiStore } from './runs-ui';
import { own } from '../../shared/names/names';

export interface RunDialogProps {
  document: PipelineDocument;
  sourcePath?: string;
  ui?: RunsUiStore;
  clusters?: ClustersUiStore;
  /** Called as Start run is pressed, before anything is sent (a click: browsers let a page ask for permissions then). */
  onStarting?: () => void;
  /** Called with the new run's id (and where it runs) once it is submitted. */
  onStarted?: (runId: string, target: string | undefined) => void;
}

const LOCAL_DEFAULT_EXPERIMENT: Experiment = { id: 'default', name: 'Default', createdAt: '' };

export function RunDialog({ document, sourcePath, ui: givenUi, clusters: givenClusters, onStarting, onStarted }: RunDialogProps) {
  const ui = useUiStore('runs', givenUi);
  const clusters = useUiStore('clusters', givenClusters);
  const host = useHost();
  const fields = useMemo(() => parameterFields(document), [document]);
  const [texts, setTexts] = useState(() => initialValues(fields));
  const [target, setTarget] = useState(() => ui.getState().target);
  const profiles = useClustersUi((s) => s.profiles, clusters);
  const kind = target === undefined ? 'local' : findProfile(profiles, target)?.kind;
  const [uploaded, setUploaded] = useState<UploadedPipeline | undefined>();
  const [experiments, setExperiments] = useState<Experiment[] | undefined>();
  const [experimentId, setExperimentId] = useState<string | undefined>(() => ui.getState().experimentId ?? (target === undefined ? 'default' : undefined));
  const [caching, setCaching] = useState(true);
  const [execution, setExecution] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const { values, errors } = readParameters(fields, texts);
  const missingArtifacts = artifactInputs(document);
  const errorCount = Object.keys(errors).length + (missingArtifacts.length ? 1 : 0);

  useEffect(() => {
    let live = true;
    const on = target === undefined ? {} : { target };
    setExperiments(undefined);
    setExecution(undefined);
    void host.experimentList(on).then((r) => {
      if (!live) return;
      const list = r.ok ? r.value.experiments : [];
      setExperiments(list);
      // The runs view's experiment belongs to its own target: elsewhere, the target's first experiment (or none).
      setExperimentId((current) => (current !== undefined && list.some((e) => e.id === current) ? current : (list[0]?.id ?? (target === undefined ? 'default' : undefined))));
    });
    void host.runtimeInfo(on).then((r) => {
      if (!live) return;
      if (r.ok) setExecution(executionText(r.value.execution as Parameters<typeof executionText>[0]));
      else setRefusal(`${r.error.code} ${r.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [host, target]);

  const chooseTarget = (next: string | undefined) => {
    setTarget(next);
    setUploaded(undefined);
    setRefusal(undefined);
  };
  const close = () => ui.getState().closeRunDialog();
  const showOnTarget = (runId?: string) => {
    const state = ui.getState();
    state.closeRunDialog();
    state.setTarget(target);
    state.showRuns(runId);
    state.selectTask(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (errorCount || submitting) return;
    onStarting?.();
    setSubmitting(true);
    setRefusal(undefined);
    const source = uploaded ? { pipelineVersion: { pipelineId: uploaded.pipelineId, versionId: uploaded.versionId } } : { document };
    const result = await host.runSubmit({
      ...(target === undefined ? {} : { target }),
      ...source,
      parameters: values,
      ...(experimentId !== undefined ? { experimentId } : {}),
      enableCaching: caching,
      ...(sourcePath ? { sourcePath } : {}),
    });
    setSubmitting(false);
    if (!result.ok) return setRefusal(`${result.error.code} ${result.error.message}`);
    showOnTarget(result.value.runId);
    onStarted?.(result.value.runId, target);
  };
  const scheduled = (name: string) => {
    showOnTarget();
    ui.getState().toast(`Schedule ${name} created on ${target ?? 'this computer'}.`, 'success');
  };

  return (
    <div className="kfs-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <form className="kfs-dialog kfs-run-dialog" role="dialog" aria-modal="true" aria-labelledby="kfs-run-dialog-title" onSubmit={(e) => void submit(e)}>
        <h2 id="kfs-run-dialog-title">Run {document.displayName ?? document.name}</h2>
        <TargetSelect label="Run on" value={target} onChange={chooseTarget} clusters={clusters} />
        {execution ? <p className="kfs-muted">{execution}</p> : null}
        {fields.length ? (
          <fieldset>
            <legend>Parameters</legend>
            {fields.map((field) => {
              const id = `kfs-param-${field.name}`;
              const error = own(errors, field.name);
              const text = own(texts, field.name) ?? '';
              const set = (value: string) => setTexts((t) => ({ ...t, [field.name]: value }));
              return (
                <div className="kfs-param-field" key={field.name}>
                  <label htmlFor={id}>
                    {field.name}
                    {field.required ? <span className="kfs-required" aria-label="required"> *</span> : null}
                    <span className="kfs-param-type"> {typeChoiceLabel(field.type)}</span>
                  </label>
                  {field.type === 'BOOLEAN' ? (
                    <input id={id} type="checkbox" checked={text.trim().toLowerCase() === 'true'} onChange={(e) => set(String(e.target.checked))} />
                  ) : field.literals ? (
                    <select id={id} value={text} onChange={(e) => set(e.target.value)} aria-invalid={error ? true : undefined}>
                      {field.required && !text ? <option value="">Choose…</option> : null}
                      {field.literals.map((l) => {
                        const t = typeof l === 'string' ? l : JSON.stringify(l);
                        return <option key={t} value={t}>{t}</option>;
                      })}
                    </select>
                  ) : field.type === 'LIST' || field.type === 'STRUCT' ? (
                    <textarea id={id} rows={2} value={text} onChange={(e) => set(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
                  ) : (
                    <input
                      id={id}
                      inputMode={field.type.startsWith('NUMBER') ? 'decimal' : undefined}
                      value={text}
                      placeholder={field.defaultText !== undefined ? `default ${field.defaultText}` : field.required ? 'required' : ''}
                      onChange={(e) => set(e.target.value)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                  )}
                  {field.description ? <p className="kfs-muted kfs-param-help">{field.description}</p> : null}
                  {error ? <p className="kfs-error-text" id={`${id}-error`}>{error}</p> : null}
                </div>
              );
            })}
          </fieldset>
        ) : (
          <p className="kfs-muted">This pipeline takes no parameters.</p>
        )}
        {missingArtifacts.length ? <p className="kfs-error-text">The pipeline needs input artifacts ({missingArtifacts.join(', ')}); runs from here cannot take them yet.</p> : null}
        <label className="kfs-field">
          Experiment{' '}
          <select value={experimentId ?? ''} onChange={(e) => setExperimentId(e.target.value || undefined)}>
            {experiments?.length ? null : <option value={target === undefined ? 'default' : ''}>{target === undefined ? LOCAL_DEFAULT_EXPERIMENT.name : experiments ? 'Default (the cluster chooses)' : 'Loading…'}</option>}
            {experiments?.map((e) => (
              <option key={e.id} value={e.id}>{e.name}</option>
            ))}
          </select>
        </label>
        <label className="kfs-field">
          <input type="checkbox" checked={caching} onChange={(e) => setCaching(e.target.checked)} /> Reuse results of earlier runs with the same inputs (caching)
        </label>
        {target !== undefined && kind === 'kfp' ? (
          <ClusterRunActions
            key={target}
            target={target}
            document={document}
            parameters={values}
            parametersWrong={errorCount > 0}
            experimentId={experimentId}
            uploaded={uploaded}
            onUploaded={setUploaded}
            onScheduled={scheduled}
          />
        ) : null}
        {refusal ? <p className="kfs-error-text" role="alert">{refusal}</p> : null}
        <div className="kfs-dialog-actions">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="kfs-primary" disabled={errorCount > 0 || submitting} title={errorCount ? `Fix ${errorCount} problem${errorCount > 1 ? 's' : ''} first` : undefined}>
            {submitting ? 'Starting…' : 'Start run'}
          </button>
        </div>
      </form>
    </div>
  );
}
