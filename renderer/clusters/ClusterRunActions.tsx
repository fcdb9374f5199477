// What the Run dialog offers for a KFP target besides starting a run: "Upload pipeline" (a name clash, KFS909, offers
// "Upload as new version" of the pipeline of that name) and "Schedule…" (a recurring run with the parameters the
// dialog asks for). Lives inside the Run dialog's form, so it has no form of its own.
import { useId, useState } from 'react';
import type { HostResponse } from '../../shared/host-api/host-api.calls';
import type { HostError } from '../../shared/host-api/host-result';
import type { JsonValue, PipelineDocument } from '../../shared/model/document';
import { useHost } from '../host/host-context';
import { errorText } from './clusters-ui';
import { emptyScheduleForm, readScheduleForm, type IntervalUnit, type ScheduleErrors, type ScheduleForm } from './schedule-form';

export type UploadedPipeline = HostResponse<'pipelineUpload'>;

export interface ClusterRunActionsProps {
  target: string;
  document: PipelineDocument;
  /** The dialog's parameter values, and whether any is wrong (a schedule waits until they are right). */
  parameters: { [name: string]: JsonValue };
  parametersWrong: boolean;
  experimentId: string | undefined;
  uploaded: UploadedPipeline | undefined;
  onUploaded(uploaded: UploadedPipeline): void;
  onScheduled(displayName: string): void;
}

