// 2–10 runs side by side, as the host compares them (shared/runs/run-compare): parameters and metrics with the rows
// that differ marked (or only those), each run's graph with its step states, the steps' states in one table, the ROC
// curves over one another and the confusion matrices next to each other.
import { useUiStore } from '../store/ui-stores';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { JsonValue, PipelineDocument } from '../../shared/model/document';
import type { RunComparison } from '../../shared/runs/run-compare';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { ConfusionMatrixChart, RocCurvesChart } from './previews/Charts';
import { RunCanvas } from './RunCanvas';
import { formatDuration } from './run-state';
import { useRunsUi, type RunsUiStore } from './runs-ui';

/** One colour per compared run (at most 10), told apart also by the run's number in legends. */
const RUN_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

function valueText(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface Row {
  key: string;
  label: string;
  extra?: string;
  cells: string[];
  differs: boolean;
}

function CompareTable({ label, head, rows, onlyDiffs }: { label: string; head: string[]; rows: Row[]; onlyDiffs: boolean }) {
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  if (!rows.length) return <p className="kfs-muted">None of these runs has any.</p>;
  if (!shown.length) return <p className="kfs-muted">No differences.</p>;
  const extra = rows.some((r) => r.extra !== undefined);
  return (
    <table className="kfs-compare-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          {extra ? <th scope="col">from</th> : null}
          {head.slice(1).map((h, i) => <th key={i} scope="col">{h}</th>)}
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr key={row.key} className={row.differs ? 'kfs-compare-differs' : undefined} data-differs={row.differs}>
            <th scope="row">{row.label}{row.differs ? <span className="kfs-sr-only"> (differs)</span> : null}</th>
            {extra ? <td>{row.extra}</td> : null}
            {row.cells.map((c, i) => <td key={i}>{c}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunsCompare({ runIds, ui: givenUi }: { runIds: readonly string[]; ui?: RunsUiStore }) {
  const ui = useUiStore('runs', givenUi);
  const host = useHost();
  const target = useRunsUi((s) => s.target, ui);
  const [comparison, setComparison] = useState<RunComparison | undefined>();
  const [drawings, setDrawings] = useState<({ run: RunSnapshot; document?: PipelineDocument } | undefined)[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [onlyDiffs, setOnlyDiffs] = useState(false);

  useEffect(() => {
    let live = true;
    const on = target === undefined ? {} : { target };
    setComparison(undefined);
    setError(undefined);
    void host.runCompare({ runIds: [...runIds], ...on }).then((result) => {
      if (!live) return;
      if (result.ok) setComparison(result.value.comparison);
      else setError(`${result.error.code} ${result.error.message}`);
    });
    void Promise.all(runIds.map((runId) => host.runGet({ runId, ...on }))).then((results) => {
      if (live) setDrawings(results.map((r) => (r.ok ? r.value : undefined)));
    });
    return () => {
      live = false;
    };
  }, [host, runIds, target]);

  if (error) return <p className="kfs-error-text" role="alert">{error}</p>;
  if (!comparison) return <p className="kfs-muted">Comparing {runIds.length} runs…</p>;
  const columns = comparison.runs.map((run, i) => `[${i + 1}] ${run.displayName}`);
  const now = Date.now();
  return (
    <section className="kfs-compare" aria-label={`Comparing ${comparison.runs.length} runs`}>
      <header>
        <h2>Comparing {comparison.runs.length} runs</h2>
        <label>
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> Only differences
        </label>
        <button type="button" onClick={() => ui.getState().closeCompare()}>Close comparison</button>
      </header>
      <ol className="kfs-chart-legend" aria-label="Compared runs">
        {comparison.runs.map((run, i) => (
          <li key={run.id}>
            <span className="kfs-chart-swatch" style={{ background: RUN_COLOURS[i] }} aria-hidden="true" />[{i + 1}]{' '}
            <button type="button" className="kfs-link" onClick={() => ui.getState().showRuns(run.id)}>{run.displayName}</button>{' '}
            <span className={`kfs-run-badge kfs-state-${run.state}`}>{run.state}</span>{' '}
            <span className="kfs-muted">{run.pipelineName}{run.durationMs !== undefined ? ` · ${formatDuration(run.durationMs)}` : ''}</span>
          </li>
        ))}
      </ol>
      <div>
        <h3>Parameters</h3>
        <CompareTable label="Parameters compared" head={['parameter', ...columns]} onlyDiffs={onlyDiffs}
          rows={comparison.parameters.map((p) => ({ key: p.name, label: p.name, cells: p.values.map(valueText), differs: p.differs }))} />
      </div>
      <div>
        <h3>Metrics</h3>
        <CompareTable label="Metrics compared" head={['metric', ...columns]} onlyDiffs={onlyDiffs}
          rows={comparison.metrics.map((m) => ({ key: `${m.source}/${m.name}`, label: m.name, extra: m.source, cells: m.values.map(valueText), differs: m.differs }))} />
      </div>
      <div>
        <h3>Steps</h3>
        <div className="kfs-compare-graphs">
          {comparison.runs.map((run, i) => {
            const drawn = drawings[i];
            return (
              <figure key={run.id} className="kfs-compare-graph" aria-label={`Graph of [${i + 1}] ${run.displayName}`}>
                <figcaption><span className="kfs-chart-swatch" style={{ background: RUN_COLOURS[i] }} aria-hidden="true" />[{i + 1}] {run.displayName}</figcaption>
                {drawn?.document ? (
                  <ReactFlowProvider>
                    <RunCanvas document={drawn.document} run={drawn.run} now={now} selectedTask={undefined} onOpenTask={() => ui.getState().showRuns(run.id)} />
                  </ReactFlowProvider>
                ) : <p className="kfs-muted">{drawn ? 'This run has no pipeline drawing.' : 'Loading…'}</p>}
              </figure>
            );
          })}
        </div>
        <CompareTable label="Step states compared" head={['step', ...columns]} onlyDiffs={onlyDiffs}
          rows={comparison.steps.map((s) => ({ key: s.id, label: s.displayName, cells: s.states.map((state) => state ?? '—'), differs: s.differs }))} />
      </div>
      {comparison.roc.length || comparison.confusion.length ? (
        <div>
          <h3>Classification</h3>
          <div className="kfs-compare-charts">
            {comparison.roc.length ? (
              <RocCurvesChart curves={comparison.roc.map((c) => ({ label: `[${c.run + 1}] ${comparison.runs[c.run]?.displayName ?? ''} (${c.source})`, color: RUN_COLOURS[c.run] ?? '#000', points: c.points, auc: c.auc }))} />
            ) : null}
            {comparison.confusion.map((c, i) => (
              <ConfusionMatrixChart key={i} matrix={c.matrix} caption={`[${c.run + 1}] ${comparison.runs[c.run]?.displayName ?? ''} (${c.source})`} />
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
