// A task's `KubernetesExecutorConfig` (from the PlatformSpec) → model task options; fields the model cannot hold
// are refused so that nothing is dropped silently.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, ConfigMapUse, JsonValue, PvcMount, RunSettings, SecretUse, TaskOptions, Toleration, WorkspaceConfig } from '../model/document';
import { IMAGE_PULL_POLICIES } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { isMap, mapAt, stringAt } from './ir-ports.import';
import { SCHEDULING_FIELDS, schedulingFromKubernetes } from './ir-platform-scheduling.import';

const SUPPORTED = new Set([
  'secretAsEnv',
  'secretAsVolume',
  'pvcMount',
  'nodeSelector',
  'tolerations',
  'imagePullPolicy',
  'imagePullSecret',
  'podMetadata',
  'fieldPathAsEnv',
  'configMapAsEnv',
  'configMapAsVolume',
  'emptyDirMounts',
  'activeDeadlineSeconds',
  ...SCHEDULING_FIELDS,
]);

/** Refuses fields of a setting that the model would drop. */
function only(entry: IrMap, fields: readonly string[], what: string, where: Location): IrMap {
  for (const field of Object.keys(entry)) {
    if (!fields.includes(field)) throw new KfsError('KFS612', `${what} field "${field}" is not supported yet.`, { ...where, field });
  }
  return entry;
}

function stringMap(value: unknown, field: string, where: Location): { [key: string]: string } {
  const m = mapAt(value, field, where);
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(m)) out[k] = String(v);
  return out;
}

/** A name written as `<field>` and/or `<field>Parameter`: the plain name, or the value it comes from. */
function nameOf(entry: IrMap, field: string, resolve: (ref: unknown) => Argument, where: Location): { name: string; from?: Argument } {
  const name = typeof entry[field] === 'string' ? (entry[field] as string) : undefined;
  const param = entry[`${field}Parameter`];
  if (param === undefined) return { name: name ?? '' };
  const arg = resolve(param);
  if (arg.kind === 'constant' && typeof arg.value === 'string' && (name === undefined || name === arg.value)) {
    if (name === undefined) {
      throw new KfsError('KFS612', `A ${field} given only as a constant parameter is not supported.`, { ...where, field });
    }
    return { name };
  }
  return { name: name ?? '', from: arg };
}

function secretName(entry: IrMap, resolve: (ref: unknown) => Argument, where: Location): { secretName: string; secretNameFrom?: Argument } {
  const { name, from } = nameOf(entry, 'secretName', resolve, where);
  return from ? { secretName: name, secretNameFrom: from } : { secretName: name };
}

function configMapName(entry: IrMap, resolve: (ref: unknown) => Argument, where: Location): { configMapName: string; configMapNameFrom?: Argument } {
  const { name, from } = nameOf(entry, 'configMapName', resolve, where);
  return from ? { configMapName: name, configMapNameFrom: from } : { configMapName: name };
}

function list(value: unknown, field: string, where: Location): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KfsError('KFS610', `${field} must be a list.`, { ...where, field });
  return value;
}

