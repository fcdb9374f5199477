// The selected task's scheduling and pod-shape settings (kfp-kubernetes' newer calls): node and pod affinity,
// ephemeral volumes, shared memory, the security context, init containers, and the node selector and image pull
// secrets taken from values at run time. Lists and rules are edited as one-line text (see scheduling-text.ts).
import type { Argument, EphemeralVolume, InitContainer, KfpType, NodeAffinityTerm, PodAffinityTerm, Task } from '../../shared/model/document';
import { NameFrom, type PutOption } from './MountOptionsEditor';
import { OptionCheck, OptionGroup, OptionText, RowList } from './option-fields';
import { listToText, mapToText, rulesToText, textToList, textToMap, textToRules } from './scheduling-text';

/** The types a Kubernetes JSON value may come from (a dict parameter, or its JSON text). */
export const JSON_SOURCES: readonly KfpType[] = [
  { kind: 'parameter', type: 'STRUCT' },
  { kind: 'parameter', type: 'STRING' },
];

/** The object without the keys whose value is undefined. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

function wholeNumber(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

function NodeAffinityRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<NodeAffinityTerm>
      title="Node affinity"
      noun="node affinity term"
      rows={task.options.nodeAffinity ?? []}
      blank={{ matchExpressions: [] }}
      onChange={(rows) => put('nodeAffinity', rows.length ? rows : undefined)}
      renderRow={(row, i, update) => {
        const at = `options.nodeAffinity[${i}]`;
        const label = `Node affinity ${i + 1}`;
        return (
          <>
            <NameFrom label={`${label} JSON from`} task={task} value={row.fromJson} field={`${at}.fromJson`} noneLabel="The rules typed here" accepts={JSON_SOURCES} onChange={(fromJson) => update(fromJson ? { fromJson } : { matchExpressions: [] })} />
            {!row.fromJson && (
              <>
                <OptionText label={`${label} rules`} value={rulesToText(row.matchExpressions)} placeholder="kubernetes.io/os In linux" field={`${at}.matchExpressions`} onCommit={(t) => update(defined({ ...row, matchExpressions: textToRules(t) }))} />
                <OptionText label={`${label} field rules`} value={rulesToText(row.matchFields)} placeholder="metadata.name NotIn node-7" field={`${at}.matchFields`} onCommit={(t) => update(defined({ ...row, matchFields: textToRules(t) }))} />
                <OptionText label={`${label} weight`} value={row.weight !== undefined ? String(row.weight) : ''} placeholder="required" field={`${at}.weight`} onCommit={(t) => update(defined({ ...row, weight: wholeNumber(t) }))} />
              </>
            )}
          </>
        );
      }}
    />
  );
}

function PodAffinityRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<PodAffinityTerm>
      title="Pod affinity and anti-affinity"
      noun="pod affinity term"
      rows={task.options.podAffinity ?? []}
      blank={{ topologyKey: 'kubernetes.io/hostname' }}
      onChange={(rows) => put('podAffinity', rows.length ? rows : undefined)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.podAffinity[${i}].${f}`;
        const label = `Pod affinity ${i + 1}`;
        const patch = (p: Partial<PodAffinityTerm>) => update(defined({ ...row, ...p }));
        return (
          <>
            <OptionCheck label={`${label} keeps away (anti-affinity)`} checked={row.anti === true} field={at('anti')} onChange={(on) => patch({ anti: on || undefined })} />
            <OptionText label={`${label} pod labels`} value={mapToText(row.matchPodLabels)} placeholder="app=train" field={at('matchPodLabels')} onCommit={(t) => patch({ matchPodLabels: textToMap(t) })} />
            <OptionText label={`${label} pod rules`} value={rulesToText(row.matchPodExpressions)} placeholder="tier In web" field={at('matchPodExpressions')} onCommit={(t) => patch({ matchPodExpressions: textToRules(t) })} />
            <OptionText label={`${label} topology key`} value={row.topologyKey ?? ''} placeholder="kubernetes.io/hostname" field={at('topologyKey')} onCommit={(t) => patch({ topologyKey: t || undefined })} />
            <OptionText label={`${label} namespaces`} value={listToText(row.namespaces)} placeholder="this namespace" field={at('namespaces')} onCommit={(t) => patch({ namespaces: textToList(t) })} />
            <OptionText label={`${label} namespace labels`} value={mapToText(row.matchNamespaceLabels)} field={at('matchNamespaceLabels')} onCommit={(t) => patch({ matchNamespaceLabels: textToMap(t) })} />
            <OptionText label={`${label} namespace rules`} value={rulesToText(row.matchNamespaceExpressions)} field={at('matchNamespaceExpressions')} onCommit={(t) => patch({ matchNamespaceExpressions: textToRules(t) })} />
            <OptionText label={`${label} weight`} value={row.weight !== undefined ? String(row.weight) : ''} placeholder="required" field={at('weight')} onCommit={(t) => patch({ weight: wholeNumber(t) })} />
          </>
        );
      }}
    />
  );
}

function EphemeralVolumeRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<EphemeralVolume>
      title="Ephemeral volumes"
      noun="ephemeral volume"
      rows={task.options.ephemeralVolumes ?? []}
      blank={{ volumeName: '', mountPath: '', accessModes: ['ReadWriteOnce'], size: '' }}
      onChange={(rows) => put('ephemeralVolumes', rows.length ? rows : undefined)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.ephemeralVolumes[${i}].${f}`;
        const label = `Ephemeral volume ${i + 1}`;
        const patch = (p: Partial<EphemeralVolume>) => update(defined({ ...row, ...p }));
        return (
          <>
            <OptionText label={`${label} name`} value={row.volumeName} placeholder="scratch" field={at('volumeName')} onCommit={(volumeName) => patch({ volumeName })} />
            <OptionText label={`${label} mount path`} value={row.mountPath} placeholder="/scratch" field={at('mountPath')} onCommit={(mountPath) => patch({ mountPath })} />
            <OptionText label={`${label} size`} value={row.size} placeholder="5Gi" field={at('size')} onCommit={(size) => patch({ size })} />
            <OptionText label={`${label} access modes`} value={listToText(row.accessModes)} placeholder="ReadWriteOnce" field={at('accessModes')} onCommit={(t) => patch({ accessModes: textToList(t) ?? [] })} />
            <OptionText label={`${label} storage class`} value={row.storageClassName ?? ''} placeholder="cluster default" field={at('storageClassName')} onCommit={(t) => patch({ storageClassName: t || undefined })} />
            <OptionText label={`${label} labels`} value={mapToText(row.labels)} field={at('labels')} onCommit={(t) => patch({ labels: textToMap(t) })} />
            <OptionText label={`${label} annotations`} value={mapToText(row.annotations)} field={at('annotations')} onCommit={(t) => patch({ annotations: textToMap(t) })} />
          </>
        );
      }}
    />
  );
}

function InitContainerRows({ task, put }: { task: Task; put: PutOption }) {
  return (
    <RowList<InitContainer>
      title="Init containers"
      noun="init container"
      rows={task.options.initContainers ?? []}
      blank={{ name: '', image: '' }}
      onChange={(rows) => put('initContainers', rows.length ? rows : undefined)}
      renderRow={(row, i, update) => {
        const at = (f: string) => `options.initContainers[${i}].${f}`;
        const label = `Init container ${i + 1}`;
        const patch = (p: Partial<InitContainer>) => update(defined({ ...row, ...p }));
        const env = Object.fromEntries((row.env ?? []).map((e) => [e.name, e.value]));
        const mounts = Object.fromEntries((row.volumeMounts ?? []).map((m) => [m.volumeName, m.mountPath]));
        return (
          <>
            <OptionText label={`${label} name`} value={row.name} placeholder="prepare" field={at('name')} onCommit={(name) => patch({ name })} />
            <OptionText label={`${label} image`} value={row.image} placeholder="busybox:1.36" field={at('image')} onCommit={(image) => patch({ image })} />
            <OptionText label={`${label} command`} value={JSON.stringify(row.command ?? [])} placeholder='["sh", "-c"]' field={at('command')} onCommit={(t) => patch({ command: jsonList(t) })} />
            <OptionText label={`${label} arguments`} value={JSON.stringify(row.args ?? [])} placeholder='["echo ready"]' field={at('args')} onCommit={(t) => patch({ args: jsonList(t) })} />
            <OptionText label={`${label} environment`} value={mapToText(env)} placeholder="STAGE=init" field={at('env')} onCommit={(t) => patch({ env: entries(textToMap(t)).map(([name, value]) => ({ name, value })) })} />
            <OptionText label={`${label} volume mounts`} value={mapToText(mounts)} placeholder="scratch=/work" field={at('volumeMounts')} onCommit={(t) => patch({ volumeMounts: entries(textToMap(t)).map(([volumeName, mountPath]) => ({ volumeName, mountPath })) })} />
            <OptionText label={`${label} requests`} value={mapToText(row.resourceRequests)} placeholder="cpu=100m" field={at('resourceRequests')} onCommit={(t) => patch({ resourceRequests: textToMap(t) })} />
            <OptionText label={`${label} limits`} value={mapToText(row.resourceLimits)} placeholder="memory=64Mi" field={at('resourceLimits')} onCommit={(t) => patch({ resourceLimits: textToMap(t) })} />
            <OptionCheck label={`${label} keeps running beside the step (sidecar)`} checked={row.restartPolicy === 'Always'} field={at('restartPolicy')} onChange={(on) => patch({ restartPolicy: on ? 'Always' : undefined })} />
          </>
        );
      }}
    />
  );
}

function entries(map: { [key: string]: string } | undefined): [string, string][] {
  return Object.entries(map ?? {});
}

/** A JSON list of strings, or the text split on spaces when it is not JSON. */
function jsonList(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return value.length ? value.map(String) : undefined;
  } catch {
    // Not JSON: words.
  }
  const words = text.split(/\s+/).filter(Boolean);
  return words.length ? words : undefined;
}

