// The Kubernetes settings of kfp-kubernetes' newer calls (see platform-scheduling.compile.ts) read back into task
// options. A field the model cannot hold is refused by name (KFS612), never dropped.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, EphemeralVolume, InitContainer, NodeAffinityTerm, PodAffinityTerm, SelectorRequirement, TaskOptions } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { mapAt, stringAt } from './ir-ports.import';

export const SCHEDULING_FIELDS = ['nodeAffinity', 'podAffinity', 'genericEphemeralVolume', 'enabledSharedMemory', 'securityContext', 'initContainers'] as const;

function only(entry: unknown, fields: readonly string[], what: string, where: Location): IrMap {
  const map = mapAt(entry, what, where);
  for (const field of Object.keys(map)) {
    if (!fields.includes(field)) throw new KfsError('KFS612', `${what} field "${field}" is not supported yet.`, { ...where, field });
  }
  return map;
}

function list(value: unknown, field: string, where: Location): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KfsError('KFS610', `${field} must be a list.`, { ...where, field });
  return value;
}

function strings(value: unknown, field: string, where: Location): string[] {
  return list(value, field, where).map((v) => stringAt(v, field, where));
}

function stringMap(value: unknown, field: string, where: Location): { [key: string]: string } | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(mapAt(value, field, where)).map(([k, v]) => [k, String(v)]));
}

/** An int64 as protobuf JSON writes it (text) or a number. */
function integer(value: unknown, field: string, where: Location): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new KfsError('KFS610', `${field} must be a whole number.`, { ...where, field });
  return n;
}

function requirements(value: unknown, field: string, where: Location): SelectorRequirement[] | undefined {
  if (value === undefined) return undefined;
  return list(value, field, where).map((raw) => {
    const r = only(raw, ['key', 'operator', 'values'], field, where);
    const values = strings(r.values, `${field}.values`, where);
    return { key: stringAt(r.key ?? '', 'key', where), operator: stringAt(r.operator ?? '', 'operator', where), ...(values.length ? { values } : {}) };
  });
}

