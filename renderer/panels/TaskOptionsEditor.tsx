// The selected task's run options: caching and cache key, running after upstream failures, retries, time limit,
// resources and accelerator, image pull policy, env vars, secrets, volumes, config maps, pod fields, labels,
// annotations, image pull secrets, node selector, tolerations. Each edit is one setTaskOptions change (one undo
// step); the validator checks it live: each problem shows beside the field it is about, and all are listed below.
import { useMemo, useState } from 'react';
import type { Task, TaskOptions, Toleration } from '../../shared/model/document';
import { IMAGE_PULL_POLICIES } from '../../shared/model/document';
import { useDiagnostics } from '../editing/diagnostics';
import { useEditor } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { MountOptionsEditor, NameFrom } from './MountOptionsEditor';
import { KeyValueRows, OptionCheck, OptionGroup, OptionProblemsContext, OptionSelect, OptionText, problemsByField, RowList } from './option-fields';
import { runOptionsSummary } from './option-summary';
import { PodOptionsEditor } from './PodOptionsEditor';
import { ResourceSourcesEditor } from './ResourceSourcesEditor';
import { JSON_SOURCES, SchedulingOptionsEditor } from './SchedulingOptionsEditor';

type Resources = NonNullable<TaskOptions['resources']>;

/** Drops empty values so the document holds only what was set. */
function clean<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

