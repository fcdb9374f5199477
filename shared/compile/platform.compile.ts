// Kubernetes settings of a task (secrets, volumes, node selection, pod metadata, ...) as the `KubernetesExecutorConfig`
// the kfp-kubernetes extension writes under `platforms.kubernetes.deploymentSpec.executors.<exec-name>`.
import type { Argument, ConfigMapUse, PipelineDocument, PvcMount, SecretUse, TaskOptions } from '../model/document';
import type { IrObject } from './ir-types';
import { addSchedulingConfig } from './platform-scheduling.compile';

export type ArgumentRef = (arg: Argument) => IrObject;

function secretNameFields(secret: SecretUse, refOf: ArgumentRef): IrObject {
  return nameFields(secret.secretNameFrom, secret.secretName, refOf, 'secretName');
}

/** `<field>` (when a plain name) and `<field>Parameter`, as kfp-kubernetes writes a name that may come from a value. */
function nameFields(from: Argument | undefined, name: string, refOf: ArgumentRef, field: string): IrObject {
  if (from && from.kind !== 'constant') return { [`${field}Parameter`]: refOf(from) };
  const value = from?.kind === 'constant' && typeof from.value === 'string' ? from.value : name;
  return { [field]: value, [`${field}Parameter`]: { runtimeValue: { constant: value } } };
}

function pvcMount(pvc: PvcMount, refOf: ArgumentRef): IrObject {
  const out: IrObject = { mountPath: pvc.mountPath };
  if (pvc.subPath) out.subPath = pvc.subPath;
  const from = pvc.pvcNameFrom;
  if (from && from.kind !== 'constant') {
    out.pvcNameParameter = refOf(from);
    // The deprecated oneof beside it, written as kfp-kubernetes writes it: the producer's output, or the parameter's name.
    if (from.kind === 'taskOutput') out.taskOutputParameter = { producerTask: from.task, outputParameterKey: from.output };
    else if (from.kind === 'graphInput') out.componentInputParameter = from.input;
  } else {
    const name = from?.kind === 'constant' && typeof from.value === 'string' ? from.value : pvc.pvcName;
    out.constant = name;
    out.pvcNameParameter = { runtimeValue: { constant: name } };
  }
  return out;
}

function sameConfigMap(a: ConfigMapUse, b: ConfigMapUse): boolean {
  return (
    a.configMapName === b.configMapName &&
    (a.optional ?? false) === (b.optional ?? false) &&
    JSON.stringify(a.configMapNameFrom ?? null) === JSON.stringify(b.configMapNameFrom ?? null)
  );
}

function sameSecret(a: SecretUse, b: SecretUse): boolean {
  return (
    a.secretName === b.secretName &&
    (a.optional ?? false) === (b.optional ?? false) &&
    JSON.stringify(a.secretNameFrom ?? null) === JSON.stringify(b.secretNameFrom ?? null)
  );
}

/** Task options that never reach the Kubernetes config: a task with no other option (most tasks) has none. */
const NOT_KUBERNETES: ReadonlySet<string> = new Set(['caching', 'cacheKey', 'retry', 'resources', 'env', 'ignoreUpstreamFailure']);

function mayHaveKubernetesConfig(options: TaskOptions): boolean {
  for (const key of Object.keys(options)) if (!NOT_KUBERNETES.has(key)) return true;
  return false;
}