export function SchedulingOptionsEditor({ task, put }: { task: Task; put: PutOption }) {
  const options = task.options;
  const security = options.securityContext ?? {};
  const setSecurity = (patch: Partial<NonNullable<typeof options.securityContext>>) => {
    const next = defined({ ...security, ...patch });
    put('securityContext', Object.keys(next).length ? next : undefined);
  };
  return (
    <>
      <OptionGroup title="Security context and shared memory" summary={securitySummary(options)}>
        <fieldset className="kfs-option-rows" aria-label="Security context and shared memory">
          <OptionText label="Run as user" value={security.runAsUser !== undefined ? String(security.runAsUser) : ''} placeholder="image default" field="options.securityContext.runAsUser" onCommit={(t) => setSecurity({ runAsUser: wholeNumber(t) })} />
          <OptionText label="Run as group" value={security.runAsGroup !== undefined ? String(security.runAsGroup) : ''} placeholder="image default" field="options.securityContext.runAsGroup" onCommit={(t) => setSecurity({ runAsGroup: wholeNumber(t) })} />
          <OptionCheck label="Run as non-root" checked={security.runAsNonRoot === true} field="options.securityContext.runAsNonRoot" onChange={(on) => setSecurity({ runAsNonRoot: on || undefined })} />
          <OptionCheck label="Shared memory at /dev/shm" checked={options.sharedMemory !== undefined} field="options.sharedMemory.volumeName" onChange={(on) => put('sharedMemory', on ? { volumeName: 'shm', size: '' } : undefined)} />
          {options.sharedMemory && (
            <OptionText label="Shared memory size" value={options.sharedMemory.size} placeholder="no limit" field="options.sharedMemory.size" onCommit={(size) => put('sharedMemory', { ...options.sharedMemory!, size })} />
          )}
          <NameFrom label="Node selector JSON from" task={task} value={options.nodeSelectorFrom} field="options.nodeSelectorFrom" noneLabel="Only the typed labels" accepts={JSON_SOURCES} onChange={(from) => put('nodeSelectorFrom', from)} />
        </fieldset>
      </OptionGroup>
      <RowList<Argument>
        title="Image pull secrets from values"
        noun="image pull secret from a value"
        rows={options.imagePullSecretsFrom ?? []}
        blank={{ kind: 'constant', value: '' }}
        onChange={(rows) => put('imagePullSecretsFrom', rows.length ? rows : undefined)}
        renderRow={(row, i, update) => (
          <NameFrom
            label={`Image pull secret ${i + 1} from`}
            task={task}
            value={row.kind === 'constant' ? undefined : row}
            field={`options.imagePullSecretsFrom[${i}]`}
            noneLabel="Choose a value"
            onChange={(from) => update(from ?? { kind: 'constant', value: '' })}
          />
        )}
      />
      <NodeAffinityRows task={task} put={put} />
      <PodAffinityRows task={task} put={put} />
      <EphemeralVolumeRows task={task} put={put} />
      <InitContainerRows task={task} put={put} />
    </>
  );
}

/** The folded line of the security group: what is set, or "defaults". */
function securitySummary(options: Task['options']): string {
  const s = options.securityContext ?? {};
  const parts = [
    ...(s.runAsUser !== undefined ? [`user ${s.runAsUser}`] : []),
    ...(s.runAsGroup !== undefined ? [`group ${s.runAsGroup}`] : []),
    ...(s.runAsNonRoot ? ['non-root'] : []),
    ...(options.sharedMemory ? [`shared memory${options.sharedMemory.size ? ` ${options.sharedMemory.size}` : ''}`] : []),
    ...(options.nodeSelectorFrom ? ['node selector from a value'] : []),
  ];
  return parts.length ? parts.join(' · ') : 'defaults';
}
