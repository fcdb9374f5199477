// The experiments list and the runs list (status, start, duration; filter by status and text; sort), of the runs
// view's target (this computer or a cluster profile).
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_COMPARED_RUNS, MIN_COMPARED_RUNS } from '../../shared/runs/run-compare';
import type { Experiment, RunSnapshot, RunSortKey, RunState } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { durationText, formatStart } from './run-state';
import { runsUi, useRunsUi, type RunsUiStore } from './runs-ui';
import { useNow } from './use-now';

const STATES: RunState[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const SORTS: { value: string; label: string; sortBy: RunSortKey; descending: boolean }[] = [
  { value: 'newest', label: 'Newest first', sortBy: 'createdAt', descending: true },
  { value: 'oldest', label: 'Oldest first', sortBy: 'createdAt', descending: false },
  { value: 'longest', label: 'Longest first', sortBy: 'duration', descending: true },
  { value: 'name', label: 'Name', sortBy: 'displayName', descending: false },
  { value: 'state', label: 'Status', sortBy: 'state', descending: false },
];

export function ExperimentsList({ ui = runsUi, refresh }: { ui?: RunsUiStore; refresh: number }) {
  const host = useHost();
  const selected = useRunsUi((s) => s.experimentId, ui);
  const target = useRunsUi((s) => s.target, ui);
  const [experiments, setExperiments] = useState<Experiment[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    setExperiments([]);
    void host.experimentList(target === undefined ? {} : { target }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setExperiments(r.value.experiments);
        setError(undefined);
      } else setError(`${r.error.code} ${r.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [host, refresh, reload, target]);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await host.experimentCreate({ name: name.trim(), ...(target === undefined ? {} : { target }) });
    if (!result.ok) return setError(`${result.error.code} ${result.error.message}`);
    setError(undefined);
    setName('');
    setReload((n) => n + 1);
    ui.getState().selectExperiment(result.value.experiment.id);
  };
  return (
    <nav className="kfs-experiments" aria-label="Experiments">
      <h2>Experiments</h2>
      <ul>
        <li>
          <button type="button" aria-current={selected === undefined} onClick={() => ui.getState().selectExperiment(undefined)}>All runs</button>
        </li>
        {experiments.map((e) => (
          <li key={e.id}>
            <button type="button" aria-current={selected === e.id} onClick={() => ui.getState().selectExperiment(e.id)}>{e.name}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void create(e)} className="kfs-inline-form">
        <input aria-label="New experiment name" placeholder="New experiment" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>Add</button>
      </form>
      {error ? <p className="kfs-error-text">{error}</p> : null}
    </nav>
  );
}

export function RunsList({ ui = runsUi, refresh }: { ui?: RunsUiStore; refresh: number }) {
  const host = useHost();
  const experimentId = useRunsUi((s) => s.experimentId, ui);
  const current = useRunsUi((s) => s.runId, ui);
  const target = useRunsUi((s) => s.target, ui);
  const chosen = useRunsUi((s) => s.chosen, ui);
  const [state, setState] = useState<RunState | ''>('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState('newest');
  const [runs, setRuns] = useState<RunSnapshot[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const live = useRunsUi((s) => s.live, ui);
  const shown = runs?.map((r) => (live && live.id === r.id && live.revision > r.revision ? live : r));
  const anyRunning = runs?.some((r) => r.state === 'running' || r.state === 'pending') ?? false;
  const now = useNow(anyRunning);
  useEffect(() => setRuns(undefined), [target]);
  useEffect(() => {
    let live = true;
    const order = SORTS.find((s) => s.value === sort) ?? SORTS[0];
    const load = () =>
      void host
        .runList({
          ...(target === undefined ? {} : { target }),
          ...(experimentId ? { experimentId } : {}),
          ...(state ? { states: [state] } : {}),
          ...(text.trim() ? { text: text.trim() } : {}),
          ...(order ? { sortBy: order.sortBy, descending: order.descending } : {}),
        })
        .then((r) => {
          if (!live) return;
          if (r.ok) {
            setRuns(r.value.runs);
            setError(undefined);
          } else setError(`${r.error.code} ${r.error.message}`);
        });
    load();
    // Runs started elsewhere (the CLI on the same data folder) and state changes show up without a reload.
    const timer = setInterval(load, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [host, experimentId, state, text, sort, refresh, target]);
  return (
    <section className="kfs-runs-list" aria-label="Runs">
      <div className="kfs-runs-filters">
        <input type="search" aria-label="Filter runs by text" placeholder="Filter runs" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Filter runs by status" value={state} onChange={(e) => setState(e.target.value as RunState | '')}>
          <option value="">Any status</option>
          {STATES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Sort runs" value={sort} onChange={(e) => setSort(e.target.value)}>
          {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
      </div>
      <CompareBar ui={ui} chosen={chosen} />
      {error ? <p className="kfs-error-text">{error}</p> : null}
      {runs && !runs.length ? <p className="kfs-muted">No runs{state || text ? ' match' : ` yet${target ? ` on ${target}` : ''}: press Run in the editor`}.</p> : null}
      {shown?.length ? (
        <table className="kfs-runs-table">
          <thead>
            <tr><th scope="col"><span className="kfs-sr-only">Compare</span></th><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Duration</th></tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <tr key={run.id} aria-current={run.id === current ? 'true' : undefined}>
                <td><input type="checkbox" aria-label={`Choose ${run.displayName} to compare`} checked={chosen.includes(run.id)} onChange={() => ui.getState().toggleChosen(run.id)} /></td>
                <td><button type="button" className="kfs-link" onClick={() => ui.getState().showRuns(run.id)}>{run.displayName}</button></td>
                <td><span className={`kfs-run-badge kfs-state-${run.state}`}>{run.state}</span></td>
                <td>{formatStart(run.startedAt ?? run.createdAt)}</td>
                <td>{durationText(run, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Compare the runs ticked in the list (2–10), or say how many to tick. */
function CompareBar({ ui, chosen }: { ui: RunsUiStore; chosen: readonly string[] }) {
  const n = chosen.length;
  const fits = n >= MIN_COMPARED_RUNS && n <= MAX_COMPARED_RUNS;
  const hint = n > MAX_COMPARED_RUNS ? `At most ${MAX_COMPARED_RUNS} runs: untick ${n - MAX_COMPARED_RUNS}.` : `Tick ${MIN_COMPARED_RUNS} to ${MAX_COMPARED_RUNS} runs to compare them.`;
  return (
    <div className="kfs-runs-compare-bar">
      <button type="button" disabled={!fits} title={fits ? undefined : hint} onClick={() => ui.getState().compareChosen()}>
        Compare {n ? `${n} ` : ''}runs
      </button>
      {n ? <span className="kfs-muted">{fits ? `${n} chosen` : hint}</span> : null}
    </div>
  );
}
