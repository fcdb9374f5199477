// One Argo container template per task, KFP v1 style: the task's inputs as `inputs.parameters` (values) and
// `inputs.artifacts` (files at /tmp/inputs/x/data), its outputs as files under /tmp/outputs/x/data collected by
// `outputs.parameters[].valueFrom.path` and `outputs.artifacts[].path`, and its Kubernetes settings (resources, env,
// secrets, volumes, node selection, pod metadata, retries) where Argo keeps them.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Argument, ComponentSpec, PortSpec, Resources, ResourceSourceField, Task, TaskOptions } from '../../model/document';
import { scriptCommand } from '../ir-executor.compile';
import { containerCommand } from '../file-outputs';
import { ioNames } from './argo-names';
import type { PlaceholderScope } from './argo-placeholders';
import { EXECUTOR_OUTPUT_FILE, inputArtifactPath, outputPath, rewriteArgs, WORKSPACE_MOUNT } from './argo-placeholders';
import { executorInputText, withExecutorOutputLauncher } from './argo-executor-input';
import type { ArgoObject, TaskTemplate } from './argo-types';
import { own } from '../../names/names';

export const WORKSPACE_VOLUME = 'kfp-workspace';
/** The image of an importer's template: it only hands on the artifact Argo downloads for it. */
export const ARGO_IMPORTER_IMAGE = 'busybox:1.36';

export interface ContainerContext {
  templateName: string;
  /** The task's id path (`train`, or `nested-task/train` inside a nested pipeline), kept on the pod. */
  taskPath: string;
  hasWorkspace: boolean;
  where: Location;
}

/** Whether the task gives this input: an argument, or a default on the port. */
export function taskGives(task: Task, port: PortSpec): boolean {
  return own(task.arguments, port.name) !== undefined || port.default !== undefined;
}

function portMaps(component: ComponentSpec, task: Task): Pick<TaskTemplate, 'inputs' | 'outputs'> {
  const given = component.inputs.filter((p) => taskGives(task, p));
  const inNames = ioNames(given.map((p) => p.name));
  const outNames = ioNames(component.outputs.map((p) => p.name));
  const inputs = new Map(given.map((p) => [p.name, { name: inNames.get(p.name) as string, artifact: p.type.kind === 'artifact' }]));
  const outputs = new Map(
    component.outputs.map((p) => [p.name, { name: outNames.get(p.name) as string, artifact: p.type.kind === 'artifact' }]),
  );
  return { inputs, outputs };
}

const GPU_RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|n|u)?$/;

const RESOURCE_EXTRA: { [field in ResourceSourceField]: string } = {
  cpuRequest: 'resource-cpu-request',
  cpuLimit: 'resource-cpu-limit',
  memoryRequest: 'resource-memory-request',
  memoryLimit: 'resource-memory-limit',
  acceleratorType: 'resource-accelerator-type',
  acceleratorCount: 'resource-accelerator-count',
};

/**
 * The container's resources: literal quantities in `resources`, and those taken from a value at run time in a
 * `podSpecPatch` Argo fills from the template's inputs before it creates the pod (as the KFP v1 SDK compiled them).
 */
