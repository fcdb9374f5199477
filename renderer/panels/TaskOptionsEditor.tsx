// The selected task's run options: caching, retries, resources and accelerator, env vars, secrets, volumes, node
// selector, tolerations, image pull policy. Each edit is one setTaskOptions change; the validator (KFS205) checks it live.
import { useState } from 'react';
import type { Diagnostic } from '../../shared/errors/codes';
import type { PvcMount, SecretUse, Task, TaskOptions, Toleration } from '../../shared/model/document';
import { IMAGE_PULL_POLICIES } from '../../shared/model/document';
import { useDiagnostics } from '../editing/diagnostics-context';
import { useEditor } from '../store/editor-context';
import { selectApply } from '../store/selectors';
import { OptionSelect, OptionText, RowList } from './option-fields';

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
  const problems = diagnostics.filter((d: Diagnostic) => d.location.task === task.id && d.location.graph === undefined && d.location.field?.startsWith('options'));

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
  const nodeSelector = Object.entries(options.nodeSelector ?? {});

  return (
    <section className="kfs-task-options" aria-label="Task options">
      <h4>Options</h4>
      <label className="kfs-inline">
        <input type="checkbox" aria-label="Caching" checked={options.caching !== false} onChange={(e) => put('caching', e.target.checked ? undefined : false)} />
        Use cached results
      </label>
      <div className="kfs-option-grid">
        <OptionText label="Retries" value={retry ? String(retry.maxRetryCount) : ''} placeholder="0" onCommit={(t) => number('Retries', t, (n) => (n === undefined ? put('retry', undefined) : setRetry({ maxRetryCount: n })))} />
        <OptionText label="Retry backoff" value={retry?.backoffDuration ?? ''} placeholder="60s" onCommit={(t) => setRetry({ backoffDuration: t || undefined })} />
        <OptionText label="Backoff factor" value={retry?.backoffFactor !== undefined ? String(retry.backoffFactor) : ''} placeholder="2" onCommit={(t) => number('Backoff factor', t, (n) => setRetry({ backoffFactor: n }))} />
        <OptionText label="Maximum backoff" value={retry?.backoffMaxDuration ?? ''} placeholder="3600s" onCommit={(t) => setRetry({ backoffMaxDuration: t || undefined })} />
        <OptionText label="CPU request" value={resources.cpuRequest ?? ''} placeholder="500m" onCommit={(t) => setResources({ cpuRequest: t || undefined })} />
        <OptionText label="CPU limit" value={resources.cpuLimit ?? ''} placeholder="2" onCommit={(t) => setResources({ cpuLimit: t || undefined })} />
        <OptionText label="Memory request" value={resources.memoryRequest ?? ''} placeholder="1Gi" onCommit={(t) => setResources({ memoryRequest: t || undefined })} />
        <OptionText label="Memory limit" value={resources.memoryLimit ?? ''} placeholder="4Gi" onCommit={(t) => setResources({ memoryLimit: t || undefined })} />
        <OptionText
          label="Accelerator type"
          value={resources.accelerator?.type ?? ''}
          placeholder="nvidia.com/gpu"
          onCommit={(t) => setResources({ accelerator: t || resources.accelerator?.count ? { type: t, count: resources.accelerator?.count ?? 1 } : undefined })}
        />
        <OptionText
          label="Accelerator count"
          value={resources.accelerator ? String(resources.accelerator.count) : ''}
          placeholder="1"
          onCommit={(t) => number('Accelerator count', t, (n) => setResources({ accelerator: n === undefined ? undefined : { type: resources.accelerator?.type ?? '', count: n } }))}
        />
        <OptionSelect
          label="Image pull policy"
          value={options.imagePullPolicy ?? ''}
          choices={[{ value: '', label: 'Cluster default' }, ...IMAGE_PULL_POLICIES.map((p) => ({ value: p, label: p }))]}
          onChange={(v) => put('imagePullPolicy', v || undefined)}
        />
      </div>
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
            <OptionText label={`Environment variable ${i + 1} name`} value={row.name} onCommit={(name) => update({ ...row, name })} />
            <OptionText label={`Environment variable ${i + 1} value`} value={row.value} onCommit={(value) => update({ ...row, value })} />
          </>
        )}
      />
      <RowList<SecretUse>
        title="Secrets"
        noun="secret"
        rows={options.secrets ?? []}
        blank={{ kind: 'env', secretName: '', key: '', envVar: '' }}
        onChange={(rows) => put('secrets', rows)}
        renderRow={(row, i, update) => (
          <>
            <OptionSelect
              label={`Secret ${i + 1} use`}
              value={row.kind}
              choices={[
                { value: 'env', label: 'as env var' },
                { value: 'volume', label: 'as volume' },
              ]}
              onChange={(kind) => update(kind === 'volume' ? { kind: 'volume', secretName: row.secretName, mountPath: '' } : { kind: 'env', secretName: row.secretName, key: '', envVar: '' })}
            />
            <OptionText label={`Secret ${i + 1} name`} value={row.secretName} onCommit={(secretName) => update({ ...row, secretName })} />
            {row.kind === 'env' ? (
              <>
                <OptionText label={`Secret ${i + 1} key`} value={row.key} onCommit={(key) => update({ ...row, key })} />
                <OptionText label={`Secret ${i + 1} env var`} value={row.envVar} onCommit={(envVar) => update({ ...row, envVar })} />
              </>
            ) : (
              <OptionText label={`Secret ${i + 1} mount path`} value={row.mountPath} onCommit={(mountPath) => update({ ...row, mountPath })} />
            )}
          </>
        )}
      />
      <RowList<PvcMount>
        title="Volumes"
        noun="volume"
        rows={options.pvcs ?? []}
        blank={{ pvcName: '', mountPath: '' }}
        onChange={(rows) => put('pvcs', rows)}
        renderRow={(row, i, update) => (
          <>
            <OptionText label={`Volume ${i + 1} claim`} value={row.pvcName} placeholder="my-pvc" onCommit={(pvcName) => update({ ...row, pvcName })} />
            <OptionText label={`Volume ${i + 1} mount path`} value={row.mountPath} placeholder="/data" onCommit={(mountPath) => update({ ...row, mountPath })} />
          </>
        )}
      />
      <RowList<[string, string]>
        title="Node selector"
        noun="node label"
        rows={nodeSelector}
        blank={['', '']}
        onChange={(rows) => put('nodeSelector', rows.length ? Object.fromEntries(rows) : undefined)}
        renderRow={(row, i, update) => (
          <>
            <OptionText label={`Node label ${i + 1} key`} value={row[0]} onCommit={(key) => update([key, row[1]])} />
            <OptionText label={`Node label ${i + 1} value`} value={row[1]} onCommit={(value) => update([row[0], value])} />
          </>
        )}
      />
      <RowList<Toleration>
        title="Tolerations"
        noun="toleration"
        rows={options.tolerations ?? []}
        blank={{ operator: 'Equal' }}
        onChange={(rows) => put('tolerations', rows)}
        renderRow={(row, i, update) => (
          <>
            <OptionText label={`Toleration ${i + 1} key`} value={row.key ?? ''} onCommit={(key) => update(clean({ ...row, key }) ?? {})} />
            <OptionSelect
              label={`Toleration ${i + 1} operator`}
              value={row.operator ?? ''}
              choices={[
                { value: 'Equal', label: 'Equal' },
                { value: 'Exists', label: 'Exists' },
              ]}
              onChange={(operator) => update(clean({ ...row, operator: operator || undefined }) ?? {})}
            />
            <OptionText label={`Toleration ${i + 1} value`} value={row.value ?? ''} onCommit={(value) => update(clean({ ...row, value }) ?? {})} />
            <OptionSelect
              label={`Toleration ${i + 1} effect`}
              value={row.effect ?? ''}
              choices={[{ value: '', label: 'any effect' }, ...(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const).map((e) => ({ value: e, label: e }))]}
              onChange={(effect) => update(clean({ ...row, effect: effect || undefined }) ?? {})}
            />
          </>
        )}
      />
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
  );
}
