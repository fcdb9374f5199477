// The drawer of one canvas task in a run: its state, inputs, outputs (with artifact previews) and its log, which
// streams while the task runs. A task in a loop has one entry per iteration.
import { useUiStore } from '../store/ui-stores';
import { typeChoiceLabel } from '../../shared/types/type-compat';
import { useEffect, useRef, useState } from 'react';
import type { JsonValue } from '../../shared/model/document';
import type { RunSnapshot, TaskIo, TaskSnapshot } from '../../shared/runtime/runtime';
import { downloadBytes } from '../files/browser-download';
import { useHost } from '../host/host-context';
import { ArtifactPreview } from './previews/ArtifactPreview';
import { canvasTaskStates, durationText, TASK_STATE_TEXT } from './run-state';
import { useRunsUi, type RunsUiStore } from './runs-ui';
import { useRunWatcher } from './run-watcher';

const valueText = (value: JsonValue): string => (typeof value === 'string' ? value : JSON.stringify(value));

function LogView({ runId, task }: { runId: string; task: TaskSnapshot }) {
  const watcher = useRunWatcher();
  const [text, setText] = useState('');
  const [ended, setEnded] = useState<string | undefined>();
  const started = task.state !== 'pending' && task.state !== 'skipped';
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    setText('');
    setEnded(undefined);
    if (!started) return;
    return watcher.followLog(
      runId,
      task.id,
      0,
      (chunk) => setText((t) => t + chunk.text),
      (reason) => setEnded(reason ?? 'ended'),
    );
  }, [watcher, runId, task.id, started, task.attempts]);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  if (!started) return <p className="kfs-muted">{task.state === 'skipped' ? 'The task did not run, so it has no log.' : 'The log appears when the task starts.'}</p>;
  return (
    <>
      <pre className="kfs-run-log" ref={box} role="log" aria-label={`Log of ${task.displayName}`} aria-live="off" tabIndex={0}>
        {text || (ended ? '(the task wrote nothing)' : '')}
      </pre>
      {!ended ? <p className="kfs-muted">Following the log…</p> : null}
    </>
  );
}

interface IoListProps {
  title: string;
  io: TaskIo | undefined;
  runId: string;
  task: TaskSnapshot;
  previews: boolean;
  target: string | undefined;
}

function IoList({ title, io, runId, task, previews, target }: IoListProps) {
  const host = useHost();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [problem, setProblem] = useState<string | undefined>();
  const download = async (name: string) => {
    setProblem(undefined);
    const result = await host.runArtifactDownload({ target, runId, taskId: task.id, output: name });
    if (!result.ok) return setProblem(`${result.error.code} ${result.error.message}`);
    downloadBytes(Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0)), result.value.fileName, 'application/octet-stream');
  };
  const toggle = (name: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const parameters = Object.entries(io?.parameters ?? {});
  const artifacts = Object.entries(io?.artifacts ?? {});
  if (!parameters.length && !artifacts.length) return null;
  return (
    <section className="kfs-drawer-section" aria-label={title}>
      <h3>{title}</h3>
      <dl className="kfs-io">
        {parameters.map(([name, value]) => (
          <div key={`p:${name}`}>
            <dt>{name}</dt>
            <dd><code>{valueText(value)}</code></dd>
          </div>
        ))}
        {artifacts.map(([name, list]) => (
          <div key={`a:${name}`}>
            <dt>{name}</dt>
            <dd>
              {list.map((a, i) => (
                <span key={i} className="kfs-artifact-ref">
                  <span className="kfs-artifact-type" title={a.schemaTitle}>{typeChoiceLabel(a.schemaTitle)}</span>
                  {a.uri ? <code className="kfs-artifact-uri" aria-label={`${name} URI`} title={a.uri}>{a.uri}</code> : null}
                  {Object.keys(a.metadata).length ? (
                    <span className="kfs-artifact-meta" aria-label={`${name} metadata`}>
                      {Object.entries(a.metadata).map(([key, value]) => `${key}: ${valueText(value)}`).join(' · ')}
                    </span>
                  ) : null}
                  {previews && i === 0 ? (
                    <button type="button" aria-expanded={open.has(name)} onClick={() => toggle(name)}>
                      {open.has(name) ? `Hide ${name}` : `Preview ${name}`}
                    </button>
                  ) : null}
                  {previews && i === 0 ? (
                    <button type="button" onClick={() => void download(name)}>
                      {`Download ${name}`}
                    </button>
                  ) : null}
                </span>
              ))}
              {previews && open.has(name) && list[0] ? <ArtifactPreview runId={runId} taskId={task.id} output={name} artifact={list[0]} target={target} /> : null}
            </dd>
          </div>
        ))}
      </dl>
      {problem ? <p className="kfs-error-text" role="alert">{problem}</p> : null}
    </section>
  );
}

export interface TaskDrawerProps {
  run: RunSnapshot;
  taskName: string;
  label: string;
  now: number;
  onClose: () => void;
  /** The runs UI store: where the run is (`target`). */
  ui?: RunsUiStore;
  /** Where the run is, when not the runs view's target (a run opened from the editor's canvas). */
  where?: { target: string | undefined };
}

export function TaskDrawer({ run, taskName, label, now, onClose, ui: givenUi, where }: TaskDrawerProps) {
  const ui = useUiStore('runs', givenUi);
  const viewTarget = useRunsUi((s) => s.target, ui);
  const target = where ? where.target : viewTarget;
  const status = canvasTaskStates(run).get(taskName);
  const [pick, setPick] = useState(0);
  const tasks = status?.tasks ?? [];
  const task = tasks[Math.min(pick, tasks.length - 1)];
  return (
    <aside className="kfs-task-drawer" aria-label={`Task ${label}`}>
      <header>
        <h2>{label}</h2>
        <button type="button" onClick={onClose} aria-label="Close the task drawer">×</button>
      </header>
      {!task ? (
        <p className="kfs-muted">This task has not been reached yet.</p>
      ) : (
        <>
          {tasks.length > 1 ? (
            <label className="kfs-field">
              Iteration{' '}
              <select value={Math.min(pick, tasks.length - 1)} onChange={(e) => setPick(Number(e.target.value))}>
                {tasks.map((t, i) => (
                  <option key={t.id} value={i}>
                    {t.iteration ?? i}: {TASK_STATE_TEXT[t.state]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p className={`kfs-task-status kfs-state-${task.state}`}>
            <span className="kfs-run-dot" aria-hidden="true" /> {TASK_STATE_TEXT[task.state]}
            {task.startedAt ? ` · ${durationText(task, now)}` : ''}
            {task.attempts > 1 ? ` · attempt ${task.attempts}` : ''}
          </p>
          {task.error ? <p className="kfs-error-text" role="alert">{task.error.code ? `${task.error.code} ` : ''}{task.error.message}</p> : null}
          {task.skipReason ? <p className="kfs-muted">Skipped: {task.skipReason}</p> : null}
          {task.cachedFrom ? <p className="kfs-muted">Reused the outputs of run {task.cachedFrom.runId}.</p> : null}
          <IoList title="Inputs" io={task.inputs} runId={run.id} task={task} previews={false} target={target} />
          <IoList title="Outputs" io={task.outputs} runId={run.id} task={task} previews target={target} />
          <section className="kfs-drawer-section" aria-label="Log">
            <h3>Log</h3>
            <LogView key={task.id} runId={run.id} task={task} />
          </section>
        </>
      )}
    </aside>
  );
}