export function resourcesToArgo(resources: Resources, where: Location, extras: TaskTemplate['extras']): { resources?: ArgoObject; podSpecPatch?: string } {
  const from = resources.from ?? {};
  /** A field's run-time reference (its value becomes an extra input), or its literal (a constant `from` wins). */
  const valueOf = (field: ResourceSourceField, literal: string | undefined): { text?: string; atRunTime: boolean } => {
    const arg = from[field];
    if (!arg) return { text: literal, atRunTime: false };
    if (arg.kind === 'constant') return { text: arg.value === null ? literal : String(arg.value), atRunTime: false };
    extras.push({ name: RESOURCE_EXTRA[field], arg });
    return { text: `{{inputs.parameters.${RESOURCE_EXTRA[field]}}}`, atRunTime: true };
  };
  type Groups = { requests: { [key: string]: string }; limits: { [key: string]: string } };
  const fixed: Groups = { requests: {}, limits: {} };
  const patched: Groups = { requests: {}, limits: {} };
  const quantities = [
    ['cpuRequest', 'requests', 'cpu'],
    ['memoryRequest', 'requests', 'memory'],
    ['cpuLimit', 'limits', 'cpu'],
    ['memoryLimit', 'limits', 'memory'],
  ] as const;
  for (const [field, group, key] of quantities) {
    const { text, atRunTime } = valueOf(field, resources[field]);
    if (text === undefined) continue;
    if (!atRunTime && !QUANTITY.test(text)) {
      throw new KfsError('KFS620', `Resource ${field} "${text}" is not a Kubernetes quantity; type one such as 500m, 2 or 4Gi.`, {
        ...where,
        field: `options.resources.${field}`,
      });
    }
    (atRunTime ? patched : fixed)[group][key] = text;
  }
  const type = valueOf('acceleratorType', resources.accelerator?.type);
  const count = valueOf('acceleratorCount', resources.accelerator ? String(resources.accelerator.count) : undefined);
  if (type.text !== undefined) {
    if (!type.atRunTime && !GPU_RESOURCE.test(type.text)) {
      throw new KfsError('KFS625', `Accelerator "${type.text}" is not a Kubernetes resource name; on Argo use one such as nvidia.com/gpu.`, {
        ...where,
        field: 'options.resources.accelerator.type',
      });
    }
    (type.atRunTime || count.atRunTime ? patched : fixed).limits[type.text] = count.text ?? '1';
  }
  const pack = (groups: Groups): ArgoObject | undefined => {
    const out: ArgoObject = {};
    if (Object.keys(groups.limits).length) out.limits = groups.limits;
    if (Object.keys(groups.requests).length) out.requests = groups.requests;
    return Object.keys(out).length ? out : undefined;
  };
  const fixedOut = pack(fixed);
  const patchedOut = pack(patched);
  return {
    ...(fixedOut ? { resources: fixedOut } : {}),
    // Argo merges the patch into the pod by the container's name, after substituting the template's inputs.
    ...(patchedOut ? { podSpecPatch: JSON.stringify({ containers: [{ name: 'main', resources: patchedOut }] }) } : {}),
  };
}

/** A name (secret, config map, claim) written literally, or an extra input when it comes from a value at run time. */
function nameOf(from: Argument | undefined, fixed: string, extraName: string, extras: TaskTemplate['extras']): string {
  if (!from) return fixed;
  if (from.kind === 'constant') return typeof from.value === 'string' ? from.value : fixed;
  extras.push({ name: extraName, arg: from });
  return `{{inputs.parameters.${extraName}}}`;
}

function kubernetesSettings(options: TaskOptions, extras: TaskTemplate['extras']): { env: ArgoObject[]; mounts: ArgoObject[]; volumes: ArgoObject[] } {
  const env: ArgoObject[] = [];
  const mounts: ArgoObject[] = [];
  const volumes: ArgoObject[] = [];
  (options.secrets ?? []).forEach((secret, i) => {
    const name = nameOf(secret.secretNameFrom, secret.secretName, `secret-name-${i + 1}`, extras);
    if (secret.kind === 'env') {
      env.push({ name: secret.envVar, valueFrom: { secretKeyRef: { name, key: secret.key, ...(secret.optional ? { optional: true } : {}) } } });
    } else {
      const volume = `secret-${i + 1}`;
      volumes.push({ name: volume, secret: { secretName: name, ...(secret.optional ? { optional: true } : {}) } });
      mounts.push({ name: volume, mountPath: secret.mountPath });
    }
  });
  (options.configMaps ?? []).forEach((map, i) => {
    const name = nameOf(map.configMapNameFrom, map.configMapName, `config-map-name-${i + 1}`, extras);
    if (map.kind === 'env') {
      env.push({ name: map.envVar, valueFrom: { configMapKeyRef: { name, key: map.key, ...(map.optional ? { optional: true } : {}) } } });
    } else {
      const volume = `config-map-${i + 1}`;
      volumes.push({ name: volume, configMap: { name, ...(map.optional ? { optional: true } : {}) } });
      mounts.push({ name: volume, mountPath: map.mountPath });
    }
  });
  (options.pvcs ?? []).forEach((pvc, i) => {
    const claimName = nameOf(pvc.pvcNameFrom, pvc.pvcName, `pvc-name-${i + 1}`, extras);
    const volume = `pvc-${i + 1}`;
    volumes.push({ name: volume, persistentVolumeClaim: { claimName } });
    mounts.push({ name: volume, mountPath: pvc.mountPath, ...(pvc.subPath ? { subPath: pvc.subPath } : {}) });
  });
  (options.emptyDirs ?? []).forEach((dir, i) => {
    const volume = `empty-dir-${i + 1}`;
    const emptyDir: ArgoObject = {};
    if (dir.medium !== undefined) emptyDir.medium = dir.medium;
    if (dir.sizeLimit !== undefined) emptyDir.sizeLimit = dir.sizeLimit;
    volumes.push({ name: volume, emptyDir });
    mounts.push({ name: volume, mountPath: dir.mountPath });
  });
  for (const field of options.fieldPathEnv ?? []) env.push({ name: field.name, valueFrom: { fieldRef: { fieldPath: field.fieldPath } } });
  return { env, mounts, volumes };
}

