// The experiments list and the runs list of the runs view's target (this computer or a cluster profile): search,
// filters (status, pipeline, creation dates), order, pages loaded as the list scrolls, runs ticked to compare.
import { useUiStore } from '../store/ui-stores';
import { memo, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { MAX_COMPARED_RUNS, MIN_COMPARED_RUNS } from '../../shared/runs/run-compare';
import type { Experiment, RunSnapshot, RunSortKey, RunState } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';
import { durationText, formatStart } from './run-state';
import { useRunsUi, type RunsUiStore } from './runs-ui';
import { useNow } from './use-now';
import { useRunPages, type RunListQuery, type RunPages } from './use-run-pages';
import { findProfile, useClustersUi } from '../clusters/clusters-ui';

const STATES: RunState[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const SORTS: { value: string; label: string; sortBy: RunSortKey; descending: boolean }[] = [
  { value: 'newest', label: 'Newest first', sortBy: 'createdAt', descending: true },
  { value: 'oldest', label: 'Oldest first', sortBy: 'createdAt', descending: false },
  { value: 'longest', label: 'Longest first', sortBy: 'duration', descending: true },
  { value: 'name', label: 'Name', sortBy: 'displayName', descending: false },
  { value: 'state', label: 'Status', sortBy: 'state', descending: false },
];

export function ExperimentsList({ ui: givenUi, refresh }: { ui?: RunsUiStore; refresh: number }) {
  const ui = useUiStore('runs', givenUi);
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

/** A day picked in a date field (local time) as the instant it starts; `plusDays` moves to a later day. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const start = new Date(`${day}T00:00:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  start.setDate(start.getDate() + plusDays);
  return start.toISOString();
}

/** The text typed, once typing has paused (a search per keystroke would load the server for nothing). */
function useSettled(text: string, ms = 300): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

interface RowProps {
  run: RunSnapshot;
  current: boolean;
  chosen: boolean;
  now: number;
  ui: RunsUiStore;
}

const RunRow = memo(function RunRow({ run, current, chosen, now, ui }: RowProps) {
  return (
    <tr aria-current={current ? 'true' : undefined}>
      <td><input type="checkbox" aria-label={`Choose ${run.displayName} to compare`} checked={chosen} onChange={() => ui.getState().toggleChosen(run.id)} /></td>
      <td><button type="button" className="kfs-link" onClick={() => ui.getState().showRuns(run.id)}>{run.displayName}</button></td>
      <td><span className={`kfs-run-badge kfs-state-${run.state}`}>{run.state}</span></td>
      <td>{formatStart(run.startedAt ?? run.createdAt)}</td>
      <td>{durationText(run, now)}</td>
    </tr>
  );
});

/** Loads the next page when the end of the list scrolls into view (and by its button, for keyboards and tests). */
function MoreRuns({ pages }: { pages: RunPages }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loadMore } = pages;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: '400px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, loadMore]);
  if (!hasMore) return null;
  return (
    <div ref={sentinel} className="kfs-runs-more">
      <button type="button" disabled={pages.loadingMore} onClick={loadMore}>{pages.loadingMore ? 'Loading more runs…' : 'Load more runs'}</button>
    </div>
  );
}

export function RunsList({ ui: givenUi, refresh }: { ui?: RunsUiStore; refresh: number }) {
  const ui = useUiStore('runs', givenUi);
  const experimentId = useRunsUi((s) => s.experimentId, ui);
  const current = useRunsUi((s) => s.runId, ui);
  const target = useRunsUi((s) => s.target, ui);
  const chosen = useRunsUi((s) => s.chosen, ui);
  const profiles = useClustersUi((s) => s.profiles);
  const onKfp = target !== undefined && findProfile(profiles, target)?.kind === 'kfp';
  const [state, setState] = useState<RunState | ''>('');
  const [text, setText] = useState('');
  const [pipeline, setPipeline] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState('newest');
  const search = useSettled(text.trim());
  const pipelineName = useSettled(pipeline.trim());
  const sorts = SORTS.filter((s) => !(onKfp && s.sortBy === 'duration'));
  const order = sorts.find((s) => s.value === sort) ?? SORTS[0];
  const createdAfter = dayStart(from);
  const createdBefore = dayStart(to, 1);
  const query = useMemo<RunListQuery>(
    () => ({
      ...(target === undefined ? {} : { target }),
      ...(experimentId ? { experimentId } : {}),
      ...(state ? { states: [state] } : {}),
      ...(search ? { text: search } : {}),
      ...(pipelineName ? { pipelineName } : {}),
      ...(createdAfter ? { createdAfter } : {}),
      ...(createdBefore ? { createdBefore } : {}),
      ...(order ? { sortBy: order.sortBy, descending: order.descending } : {}),
    }),
    [target, experimentId, state, search, pipelineName, createdAfter, createdBefore, order],
  );
  const pages = useRunPages(query, refresh);
  const { runs } = pages;
  const live = useRunsUi((s) => s.live, ui);
  const shown = runs?.map((r) => (live && live.id === r.id && live.revision > r.revision ? live : r));
  const anyRunning = runs?.some((r) => r.state === 'running' || r.state === 'pending') ?? false;
  const now = useNow(anyRunning);
  const filtered = Boolean(state || search || pipelineName || from || to);
  return (
    <section className="kfs-runs-list" aria-label="Runs">
      <div className="kfs-runs-filters">
        <input type="search" aria-label="Search runs" placeholder="Search runs" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Filter runs by status" value={state} onChange={(e) => setState(e.target.value as RunState | '')}>
          <option value="">Any status</option>
          {STATES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Sort runs" value={order?.value} onChange={(e) => setSort(e.target.value)}>
          {sorts.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
        <input aria-label="Filter runs by pipeline" placeholder="Pipeline name" value={pipeline} onChange={(e) => setPipeline(e.target.value)}
          title={onKfp ? 'On Kubeflow Pipelines, runs of uploaded pipeline versions carry their pipeline; runs of a pipeline sent inline do not.' : undefined} />
        <label className="kfs-runs-date">From <input type="date" aria-label="Created from" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label className="kfs-runs-date">To <input type="date" aria-label="Created until" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      </div>
      <CompareBar ui={ui} chosen={chosen} />
      {pages.error ? <p className="kfs-error-text">{pages.error}</p> : null}
      {runs && !runs.length ? <p className="kfs-muted">No runs{filtered ? ' match' : ` yet${target ? ` on ${target}` : ''}: press Run in the editor`}.</p> : null}
      {shown?.length ? (
        <>
          <p className="kfs-muted" role="status" aria-label="Runs shown">
            {shown.length}{pages.totalSize !== undefined ? ` of ${pages.totalSize}` : pages.hasMore ? '+' : ''} runs
          </p>
          <table className="kfs-runs-table">
            <thead>
              <tr><th scope="col"><span className="kfs-sr-only">Compare</span></th><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Duration</th></tr>
            </thead>
            <tbody>
              {shown.map((run) => (
                <RunRow key={run.id} run={run} current={run.id === current} chosen={chosen.includes(run.id)} now={run.finishedAt ? 0 : now} ui={ui} />
              ))}
            </tbody>
          </table>
          <MoreRuns pages={pages} />
        </>
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
