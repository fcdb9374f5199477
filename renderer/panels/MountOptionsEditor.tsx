// The selected task's secrets, volume claims, config maps and emptyDir volumes. A secret's, config map's or claim's
// name is typed in or taken at run time from a value (a String parameter, an upstream output, a loop item).
import { useMemo } from 'react';
import type { Argument, ConfigMapUse, KfpType, EmptyDirMount, PvcMount, SecretUse, Task, TaskOptions } from '../../shared/model/document';
import { useEditor } from '../store/editor-context';
import { selectDocument } from '../store/selectors';
import { nameSourceOptions, sourceValue } from '../../shared/edit/argument-source';
import { FieldProblems, OptionCheck, OptionSelect, OptionText, RowList } from './option-fields';

export type PutOption = <K extends keyof TaskOptions>(key: K, value: TaskOptions[K] | undefined) => void;

/** The row with `key` set to `value`, or without `key` when `value` is undefined or false. */
function withKey<T extends object, K extends keyof T>(row: T, key: K, value: T[K] | undefined): T {
  const next = { ...row };
  if (value === undefined || value === false) delete next[key];
  else next[key] = value;
  return next;
}

export function NameFrom({
  label,
  task,
  value,
  field,
  noneLabel,
  accepts,
  onChange,
}: {
  label: string;
  task: Task;
  value: Argument | undefined;
  field: string;
  /** The first choice (no value: the typed one is used); "Typed name" unless given. */
  noneLabel?: string;
  /** The types a source may have; a String unless given. */
  accepts?: readonly KfpType[];
  onChange: (a: Argument | undefined) => void;
}) {
  const document = useEditor(selectDocument);
  // As the input pickers: a drag (a layout change) must not recompute the choices.
  const { tasks, inputs, groups } = document.graph;
  const components = document.components;
  const options = useMemo(() => nameSourceOptions(document, task.id, value, accepts), [tasks, inputs, groups, components, task.id, value, accepts]);
  return (
    <label className="kfs-field kfs-option">
      <span>{label}</span>
      <select aria-label={label} value={sourceValue(value)} onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.argument ?? undefined)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value === 'none' && noneLabel ? noneLabel : o.label}
          </option>
        ))}
      </select>
      <FieldProblems field={field} />
    </label>
  );
}

function SecretRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<SecretUse>
      title="Secrets"
      noun="secret"
      rows={task.options.secrets ?? []}
      blank={{ kind: 'env', secretName: '', key: '', envVar: '' }}
      onChange={(rows) => put('secrets', rows)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.secrets[${i}].${f}`;
        const kept = { ...(row.secretNameFrom && { secretNameFrom: row.secretNameFrom }), ...(row.optional && { optional: true }) };
        return (
          <>
            <OptionSelect
              label={`Secret ${i + 1} use`}
              value={row.kind}
              choices={[
                { value: 'env', label: 'as env var' },
                { value: 'volume', label: 'as volume' },
              ]}
              onChange={(kind) => update(kind === 'volume' ? { kind: 'volume', secretName: row.secretName, mountPath: '', ...kept } : { kind: 'env', secretName: row.secretName, key: '', envVar: '', ...kept })}
            />
            <NameFrom label={`Secret ${i + 1} name from`} task={task} value={row.secretNameFrom} field={at('secretNameFrom')} onChange={(from) => update(withKey(row, 'secretNameFrom', from))} />
            {!row.secretNameFrom && <OptionText label={`Secret ${i + 1} name`} value={row.secretName} field={at('secretName')} onCommit={(secretName) => update({ ...row, secretName })} />}
            {row.kind === 'env' ? (
              <>
                <OptionText label={`Secret ${i + 1} key`} value={row.key} field={at('key')} onCommit={(key) => update({ ...row, key })} />
                <OptionText label={`Secret ${i + 1} env var`} value={row.envVar} field={at('envVar')} onCommit={(envVar) => update({ ...row, envVar })} />
              </>
            ) : (
              <OptionText label={`Secret ${i + 1} mount path`} value={row.mountPath} placeholder="/etc/secret" field={at('mountPath')} onCommit={(mountPath) => update({ ...row, mountPath })} />
            )}
            <OptionCheck label={`Secret ${i + 1} optional`} checked={row.optional === true} onChange={(optional) => update(withKey(row, 'optional', optional))} />
          </>
        );
      }}
    />
  );
}

function PvcRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<PvcMount>
      title="Volumes"
      noun="volume"
      rows={task.options.pvcs ?? []}
      blank={{ pvcName: '', mountPath: '' }}
      onChange={(rows) => put('pvcs', rows)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.pvcs[${i}].${f}`;
        return (
          <>
            <NameFrom label={`Volume ${i + 1} claim from`} task={task} value={row.pvcNameFrom} field={at('pvcNameFrom')} onChange={(from) => update(withKey(row, 'pvcNameFrom', from))} />
            {!row.pvcNameFrom && <OptionText label={`Volume ${i + 1} claim`} value={row.pvcName} placeholder="my-pvc" field={at('pvcName')} onCommit={(pvcName) => update({ ...row, pvcName })} />}
            <OptionText label={`Volume ${i + 1} mount path`} value={row.mountPath} placeholder="/data" field={at('mountPath')} onCommit={(mountPath) => update({ ...row, mountPath })} />
            <OptionText label={`Volume ${i + 1} sub path`} value={row.subPath ?? ''} placeholder="whole volume" field={at('subPath')} onCommit={(subPath) => update(withKey(row, 'subPath', subPath || undefined))} />
          </>
        );
      }}
    />
  );
}

function ConfigMapRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<ConfigMapUse>
      title="Config maps"
      noun="config map"
      rows={task.options.configMaps ?? []}
      blank={{ kind: 'env', configMapName: '', key: '', envVar: '' }}
      onChange={(rows) => put('configMaps', rows)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.configMaps[${i}].${f}`;
        const kept = { ...(row.configMapNameFrom && { configMapNameFrom: row.configMapNameFrom }), ...(row.optional && { optional: true }) };
        return (
          <>
            <OptionSelect
              label={`Config map ${i + 1} use`}
              value={row.kind}
              choices={[
                { value: 'env', label: 'as env var' },
                { value: 'volume', label: 'as volume' },
              ]}
              onChange={(kind) =>
                update(kind === 'volume' ? { kind: 'volume', configMapName: row.configMapName, mountPath: '', ...kept } : { kind: 'env', configMapName: row.configMapName, key: '', envVar: '', ...kept })
              }
            />
            <NameFrom label={`Config map ${i + 1} name from`} task={task} value={row.configMapNameFrom} field={at('configMapNameFrom')} onChange={(from) => update(withKey(row, 'configMapNameFrom', from))} />
            {!row.configMapNameFrom && <OptionText label={`Config map ${i + 1} name`} value={row.configMapName} field={at('configMapName')} onCommit={(configMapName) => update({ ...row, configMapName })} />}
            {row.kind === 'env' ? (
              <>
                <OptionText label={`Config map ${i + 1} key`} value={row.key} field={at('key')} onCommit={(key) => update({ ...row, key })} />
                <OptionText label={`Config map ${i + 1} env var`} value={row.envVar} field={at('envVar')} onCommit={(envVar) => update({ ...row, envVar })} />
              </>
            ) : (
              <OptionText label={`Config map ${i + 1} mount path`} value={row.mountPath} placeholder="/etc/config" field={at('mountPath')} onCommit={(mountPath) => update({ ...row, mountPath })} />
            )}
            <OptionCheck label={`Config map ${i + 1} optional`} checked={row.optional === true} onChange={(optional) => update(withKey(row, 'optional', optional))} />
          </>
        );
      }}
    />
  );
}

function EmptyDirRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<EmptyDirMount>
      title="Scratch volumes (emptyDir)"
      noun="scratch volume"
      rows={task.options.emptyDirs ?? []}
      blank={{ volumeName: '', mountPath: '' }}
      onChange={(rows) => put('emptyDirs', rows)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.emptyDirs[${i}].${f}`;
        return (
          <>
            <OptionText label={`Scratch volume ${i + 1} name`} value={row.volumeName} placeholder="scratch" field={at('volumeName')} onCommit={(volumeName) => update({ ...row, volumeName })} />
            <OptionText label={`Scratch volume ${i + 1} mount path`} value={row.mountPath} placeholder="/scratch" field={at('mountPath')} onCommit={(mountPath) => update({ ...row, mountPath })} />
            <OptionSelect
              label={`Scratch volume ${i + 1} medium`}
              value={row.medium ?? ''}
              choices={[
                { value: '', label: 'node disk' },
                { value: 'Memory', label: 'Memory' },
                { value: 'HugePages', label: 'HugePages' },
                ...(row.medium && !['Memory', 'HugePages'].includes(row.medium) ? [{ value: row.medium, label: row.medium }] : []),
              ]}
              field={at('medium')}
              onChange={(medium) => update(withKey(row, 'medium', medium || undefined))}
            />
            <OptionText label={`Scratch volume ${i + 1} size limit`} value={row.sizeLimit ?? ''} placeholder="no limit" field={at('sizeLimit')} onCommit={(sizeLimit) => update(withKey(row, 'sizeLimit', sizeLimit || undefined))} />
          </>
        );
      }}
    />
  );
}

export function MountOptionsEditor({ task, put }: { task: Task; put: PutOption }) {
  return (
    <>
      <SecretRows task={task} put={put} />
      <PvcRows task={task} put={put} />
      <ConfigMapRows task={task} put={put} />
      <EmptyDirRows task={task} put={put} />
    </>
  );
}