function retryStrategy(options: TaskOptions): ArgoObject | undefined {
  const retry = options.retry;
  if (!retry) return undefined;
  const backoff: ArgoObject = {};
  if (retry.backoffDuration !== undefined) backoff.duration = retry.backoffDuration;
  if (retry.backoffFactor !== undefined) backoff.factor = retry.backoffFactor;
  if (retry.backoffMaxDuration !== undefined) backoff.maxDuration = retry.backoffMaxDuration;
  // KFP retries a task whatever made it fail; Argo's default (OnFailure) skips errors such as an evicted pod.
  return { limit: retry.maxRetryCount, retryPolicy: 'Always', ...(Object.keys(backoff).length ? { backoff } : {}) };
}

function parameterOrArtifactInputs(maps: Pick<TaskTemplate, 'inputs'>, extras: TaskTemplate['extras']): ArgoObject | undefined {
  const parameters: ArgoObject[] = [];
  const artifacts: ArgoObject[] = [];
  for (const { name, artifact } of maps.inputs.values()) {
    if (artifact) artifacts.push({ name, path: inputArtifactPath(name) });
    else parameters.push({ name });
  }
  for (const extra of extras) parameters.push({ name: extra.name });
  const out: ArgoObject = {};
  if (parameters.length) out.parameters = parameters;
  if (artifacts.length) out.artifacts = artifacts;
  return Object.keys(out).length ? out : undefined;
}

function outputsOf(maps: Pick<TaskTemplate, 'outputs'>): ArgoObject | undefined {
  const parameters: ArgoObject[] = [];
  const artifacts: ArgoObject[] = [];
  for (const { name, artifact } of maps.outputs.values()) {
    if (artifact) artifacts.push({ name, path: outputPath(name) });
    else parameters.push({ name, valueFrom: { path: outputPath(name) } });
  }
  const out: ArgoObject = {};
  if (parameters.length) out.parameters = parameters;
  if (artifacts.length) out.artifacts = artifacts;
  return Object.keys(out).length ? out : undefined;
}

function podMetadata(task: Task, taskPath: string): ArgoObject {
  const annotations: { [key: string]: string } = { 'kfp-studio/task': taskPath };
  if (task.displayName !== undefined) annotations['pipelines.kubeflow.org/task_display_name'] = task.displayName;
  Object.assign(annotations, task.options.podAnnotations ?? {});
  const labels = task.options.podLabels && Object.keys(task.options.podLabels).length ? { ...task.options.podLabels } : undefined;
  return { annotations, ...(labels ? { labels } : {}) };
}