export function optionsFromKubernetes(config: IrMap, resolve: (ref: unknown) => Argument, where: Location): TaskOptions {
  for (const field of Object.keys(config)) {
    if (!SUPPORTED.has(field)) throw new KfsError('KFS612', `Kubernetes setting "${field}" is not supported yet.`, { ...where, field });
  }
  const options: TaskOptions = {};
  const secrets: SecretUse[] = [];
  for (const raw of list(config.secretAsEnv, 'secretAsEnv', where)) {
    const entry = only(mapAt(raw, 'secretAsEnv[]', where), ['secretName', 'secretNameParameter', 'keyToEnv', 'optional'], 'secretAsEnv', where);
    const name = secretName(entry, resolve, where);
    for (const pair of list(entry.keyToEnv, 'keyToEnv', where)) {
      const p = only(mapAt(pair, 'keyToEnv[]', where), ['secretKey', 'envVar'], 'keyToEnv', where);
      secrets.push({
        kind: 'env',
        ...name,
        key: stringAt(p.secretKey, 'secretKey', where),
        envVar: stringAt(p.envVar, 'envVar', where),
        ...(entry.optional === true ? { optional: true } : {}),
      });
    }
  }
  for (const raw of list(config.secretAsVolume, 'secretAsVolume', where)) {
    const entry = only(mapAt(raw, 'secretAsVolume[]', where), ['secretName', 'secretNameParameter', 'mountPath', 'optional'], 'secretAsVolume', where);
    secrets.push({
      kind: 'volume',
      ...secretName(entry, resolve, where),
      mountPath: stringAt(entry.mountPath, 'mountPath', where),
      ...(entry.optional === true ? { optional: true } : {}),
    });
  }
  if (secrets.length) options.secrets = secrets;
  const pvcs = list(config.pvcMount, 'pvcMount', where).map((raw): PvcMount => {
    const entry = only(
      mapAt(raw, 'pvcMount[]', where),
      ['constant', 'componentInputParameter', 'taskOutputParameter', 'pvcNameParameter', 'mountPath', 'subPath'],
      'pvcMount',
      where,
    );
    const mount: PvcMount = { pvcName: '', mountPath: stringAt(entry.mountPath, 'mountPath', where) };
    if (typeof entry.subPath === 'string' && entry.subPath !== '') mount.subPath = entry.subPath;
    const param = entry.pvcNameParameter;
    const arg = param !== undefined ? resolve(param) : undefined;
    if (arg && !(arg.kind === 'constant' && arg.value === entry.constant)) mount.pvcNameFrom = arg;
    else if (typeof entry.constant === 'string') mount.pvcName = entry.constant;
    else throw new KfsError('KFS612', 'A PVC mount needs a claim name.', where);
    if (mount.pvcNameFrom?.kind === 'constant' && typeof mount.pvcNameFrom.value === 'string') {
      throw new KfsError('KFS612', 'A PVC named only by a constant parameter is not supported.', where);
    }
    return mount;
  });
  if (pvcs.length) options.pvcs = pvcs;
  const configMaps: ConfigMapUse[] = [];
  for (const raw of list(config.configMapAsEnv, 'configMapAsEnv', where)) {
    const entry = only(mapAt(raw, 'configMapAsEnv[]', where), ['configMapName', 'configMapNameParameter', 'keyToEnv', 'optional'], 'configMapAsEnv', where);
    const name = configMapName(entry, resolve, where);
    for (const pair of list(entry.keyToEnv, 'keyToEnv', where)) {
      const p = only(mapAt(pair, 'keyToEnv[]', where), ['configMapKey', 'envVar'], 'keyToEnv', where);
      configMaps.push({
        kind: 'env',
        ...name,
        key: stringAt(p.configMapKey, 'configMapKey', where),
        envVar: stringAt(p.envVar, 'envVar', where),
        ...(entry.optional === true ? { optional: true } : {}),
      });
    }
  }
  for (const raw of list(config.configMapAsVolume, 'configMapAsVolume', where)) {
    const entry = only(mapAt(raw, 'configMapAsVolume[]', where), ['configMapName', 'configMapNameParameter', 'mountPath', 'optional'], 'configMapAsVolume', where);
    configMaps.push({
      kind: 'volume',
      ...configMapName(entry, resolve, where),
      mountPath: stringAt(entry.mountPath, 'mountPath', where),
      ...(entry.optional === true ? { optional: true } : {}),
    });
  }
  if (configMaps.length) options.configMaps = configMaps;
  const emptyDirs = list(config.emptyDirMounts, 'emptyDirMounts', where).map((raw) => {
    const d = only(mapAt(raw, 'emptyDirMounts[]', where), ['volumeName', 'mountPath', 'medium', 'sizeLimit'], 'emptyDirMounts', where);
    return {
      volumeName: stringAt(d.volumeName, 'volumeName', where),
      mountPath: stringAt(d.mountPath, 'mountPath', where),
      ...(typeof d.medium === 'string' ? { medium: d.medium } : {}),
      ...(typeof d.sizeLimit === 'string' ? { sizeLimit: d.sizeLimit } : {}),
    };
  });
  if (emptyDirs.length) options.emptyDirs = emptyDirs;
  if (config.activeDeadlineSeconds !== undefined) options.activeDeadlineSeconds = Number(config.activeDeadlineSeconds);
  if (config.nodeSelector !== undefined) {
    const selector = only(mapAt(config.nodeSelector, 'nodeSelector', where), ['labels', 'nodeSelectorJson'], 'nodeSelector', where);
    if (selector.labels !== undefined) options.nodeSelector = stringMap(selector.labels, 'labels', where);
    if (selector.nodeSelectorJson !== undefined) options.nodeSelectorFrom = resolve(selector.nodeSelectorJson);
  }
  const tolerations = list(config.tolerations, 'tolerations', where).map((raw) => {
    const t = only(mapAt(raw, 'tolerations[]', where), ['key', 'operator', 'value', 'effect', 'tolerationSeconds', 'tolerationJson'], 'toleration', where);
    if (t.tolerationJson !== undefined) return { fromJson: resolve(t.tolerationJson) };
    const out: Toleration = {};
    if (typeof t.key === 'string') out.key = t.key;
    if (t.operator === 'Equal' || t.operator === 'Exists') out.operator = t.operator;
    if (typeof t.value === 'string') out.value = t.value;
    if (t.effect === 'NoSchedule' || t.effect === 'PreferNoSchedule' || t.effect === 'NoExecute') out.effect = t.effect;
    if (t.tolerationSeconds !== undefined) out.tolerationSeconds = Number(t.tolerationSeconds);
    return out;
  });
  if (tolerations.length) options.tolerations = tolerations;
  if (config.imagePullPolicy !== undefined) {
    const policy = IMAGE_PULL_POLICIES.find((p) => p === config.imagePullPolicy);
    if (!policy) throw new KfsError('KFS610', `Unknown imagePullPolicy "${String(config.imagePullPolicy)}".`, where);
    options.imagePullPolicy = policy;
  }
  const pullSecrets: string[] = [];
  const pullSecretsFrom: Argument[] = [];
  for (const raw of list(config.imagePullSecret, 'imagePullSecret', where)) {
    const entry = only(mapAt(raw, 'imagePullSecret[]', where), ['secretName', 'secretNameParameter'], 'imagePullSecret', where);
    if (entry.secretNameParameter === undefined) pullSecrets.push(stringAt(entry.secretName, 'secretName', where));
    else {
      pullSecretsFrom.push(resolve(entry.secretNameParameter));
    }
  }
  if (pullSecrets.length) options.imagePullSecrets = pullSecrets;
  if (pullSecretsFrom.length) options.imagePullSecretsFrom = pullSecretsFrom;
  if (isMap(config.podMetadata)) {
    only(config.podMetadata, ['labels', 'annotations'], 'podMetadata', where);
    if (config.podMetadata.labels !== undefined) options.podLabels = stringMap(config.podMetadata.labels, 'labels', where);
    if (config.podMetadata.annotations !== undefined) options.podAnnotations = stringMap(config.podMetadata.annotations, 'annotations', where);
  }
  const fieldPathEnv = list(config.fieldPathAsEnv, 'fieldPathAsEnv', where).map((raw) => {
    const f = only(mapAt(raw, 'fieldPathAsEnv[]', where), ['name', 'fieldPath'], 'fieldPathAsEnv', where);
    return { name: stringAt(f.name, 'name', where), fieldPath: stringAt(f.fieldPath, 'fieldPath', where) };
  });
  if (fieldPathEnv.length) options.fieldPathEnv = fieldPathEnv;
  return { ...options, ...schedulingFromKubernetes(config, resolve, where) };
}

