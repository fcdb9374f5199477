// The recurring runs (schedules) of a KFP target: name, trigger, whether enabled; enable/disable and delete (asks
// first). Shown in the runs view when its target is a KFP profile.
import { useEffect, useState } from 'react';
import type { RecurringRunSummaryView } from '../../shared/host-api/cluster-run.calls';
import { useHost } from '../host/host-context';
import { triggerText } from './schedule-form';

export function SchedulesList({ target, refresh, experimentId }: { target: string; refresh: number; experimentId?: string | undefined }) {
  const host = useHost();
  const [schedules, setSchedules] = useState<RecurringRunSummaryView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const [confirming, setConfirming] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const load = () =>
      void host.recurringRunList({ target, ...(experimentId ? { experimentId } : {}) }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setSchedules(r.value.recurringRuns);
          setError(undefined);
        } else setError(`${r.error.code} ${r.error.message}`);
      });
    load();
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [host, target, experimentId, refresh, reload]);

  const act = async (id: string, what: () => ReturnType<typeof host.recurringRunDelete>) => {
    setBusy(id);
    const result = await what();
    setBusy(undefined);
    setConfirming(undefined);
    if (!result.ok) return setError(`${result.error.code} ${result.error.message}`);
    setReload((n) => n + 1);
  };

  return (
    <section className="kfs-schedules" aria-label="Schedules">
      <h2>Schedules</h2>
      {error ? <p className="kfs-error-text" role="alert">{error}</p> : null}
      {schedules && !schedules.length ? <p className="kfs-muted">No schedules on {target}: use Schedule… in the Run dialog.</p> : null}
      {schedules?.length ? (
        <table className="kfs-runs-table">
          <thead>
            <tr><th scope="col">Schedule</th><th scope="col">Trigger</th><th scope="col">State</th><th scope="col"><span className="kfs-sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}>
                <td>{s.displayName}</td>
                <td>
                  {triggerText(s)}
                  <span className="kfs-muted"> · at most {s.maxConcurrency} at once{s.catchup ? '' : ' · no catch-up'}</span>
                </td>
                <td>{s.enabled ? 'enabled' : 'disabled'}</td>
                <td>
                  <div className="kfs-cluster-actions">
                    <button type="button" disabled={busy === s.id} aria-label={`${s.enabled ? 'Disable' : 'Enable'} ${s.displayName}`} onClick={() => void act(s.id, () => host.recurringRunSetEnabled({ target, id: s.id, enabled: !s.enabled }))}>
                      {s.enabled ? 'Disable' : 'Enable'}
                    </button>
                    {confirming === s.id ? (
                      <>
                        <button type="button" className="kfs-danger" disabled={busy === s.id} onClick={() => void act(s.id, () => host.recurringRunDelete({ target, id: s.id }))}>Delete {s.displayName}</button>
                        <button type="button" onClick={() => setConfirming(undefined)}>Keep</button>
                      </>
                    ) : (
                      <button type="button" aria-label={`Delete ${s.displayName}…`} onClick={() => setConfirming(s.id)}>Delete…</button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