/** Kubernetes settings this Argo compiler does not write yet: refused by name rather than dropped. */
const NOT_ON_ARGO: { [K in keyof TaskOptions]?: string } = {
  nodeSelectorFrom: 'a node selector taken from a value',
  imagePullSecretsFrom: 'image pull secrets named by values',
  nodeAffinity: 'node affinity',
  podAffinity: 'pod affinity',
  ephemeralVolumes: 'ephemeral volumes',
  sharedMemory: 'shared memory',
  securityContext: 'a security context',
  initContainers: 'init containers',
};

/** Settings every kind of task template shares: pod metadata, node placement, retries, the deadline. */
function podSettings(template: ArgoObject, task: Task, ctx: ContainerContext, volumes: ArgoObject[]): void {
  const options = task.options;
  for (const [key, what] of Object.entries(NOT_ON_ARGO)) {
    const value = options[key as keyof TaskOptions];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      throw new KfsError('KFS620', `Task ${task.id} sets ${what}, which the Argo target does not write yet: compile to KFP IR, or remove the setting.`, { ...ctx.where, field: `options.${key}` });
    }
  }
  if (options.tolerations?.some((t) => t.fromJson !== undefined)) {
    throw new KfsError('KFS620', `Task ${task.id} takes a toleration from a value; on Argo tolerations are fixed when the pipeline is compiled: type it in.`, { ...ctx.where, field: 'options.tolerations' });
  }
  template.metadata = podMetadata(task, ctx.taskPath);
  if (options.nodeSelector && Object.keys(options.nodeSelector).length) template.nodeSelector = { ...options.nodeSelector };
  if (options.tolerations?.length) template.tolerations = options.tolerations.map((t) => ({ ...t }));
  if (volumes.length) template.volumes = volumes;
  const retry = retryStrategy(options);
  if (retry) template.retryStrategy = retry;
  if (options.activeDeadlineSeconds !== undefined) template.activeDeadlineSeconds = options.activeDeadlineSeconds;
}

export function containerTemplate(component: ComponentSpec, task: Task, ctx: ContainerContext): { template: ArgoObject; info: TaskTemplate } {
  const impl = component.implementation;
  if (impl.kind !== 'container' && impl.kind !== 'script') throw new KfsError('KFS620', 'Not a container step.', ctx.where);
  const maps = portMaps(component, task);
  const extras: TaskTemplate['extras'] = [];
  const scope: PlaceholderScope = {
    inputParameters: new Map([...maps.inputs].filter(([, v]) => !v.artifact).map(([k, v]) => [k, v.name])),
    inputArtifacts: new Map([...maps.inputs].filter(([, v]) => v.artifact).map(([k, v]) => [k, v.name])),
    outputParameters: new Map([...maps.outputs].filter(([, v]) => !v.artifact).map(([k, v]) => [k, v.name])),
    outputArtifacts: new Map([...maps.outputs].filter(([, v]) => v.artifact).map(([k, v]) => [k, v.name])),
    declaredInputs: new Set(component.inputs.map((p) => p.name)),
    taskName: ctx.taskPath.split('/').at(-1) ?? ctx.taskPath,
    hasWorkspace: ctx.hasWorkspace,
    executorInput: executorInputText(component, maps),
    where: ctx.where,
  };
  if (impl.image.trim() === '') throw new KfsError('KFS420', `Component "${component.name}" has no container image: set the image to run before compiling.`, { ...ctx.where, field: 'implementation.image' });
  const source = impl.kind === 'script' ? scriptCommand(impl, component) : containerCommand(impl, component, ctx.where);
  let command = rewriteArgs(source.command, { ...scope, where: { ...ctx.where, field: 'implementation.command' } });
  const args = rewriteArgs(source.args, { ...scope, where: { ...ctx.where, field: 'implementation.args' } });
  // A step that reads the executor input (a KFP v2 Python component) may write its outputs to the executor output file.
  if ([...command, ...args].some((text) => text.includes(EXECUTOR_OUTPUT_FILE))) command = withExecutorOutputLauncher(command, maps);
  if (impl.kind === 'script' && maps.outputs.size && command[2] !== undefined) {
    // The KFP v2 launcher makes each output's folder; on Argo the script's launcher does it.
    const dirs = [...maps.outputs.values()].map((o) => `/tmp/outputs/${o.name}`).join(' ');
    command[2] = `mkdir -p ${dirs}\n${command[2]}`;
  }
  const settings = kubernetesSettings(task.options, extras);
  const container: ArgoObject = { name: 'main', image: impl.image };
  if (command.length) container.command = command;
  if (args.length) container.args = args;
  const env = [
    ...[...(impl.kind === 'container' ? (impl.env ?? []) : []), ...(task.options.env ?? [])].map((e) => ({ name: e.name, value: e.value })),
    ...settings.env,
  ];
  if (env.length) container.env = env;
  if (task.options.imagePullPolicy) container.imagePullPolicy = task.options.imagePullPolicy;
  const resources = task.options.resources ? resourcesToArgo(task.options.resources, ctx.where, extras) : {};
  if (resources.resources) container.resources = resources.resources;
  const mounts = [...settings.mounts, ...(ctx.hasWorkspace ? [{ name: WORKSPACE_VOLUME, mountPath: WORKSPACE_MOUNT }] : [])];
  if (mounts.length) container.volumeMounts = mounts;
  const template: ArgoObject = { name: ctx.templateName };
  const inputs = parameterOrArtifactInputs(maps, extras);
  if (inputs) template.inputs = inputs;
  const outputs = outputsOf(maps);
  if (outputs) template.outputs = outputs;
  template.container = container;
  if (resources.podSpecPatch) template.podSpecPatch = resources.podSpecPatch;
  podSettings(template, task, ctx, settings.volumes);
  return { template, info: { template: ctx.templateName, ...maps, extras } };
}