function withOption<K extends keyof TaskOptions>(options: TaskOptions, key: K, value: TaskOptions[K] | undefined): TaskOptions {
  const next = { ...options };
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

export function TaskOptionsEditor({ task }: { task: Task }) {
  const apply = useEditor(selectApply);
  const diagnostics = useDiagnostics();
  const [numberProblem, setNumberProblem] = useState<string | undefined>();
  const options = task.options;
  const set = (next: TaskOptions) => apply([{ type: 'setTaskOptions', id: task.id, options: next }]);
  const put = <K extends keyof TaskOptions>(key: K, value: TaskOptions[K] | undefined) => set(withOption(options, key, value));
  const byField = useMemo(() => problemsByField(diagnostics, task.id), [diagnostics, task.id]);
  const problems = [...byField.values()].flat();

  const number = (label: string, text: string, commit: (n: number | undefined) => void) => {
    if (text.trim() === '') return commit(undefined);
    const n = Number(text);
    if (!Number.isFinite(n)) return setNumberProblem(`${label}: "${text}" is not a number.`);
    setNumberProblem(undefined);
    commit(n);
  };
  const retry = options.retry;
  const setRetry = (patch: Partial<NonNullable<TaskOptions['retry']>>) => {
    const next = clean({ ...(retry ?? { maxRetryCount: 0 }), ...patch });
    put('retry', next && next.maxRetryCount !== undefined ? next : undefined);
  };
  const resources = options.resources ?? {};
  const setResources = (patch: Partial<Resources>) => put('resources', clean({ ...resources, ...patch }));

  return (
    <OptionProblemsContext.Provider value={byField}>
      <section className="kfs-task-options" aria-label="Task options">
        <h4>Options</h4>
        <OptionGroup title="Caching, retries and resources" summary={runOptionsSummary(options)}>
          <label className="kfs-inline">
            <input type="checkbox" aria-label="Caching" checked={options.caching !== false} onChange={(e) => put('caching', e.target.checked ? undefined : false)} />
            Use cached results
          </label>
          <OptionCheck label="Run even if upstream tasks failed" checked={options.ignoreUpstreamFailure === true} field="options.ignoreUpstreamFailure" onChange={(on) => put('ignoreUpstreamFailure', on || undefined)} />
          <div className="kfs-option-grid">
            <OptionText label="Cache key" value={options.cacheKey ?? ''} placeholder="from the inputs" field="options.cacheKey" onCommit={(t) => put('cacheKey', t || undefined)} />
            <OptionText
              label="Time limit (seconds)"
              value={options.activeDeadlineSeconds !== undefined ? String(options.activeDeadlineSeconds) : ''}
              placeholder="no limit"
              field="options.activeDeadlineSeconds"
              onCommit={(t) => number('Time limit', t, (n) => put('activeDeadlineSeconds', n))}
            />
            <OptionText label="Retries" value={retry ? String(retry.maxRetryCount) : ''} placeholder="0" field="options.retry.maxRetryCount" onCommit={(t) => number('Retries', t, (n) => (n === undefined ? put('retry', undefined) : setRetry({ maxRetryCount: n })))} />
            <OptionText label="Retry backoff" value={retry?.backoffDuration ?? ''} placeholder="60s" field="options.retry.backoffDuration" onCommit={(t) => setRetry({ backoffDuration: t || undefined })} />
            <OptionText
              label="Backoff factor"
              value={retry?.backoffFactor !== undefined ? String(retry.backoffFactor) : ''}
              placeholder="2"
              field="options.retry.backoffFactor"
              onCommit={(t) => number('Backoff factor', t, (n) => setRetry({ backoffFactor: n }))}
            />
            <OptionText label="Maximum backoff" value={retry?.backoffMaxDuration ?? ''} placeholder="3600s" field="options.retry.backoffMaxDuration" onCommit={(t) => setRetry({ backoffMaxDuration: t || undefined })} />
            <OptionText label="CPU request" value={resources.cpuRequest ?? ''} placeholder="500m" field="options.resources.cpuRequest" onCommit={(t) => setResources({ cpuRequest: t || undefined })} />
            <OptionText label="CPU limit" value={resources.cpuLimit ?? ''} placeholder="2" field="options.resources.cpuLimit" onCommit={(t) => setResources({ cpuLimit: t || undefined })} />
            <OptionText label="Memory request" value={resources.memoryRequest ?? ''} placeholder="1Gi" field="options.resources.memoryRequest" onCommit={(t) => setResources({ memoryRequest: t || undefined })} />
            <OptionText label="Memory limit" value={resources.memoryLimit ?? ''} placeholder="4Gi" field="options.resources.memoryLimit" onCommit={(t) => setResources({ memoryLimit: t || undefined })} />
            <OptionText
              label="Accelerator type"
              value={resources.accelerator?.type ?? ''}
              placeholder="nvidia.com/gpu"
              field="options.resources.accelerator.type"
              onCommit={(t) => setResources({ accelerator: t || resources.accelerator?.count ? { type: t, count: resources.accelerator?.count ?? 1 } : undefined })}
            />
            <OptionText
              label="Accelerator count"
              value={resources.accelerator ? String(resources.accelerator.count) : ''}
              placeholder="1"
              field="options.resources.accelerator.count"
              onCommit={(t) => number('Accelerator count', t, (n) => setResources({ accelerator: n === undefined ? undefined : { type: resources.accelerator?.type ?? '', count: n } }))}
            />
            <OptionSelect
              label="Image pull policy"
              value={options.imagePullPolicy ?? ''}
              choices={[{ value: '', label: 'Cluster default' }, ...IMAGE_PULL_POLICIES.map((p) => ({ value: p, label: p }))]}
              field="options.imagePullPolicy"
              onChange={(v) => put('imagePullPolicy', v || undefined)}
            />
          </div>
        </OptionGroup>
        {numberProblem && (
          <p className="kfs-field-problem" role="alert">
            {numberProblem}
          </p>
        )}
        <RowList
          title="Environment variables"
          noun="environment variable"
          rows={options.env ?? []}
          blank={{ name: '', value: '' }}
          onChange={(rows) => put('env', rows)}
          renderRow={(row, i, update) => (
            <>
              <OptionText label={`Environment variable ${i + 1} name`} value={row.name} field={`options.env[${i}].name`} onCommit={(name) => update({ ...row, name })} />
              <OptionText label={`Environment variable ${i + 1} value`} value={row.value} field={`options.env[${i}].value`} onCommit={(value) => update({ ...row, value })} />
            </>
          )}
        />
        <ResourceSourcesEditor task={task} put={put} />
        <MountOptionsEditor task={task} put={put} />
        <PodOptionsEditor task={task} put={put} />
        <SchedulingOptionsEditor task={task} put={put} />
        <KeyValueRows title="Node selector" noun="node label" map={options.nodeSelector} field="options.nodeSelector" onChange={(map) => put('nodeSelector', map)} />
        <TolerationRows task={task} tolerations={options.tolerations ?? []} onChange={(rows) => put('tolerations', rows)} onNumber={number} />
        {problems.length > 0 && (
          <ul className="kfs-option-problems" aria-label="Option problems">
            {problems.map((d, i) => (
              <li key={i} className="kfs-field-problem">
                {d.code} {d.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </OptionProblemsContext.Provider>
  );
}

function TolerationRows({ task, tolerations, onChange, onNumber }: { task: Task; tolerations: Toleration[]; onChange: (rows: Toleration[]) => void; onNumber: (label: string, text: string, commit: (n: number | undefined) => void) => void }) {
  return (
    <RowList<Toleration>
      title="Tolerations"
      noun="toleration"
      rows={tolerations}
      blank={{ operator: 'Equal' }}
      onChange={onChange}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.tolerations[${i}].${f}`;
        const patch = (p: Partial<Toleration>) => update(clean({ ...row, ...p }) ?? {});
        const from = (
          <NameFrom
            label={`Toleration ${i + 1} JSON from`}
            task={task}
            value={row.fromJson}
            field={at('fromJson')}
            noneLabel="The fields typed here"
            accepts={JSON_SOURCES}
            onChange={(fromJson) => update(fromJson ? { fromJson } : { operator: 'Equal' })}
          />
        );
        if (row.fromJson) return from;
        return (
          <>
            {from}
            <OptionText label={`Toleration ${i + 1} key`} value={row.key ?? ''} field={at('key')} onCommit={(key) => patch({ key })} />
            <OptionSelect
              label={`Toleration ${i + 1} operator`}
              value={row.operator ?? ''}
              choices={[
                { value: 'Equal', label: 'Equal' },
                { value: 'Exists', label: 'Exists' },
              ]}
              field={at('operator')}
              onChange={(operator) => patch({ operator: operator || undefined })}
            />
            <OptionText label={`Toleration ${i + 1} value`} value={row.value ?? ''} field={at('value')} onCommit={(value) => patch({ value })} />
            <OptionSelect
              label={`Toleration ${i + 1} effect`}
              value={row.effect ?? ''}
              choices={[{ value: '', label: 'any effect' }, ...(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const).map((e) => ({ value: e, label: e }))]}
              field={at('effect')}
              onChange={(effect) => patch({ effect: effect || undefined })}
            />
            <OptionText
              label={`Toleration ${i + 1} seconds`}
              value={row.tolerationSeconds !== undefined ? String(row.tolerationSeconds) : ''}
              placeholder="forever"
              field={at('tolerationSeconds')}
              onCommit={(t) => onNumber(`Toleration ${i + 1} seconds`, t, (tolerationSeconds) => patch({ tolerationSeconds }))}
            />
          </>
        );
      }}
    />
  );
}