export function ClusterRunActions({ target, document, parameters, parametersWrong, experimentId, uploaded, onUploaded, onScheduled }: ClusterRunActionsProps) {
  const host = useHost();
  const uid = useId();
  const [name, setName] = useState(document.name);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<HostError | undefined>();
  const [clash, setClash] = useState<string | undefined>();
  const [scheduling, setScheduling] = useState(false);
  const [schedule, setSchedule] = useState<ScheduleForm>(() => emptyScheduleForm(document.displayName ?? document.name));
  const [shown, setShown] = useState<ScheduleErrors>({});
  const [scheduleError, setScheduleError] = useState<HostError | undefined>();
  const [creating, setCreating] = useState(false);

  const upload = async (newVersionOf?: string) => {
    setUploading(true);
    setUploadError(undefined);
    const result = await host.pipelineUpload({ target, document, ...(newVersionOf ? { newVersionOf } : { name: name.trim() || document.name }) });
    setUploading(false);
    if (result.ok) {
      setClash(undefined);
      return onUploaded(result.value);
    }
    setUploadError(result.error);
    setClash(result.error.code === 'KFS909' && !newVersionOf ? name.trim() || document.name : undefined);
  };

  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) => {
    setSchedule((s) => ({ ...s, [key]: value }));
    setShown((s) => ({ ...s, [key]: undefined }));
  };
  const id = (key: keyof ScheduleForm) => `${uid}-${key}`;
  const invalid = (key: keyof ScheduleForm) => (shown[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${id(key)}-error` } : {});
  const problem = (key: keyof ScheduleForm) => (shown[key] ? <p className="kfs-error-text" id={`${id(key)}-error`}>{shown[key]}</p> : null);

  const create = async () => {
    const { fields, errors } = readScheduleForm(schedule);
    setShown(errors);
    if (!fields || parametersWrong || creating) return;
    setCreating(true);
    setScheduleError(undefined);
    const source = uploaded ? { pipelineVersion: { pipelineId: uploaded.pipelineId, versionId: uploaded.versionId } } : { document };
    const result = await host.recurringRunCreate({ target, ...source, ...fields, parameters, ...(experimentId ? { experimentId } : {}) });
    setCreating(false);
    if (!result.ok) return setScheduleError(result.error);
    onScheduled(fields.displayName);
  };

  return (
    <fieldset className="kfs-run-cluster">
      <legend>On {target}</legend>
      <div className="kfs-run-cluster-buttons">
        <label htmlFor={`${uid}-pipeline-name`}>Pipeline name</label>
        <input id={`${uid}-pipeline-name`} value={name} onChange={(e) => { setName(e.target.value); setClash(undefined); }} />
        <button type="button" disabled={uploading} onClick={() => void upload()}>{uploading ? 'Uploading…' : 'Upload pipeline'}</button>
        {clash ? <button type="button" disabled={uploading} onClick={() => void upload(clash)}>Upload as new version</button> : null}
        <button type="button" aria-label="Schedule" aria-expanded={scheduling} onClick={() => setScheduling((s) => !s)}>Schedule…</button>
      </div>
      {uploadError ? <p className="kfs-error-text" role="alert">{errorText(uploadError)}{clash ? ` Upload it as a new version of "${clash}" instead?` : ''}</p> : null}
      {uploaded ? (
        <p className="kfs-cluster-ok" role="status">
          Uploaded {uploaded.newVersion ? 'a new version of ' : ''}pipeline {uploaded.name} (version {uploaded.versionId}). Runs and schedules from here use this version.
        </p>
      ) : null}
      {scheduling ? (
        <div className="kfs-schedule" role="group" aria-label="Schedule">
          <div className="kfs-schedule-row">
            <div className="kfs-cluster-field">
              <label htmlFor={id('displayName')}>Schedule name</label>
              <input id={id('displayName')} value={schedule.displayName} onChange={(e) => set('displayName', e.target.value)} {...invalid('displayName')} />
              {problem('displayName')}
            </div>
            <div className="kfs-cluster-field">
              <label htmlFor={id('trigger')}>Trigger</label>
              <select id={id('trigger')} value={schedule.trigger} onChange={(e) => set('trigger', e.target.value as ScheduleForm['trigger'])}>
                <option value="cron">Cron</option>
                <option value="interval">Every…</option>
              </select>
            </div>
          </div>
          {schedule.trigger === 'cron' ? (
            <div className="kfs-cluster-field">
              <label htmlFor={id('cron')}>Cron (minute hour day month weekday)</label>
              <input id={id('cron')} value={schedule.cron} placeholder="0 2 * * *" onChange={(e) => set('cron', e.target.value)} {...invalid('cron')} />
              {problem('cron')}
            </div>
          ) : (
            <div className="kfs-schedule-row">
              <div className="kfs-cluster-field">
                <label htmlFor={id('interval')}>Interval</label>
                <input id={id('interval')} inputMode="numeric" value={schedule.interval} onChange={(e) => set('interval', e.target.value)} {...invalid('interval')} />
                {problem('interval')}
              </div>
              <div className="kfs-cluster-field">
                <label htmlFor={id('unit')}>Unit</label>
                <select id={id('unit')} value={schedule.unit} onChange={(e) => set('unit', e.target.value as IntervalUnit)}>
                  <option value="minutes">minutes</option>
                  <option value="hours">hours</option>
                  <option value="days">days</option>
                </select>
              </div>
            </div>
          )}
          <div className="kfs-schedule-row">
            <div className="kfs-cluster-field">
              <label htmlFor={id('maxConcurrency')}>Max concurrent runs</label>
              <input id={id('maxConcurrency')} type="number" min={1} max={10} value={schedule.maxConcurrency} onChange={(e) => set('maxConcurrency', e.target.value)} {...invalid('maxConcurrency')} />
              {problem('maxConcurrency')}
            </div>
            <div className="kfs-cluster-field">
              <label htmlFor={id('start')}>Start (optional)</label>
              <input id={id('start')} type="datetime-local" value={schedule.start} onChange={(e) => set('start', e.target.value)} {...invalid('start')} />
              {problem('start')}
            </div>
            <div className="kfs-cluster-field">
              <label htmlFor={id('end')}>End (optional)</label>
              <input id={id('end')} type="datetime-local" value={schedule.end} onChange={(e) => set('end', e.target.value)} {...invalid('end')} />
              {problem('end')}
            </div>
          </div>
          <label>
            <input type="checkbox" checked={schedule.catchup} onChange={(e) => set('catchup', e.target.checked)} /> Catch up on runs missed while paused
          </label>
          {parametersWrong ? <p className="kfs-error-text">Fix the parameters above first: the schedule runs with them.</p> : null}
          {scheduleError ? <p className="kfs-error-text" role="alert">{errorText(scheduleError)}</p> : null}
          <div>
            <button type="button" className="kfs-primary" disabled={creating || parametersWrong} onClick={() => void create()}>{creating ? 'Creating…' : 'Create schedule'}</button>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