/** Where Argo fetches an importer's artifact from, by the URI's scheme. */
function artifactLocation(uri: string, where: Location): ArgoObject {
  const match = /^(gs|s3):\/\/([^/]+)\/(.+)$/.exec(uri);
  if (match) {
    const [, scheme, bucket, key] = match;
    return scheme === 'gs' ? { gcs: { bucket, key } } : { s3: { bucket, key } };
  }
  if (/^https?:\/\/\S+$/.test(uri)) return { http: { url: uri } };
  throw new KfsError('KFS623', `Argo can import only gs://, s3:// or http(s):// URIs, not "${uri}".`, { ...where, field: 'uri' });
}

/** An importer: Argo downloads the artifact as the template's input and hands it on as its output. */
export function importerTemplate(component: ComponentSpec, task: Task, ctx: ContainerContext): { template: ArgoObject; info: TaskTemplate } {
  const impl = component.implementation;
  if (impl.kind !== 'importer') throw new KfsError('KFS620', 'Not an importer.', ctx.where);
  const uri = own(task.arguments, impl.uriInput) ?? (() => {
    const port = component.inputs.find((p) => p.name === impl.uriInput);
    return port?.default !== undefined ? ({ kind: 'constant', value: port.default } as Argument) : undefined;
  })();
  if (uri?.kind !== 'constant' || typeof uri.value !== 'string') {
    throw new KfsError('KFS623', 'On Argo an importer needs its URI as a constant text: Argo fetches it before the run starts the step.', {
      ...ctx.where,
      port: impl.uriInput,
    });
  }
  const output = component.outputs.find((p) => p.type.kind === 'artifact');
  if (!output) throw new KfsError('KFS623', 'The importer declares no artifact output.', ctx.where);
  const name = ioNames([output.name]).get(output.name) as string;
  const path = inputArtifactPath(name);
  const template: ArgoObject = {
    name: ctx.templateName,
    inputs: { artifacts: [{ name, path, ...artifactLocation(uri.value, { ...ctx.where, port: impl.uriInput }) }] },
    outputs: { artifacts: [{ name, path }] },
    container: { name: 'main', image: ARGO_IMPORTER_IMAGE, command: ['sh', '-c', 'test -e "$0"', path] },
  };
  podSettings(template, task, ctx, []);
  const info: TaskTemplate = { template: ctx.templateName, inputs: new Map(), outputs: new Map([[output.name, { name, artifact: true }]]), extras: [] };
  return { template, info };
}
