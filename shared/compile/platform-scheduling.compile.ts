// The Kubernetes settings added by kfp-kubernetes' newer calls, written as `json_format.MessageToDict` writes its
// `KubernetesExecutorConfig` (lowerCamelCase, defaults left out, int64 as text): node and pod affinity, generic
// ephemeral volumes, shared memory, the security context, init containers, and the values taken at run time by
// `add_node_selector_json`, `add_toleration_json` and image pull secrets named by a value.
import type { Argument, NodeAffinityTerm, PodAffinityTerm, SelectorRequirement, TaskOptions } from '../model/document';
import type { ArgumentRef } from './platform.compile';
import type { IrObject } from './ir-types';

function requirements(list: SelectorRequirement[] | undefined): IrObject[] | undefined {
  if (!list?.length) return undefined;
  return list.map((r) => ({ key: r.key, operator: r.operator, ...(r.values?.length ? { values: [...r.values] } : {}) }));
}

function nonEmpty(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return map && Object.keys(map).length ? { ...map } : undefined;
}

/** Leaves out the keys whose value is undefined, as MessageToDict leaves out unset fields. */
function defined(object: { [key: string]: unknown }): IrObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as IrObject;
}

function nodeAffinityTerm(term: NodeAffinityTerm, refOf: ArgumentRef): IrObject {
  if (term.fromJson) return { nodeAffinityJson: refOf(term.fromJson) };
  return defined({ matchExpressions: requirements(term.matchExpressions), matchFields: requirements(term.matchFields), weight: term.weight || undefined });
}

function podAffinityTerm(term: PodAffinityTerm): IrObject {
  return defined({
    matchPodExpressions: requirements(term.matchPodExpressions),
    matchPodLabels: nonEmpty(term.matchPodLabels),
    topologyKey: term.topologyKey || undefined,
    namespaces: term.namespaces?.length ? [...term.namespaces] : undefined,
    matchNamespaceExpressions: requirements(term.matchNamespaceExpressions),
    matchNamespaceLabels: nonEmpty(term.matchNamespaceLabels),
    weight: term.weight || undefined,
    anti: term.anti || undefined,
  });
}

/** Adds the settings to `config` (a task's executor config being built). */
export function addSchedulingConfig(config: IrObject, options: TaskOptions, refOf: ArgumentRef): void {
  if (options.nodeSelectorFrom) {
    const selector = (config.nodeSelector as IrObject | undefined) ?? {};
    config.nodeSelector = { ...selector, nodeSelectorJson: refOf(options.nodeSelectorFrom) };
  }
  if (options.imagePullSecretsFrom?.length) {
    const literal = (config.imagePullSecret as IrObject[] | undefined) ?? [];
    config.imagePullSecret = [...literal, ...options.imagePullSecretsFrom.map((from: Argument) => secretNameParameter(from, refOf))];
  }
  if (options.nodeAffinity?.length) config.nodeAffinity = options.nodeAffinity.map((t) => nodeAffinityTerm(t, refOf));
  if (options.podAffinity?.length) config.podAffinity = options.podAffinity.map(podAffinityTerm);
  if (options.ephemeralVolumes?.length) {
    config.genericEphemeralVolume = options.ephemeralVolumes.map((v) => {
      const metadata = defined({ labels: nonEmpty(v.labels), annotations: nonEmpty(v.annotations) });
      return defined({
        volumeName: v.volumeName,
        mountPath: v.mountPath,
        accessModes: v.accessModes.length ? [...v.accessModes] : undefined,
        size: v.size || undefined,
        defaultStorageClass: v.storageClassName === undefined ? true : undefined,
        storageClassName: v.storageClassName || undefined,
        metadata: Object.keys(metadata).length ? metadata : undefined,
      });
    });
  }
  if (options.sharedMemory) config.enabledSharedMemory = defined({ volumeName: options.sharedMemory.volumeName || undefined, size: options.sharedMemory.size || undefined });
  const security = options.securityContext;
  if (security) {
    config.securityContext = defined({
      runAsUser: security.runAsUser !== undefined ? String(security.runAsUser) : undefined,
      runAsGroup: security.runAsGroup !== undefined ? String(security.runAsGroup) : undefined,
      runAsNonRoot: security.runAsNonRoot || undefined,
    });
  }
  if (options.initContainers?.length) {
    config.initContainers = options.initContainers.map((c) => {
      const resources = defined({ requests: nonEmpty(c.resourceRequests), limits: nonEmpty(c.resourceLimits) });
      return defined({
        name: c.name,
        image: c.image,
        command: c.command?.length ? [...c.command] : undefined,
        args: c.args?.length ? [...c.args] : undefined,
        env: c.env?.length ? c.env.map((e) => ({ name: e.name, value: e.value })) : undefined,
        volumeMounts: c.volumeMounts?.length ? c.volumeMounts.map((m) => ({ volumeName: m.volumeName, mountPath: m.mountPath })) : undefined,
        restartPolicy: c.restartPolicy || undefined,
        resources: Object.keys(resources).length ? resources : undefined,
      });
    });
  }
}

/** A pull secret named by a value: only the parameter (a constant text is written as kfp-kubernetes writes a name). */
function secretNameParameter(from: Argument, refOf: ArgumentRef): IrObject {
  if (from.kind === 'constant' && typeof from.value === 'string') return { secretName: from.value, secretNameParameter: { runtimeValue: { constant: from.value } } };
  return { secretNameParameter: refOf(from) };
}

/** Every value a task's Kubernetes settings take at run time: each is a connection like an input's. */
export function platformValuesOf(options: TaskOptions): Argument[] {
  // Filled in place: this runs for every task compiled or imported, and most tasks have none of these settings.
  const values: Argument[] = [];
  if (options.secrets) for (const s of options.secrets) if (s.secretNameFrom !== undefined) values.push(s.secretNameFrom);
  if (options.configMaps) for (const c of options.configMaps) if (c.configMapNameFrom !== undefined) values.push(c.configMapNameFrom);
  if (options.pvcs) for (const p of options.pvcs) if (p.pvcNameFrom !== undefined) values.push(p.pvcNameFrom);
  if (options.nodeSelectorFrom !== undefined) values.push(options.nodeSelectorFrom);
  if (options.imagePullSecretsFrom) for (const v of options.imagePullSecretsFrom) if (v !== undefined) values.push(v);
  if (options.tolerations) for (const t of options.tolerations) if (t.fromJson !== undefined) values.push(t.fromJson);
  if (options.nodeAffinity) for (const t of options.nodeAffinity) if (t.fromJson !== undefined) values.push(t.fromJson);
  return values;
}