const RUN_SETTINGS = ['activeDeadlineSeconds', 'resourceTtlOnCompletion', 'resourceTtlOnSuccess', 'resourceTtlOnFailure'] as const;

export function pipelineConfigFromIr(pipelineConfig: unknown, where: Location): { workspace?: WorkspaceConfig; runSettings?: RunSettings } {
  const config = mapAt(pipelineConfig, 'pipelineConfig', where);
  const out: { workspace?: WorkspaceConfig; runSettings?: RunSettings } = {};
  for (const field of Object.keys(config)) {
    if (field !== 'workspace' && !(RUN_SETTINGS as readonly string[]).includes(field)) {
      throw new KfsError('KFS612', `Pipeline setting "${field}" is not supported yet.`, { ...where, field });
    }
  }
  const settings: RunSettings = {};
  for (const field of RUN_SETTINGS) if (config[field] !== undefined) settings[field] = Number(config[field]);
  if (Object.keys(settings).length) out.runSettings = settings;
  if (isMap(config.workspace)) {
    const ws = config.workspace;
    const workspace: WorkspaceConfig = { size: stringAt(ws.size, 'workspace.size', where) };
    if (isMap(ws.kubernetes) && isMap(ws.kubernetes.pvcSpecPatch)) workspace.pvcSpecPatch = ws.kubernetes.pvcSpecPatch as { [key: string]: JsonValue };
    out.workspace = workspace;
  }
  return out;
}