export function kubernetesExecutorConfig(options: TaskOptions, refOf: ArgumentRef): IrObject | undefined {
  if (!mayHaveKubernetesConfig(options)) return undefined;
  const config: IrObject = {};
  const secretAsEnv: IrObject[] = [];
  const secretAsVolume: IrObject[] = [];
  let previous: SecretUse | undefined;
  for (const secret of options.secrets ?? []) {
    if (secret.kind === 'env') {
      const last = secretAsEnv.at(-1);
      if (last && previous?.kind === 'env' && sameSecret(previous, secret)) {
        (last.keyToEnv as IrObject[]).push({ envVar: secret.envVar, secretKey: secret.key });
      } else {
        secretAsEnv.push({
          ...secretNameFields(secret, refOf),
          keyToEnv: [{ envVar: secret.envVar, secretKey: secret.key }],
          optional: secret.optional ?? false,
        });
      }
    } else {
      secretAsVolume.push({ ...secretNameFields(secret, refOf), mountPath: secret.mountPath, optional: secret.optional ?? false });
    }
    previous = secret;
  }
  if (secretAsEnv.length) config.secretAsEnv = secretAsEnv;
  if (secretAsVolume.length) config.secretAsVolume = secretAsVolume;
  if (options.pvcs?.length) config.pvcMount = options.pvcs.map((pvc) => pvcMount(pvc, refOf));
  const configMapAsEnv: IrObject[] = [];
  const configMapAsVolume: IrObject[] = [];
  let previousMap: ConfigMapUse | undefined;
  for (const map of options.configMaps ?? []) {
    const name = nameFields(map.configMapNameFrom, map.configMapName, refOf, 'configMapName');
    if (map.kind === 'env') {
      const last = configMapAsEnv.at(-1);
      const pair = { configMapKey: map.key, envVar: map.envVar };
      if (last && previousMap?.kind === 'env' && sameConfigMap(previousMap, map)) (last.keyToEnv as IrObject[]).push(pair);
      else configMapAsEnv.push({ ...name, keyToEnv: [pair], ...(map.optional ? { optional: true } : {}) });
    } else {
      configMapAsVolume.push({ ...name, mountPath: map.mountPath, optional: map.optional ?? false });
    }
    previousMap = map;
  }
  if (configMapAsEnv.length) config.configMapAsEnv = configMapAsEnv;
  if (configMapAsVolume.length) config.configMapAsVolume = configMapAsVolume;
  if (options.emptyDirs?.length) {
    config.emptyDirMounts = options.emptyDirs.map((d) => ({
      volumeName: d.volumeName,
      mountPath: d.mountPath,
      ...(d.medium !== undefined ? { medium: d.medium } : {}),
      ...(d.sizeLimit !== undefined ? { sizeLimit: d.sizeLimit } : {}),
    }));
  }
  // int64 fields, written as strings the way protobuf's JSON form (and so the SDK) writes them.
  if (options.activeDeadlineSeconds !== undefined) config.activeDeadlineSeconds = String(options.activeDeadlineSeconds);
  if (options.nodeSelector && Object.keys(options.nodeSelector).length) config.nodeSelector = { labels: { ...options.nodeSelector } };
  if (options.tolerations?.length) {
    config.tolerations = options.tolerations.map(({ fromJson, ...t }) =>
      fromJson
        ? { tolerationJson: refOf(fromJson) }
        : { ...t, ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: String(t.tolerationSeconds) } : {}) },
    );
  }
  if (options.imagePullPolicy) config.imagePullPolicy = options.imagePullPolicy;
  if (options.imagePullSecrets?.length) config.imagePullSecret = options.imagePullSecrets.map((secretName) => ({ secretName }));
  const labels = options.podLabels && Object.keys(options.podLabels).length ? options.podLabels : undefined;
  const annotations = options.podAnnotations && Object.keys(options.podAnnotations).length ? options.podAnnotations : undefined;
  if (labels || annotations) config.podMetadata = { ...(labels ? { labels: { ...labels } } : {}), ...(annotations ? { annotations: { ...annotations } } : {}) };
  if (options.fieldPathEnv?.length) config.fieldPathAsEnv = options.fieldPathEnv.map((f) => ({ name: f.name, fieldPath: f.fieldPath }));
  addSchedulingConfig(config, options, refOf);
  return Object.keys(config).length ? config : undefined;
}

const RUN_SETTINGS = ['activeDeadlineSeconds', 'resourceTtlOnCompletion', 'resourceTtlOnSuccess', 'resourceTtlOnFailure'] as const;

export function pipelineConfig(doc: PipelineDocument): IrObject | undefined {
  const config: IrObject = {};
  for (const field of RUN_SETTINGS) {
    const value = doc.runSettings?.[field];
    if (value !== undefined) config[field] = value;
  }
  if (doc.workspace) {
    const workspace: IrObject = { size: doc.workspace.size };
    if (doc.workspace.pvcSpecPatch) workspace.kubernetes = { pvcSpecPatch: doc.workspace.pvcSpecPatch };
    config.workspace = workspace;
  }
  return Object.keys(config).length ? config : undefined;
}