/** Leaves out undefined values, so the options hold only what the IR said. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

export function schedulingFromKubernetes(config: IrMap, resolve: (ref: unknown) => Argument, where: Location): TaskOptions {
  const options: TaskOptions = {};
  const nodeAffinity = list(config.nodeAffinity, 'nodeAffinity', where).map((raw): NodeAffinityTerm => {
    const t = only(raw, ['matchExpressions', 'matchFields', 'weight', 'nodeAffinityJson'], 'nodeAffinity', where);
    if (t.nodeAffinityJson !== undefined) return { fromJson: resolve(t.nodeAffinityJson) };
    return defined({ matchExpressions: requirements(t.matchExpressions, 'matchExpressions', where), matchFields: requirements(t.matchFields, 'matchFields', where), weight: integer(t.weight, 'weight', where) });
  });
  if (nodeAffinity.length) options.nodeAffinity = nodeAffinity;
  const podFields = ['matchPodExpressions', 'matchPodLabels', 'topologyKey', 'namespaces', 'matchNamespaceExpressions', 'matchNamespaceLabels', 'weight', 'anti'];
  const podAffinity = list(config.podAffinity, 'podAffinity', where).map((raw): PodAffinityTerm => {
    const t = only(raw, podFields, 'podAffinity', where);
    const namespaces = strings(t.namespaces, 'namespaces', where);
    return defined({
      matchPodExpressions: requirements(t.matchPodExpressions, 'matchPodExpressions', where),
      matchPodLabels: stringMap(t.matchPodLabels, 'matchPodLabels', where),
      topologyKey: typeof t.topologyKey === 'string' ? t.topologyKey : undefined,
      namespaces: namespaces.length ? namespaces : undefined,
      matchNamespaceExpressions: requirements(t.matchNamespaceExpressions, 'matchNamespaceExpressions', where),
      matchNamespaceLabels: stringMap(t.matchNamespaceLabels, 'matchNamespaceLabels', where),
      weight: integer(t.weight, 'weight', where),
      anti: t.anti === true ? true : undefined,
    });
  });
  if (podAffinity.length) options.podAffinity = podAffinity;
  const volumeFields = ['volumeName', 'mountPath', 'accessModes', 'size', 'defaultStorageClass', 'storageClassName', 'metadata'];
  const ephemeral = list(config.genericEphemeralVolume, 'genericEphemeralVolume', where).map((raw): EphemeralVolume => {
    const v = only(raw, volumeFields, 'genericEphemeralVolume', where);
    const metadata = v.metadata === undefined ? {} : only(v.metadata, ['labels', 'annotations'], 'genericEphemeralVolume.metadata', where);
    const storageClassName = typeof v.storageClassName === 'string' && v.storageClassName !== '' ? v.storageClassName : undefined;
    if (storageClassName === undefined && v.defaultStorageClass !== true) {
      throw new KfsError('KFS612', 'An ephemeral volume with neither a storage class nor the default one is not supported.', { ...where, field: 'defaultStorageClass' });
    }
    return defined({
      volumeName: stringAt(v.volumeName ?? '', 'volumeName', where),
      mountPath: stringAt(v.mountPath ?? '', 'mountPath', where),
      accessModes: strings(v.accessModes, 'accessModes', where),
      size: typeof v.size === 'string' ? v.size : '',
      storageClassName,
      labels: stringMap(metadata.labels, 'labels', where),
      annotations: stringMap(metadata.annotations, 'annotations', where),
    });
  });
  if (ephemeral.length) options.ephemeralVolumes = ephemeral;
  if (config.enabledSharedMemory !== undefined) {
    const shm = only(config.enabledSharedMemory, ['volumeName', 'size'], 'enabledSharedMemory', where);
    options.sharedMemory = { volumeName: typeof shm.volumeName === 'string' ? shm.volumeName : '', size: typeof shm.size === 'string' ? shm.size : '' };
  }
  if (config.securityContext !== undefined) {
    const sc = only(config.securityContext, ['runAsUser', 'runAsGroup', 'runAsNonRoot'], 'securityContext', where);
    options.securityContext = defined({ runAsUser: integer(sc.runAsUser, 'runAsUser', where), runAsGroup: integer(sc.runAsGroup, 'runAsGroup', where), runAsNonRoot: sc.runAsNonRoot === true ? true : undefined });
  }
  const initFields = ['name', 'image', 'command', 'args', 'env', 'volumeMounts', 'restartPolicy', 'resources'];
  const inits = list(config.initContainers, 'initContainers', where).map((raw): InitContainer => {
    const c = only(raw, initFields, 'initContainers', where);
    const resources = c.resources === undefined ? {} : only(c.resources, ['requests', 'limits'], 'initContainers.resources', where);
    const command = strings(c.command, 'command', where);
    const args = strings(c.args, 'args', where);
    const env = list(c.env, 'env', where).map((e) => {
      const pair = only(e, ['name', 'value'], 'initContainers.env', where);
      return { name: stringAt(pair.name ?? '', 'name', where), value: typeof pair.value === 'string' ? pair.value : '' };
    });
    const mounts = list(c.volumeMounts, 'volumeMounts', where).map((m) => {
      const mount = only(m, ['volumeName', 'mountPath'], 'initContainers.volumeMounts', where);
      return { volumeName: stringAt(mount.volumeName ?? '', 'volumeName', where), mountPath: stringAt(mount.mountPath ?? '', 'mountPath', where) };
    });
    return defined({
      name: stringAt(c.name ?? '', 'name', where),
      image: stringAt(c.image ?? '', 'image', where),
      command: command.length ? command : undefined,
      args: args.length ? args : undefined,
      env: env.length ? env : undefined,
      volumeMounts: mounts.length ? mounts : undefined,
      restartPolicy: typeof c.restartPolicy === 'string' && c.restartPolicy !== '' ? c.restartPolicy : undefined,
      resourceRequests: stringMap(resources.requests, 'requests', where),
      resourceLimits: stringMap(resources.limits, 'limits', where),
    });
  });
  if (inits.length) options.initContainers = inits;
  return options;
}
