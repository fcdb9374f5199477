// The editor's document (`NAME.pipeline.json`): everything a KFP v2 pipeline can say, as data.
// The root pipeline is a graph; a nested pipeline is a component whose implementation is a graph.

export const DOCUMENT_FORMAT = 'kfp-studio/pipeline';
export const DOCUMENT_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** KFP v2 parameter types, named as in the IR's `parameterType`. */
export const PARAMETER_TYPES = ['STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT', 'TASK_FINAL_STATUS'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export type KfpType =
  | { kind: 'parameter'; type: ParameterType; declaredAs?: string }
  | {
      kind: 'artifact';
      /** `system.Dataset`, `google.VertexModel`, or any other title (unknown ones are kept). */
      schemaTitle: string;
      schemaVersion: string;
      isList?: boolean;
      /** The type name the source used (a v1 name such as `GCSPath`), shown to people. */
      declaredAs?: string;
    };

export interface PortSpec {
  name: string;
  type: KfpType;
  description?: string;
  optional?: boolean;
  default?: JsonValue;
  /** The only values a parameter accepts (the SDK's `Literal[...]` annotations). */
  literals?: JsonValue[];
}

/**
 * One item of a container's command or args: a literal string that may hold KFP v2 placeholders
 * (`{{$.inputs.parameters['x']}}`, `{{$.inputs.artifacts['x'].path}}`, `{{$.outputs.parameters['x'].output_file}}`, ...),
 * or the structured forms of the IR's `Concat` and `IfPresent`.
 */
export type CommandArg =
  | string
  | { concat: CommandArg[] }
  | { ifPresent: { input: string; then: CommandArg[]; else?: CommandArg[] } };

export interface ContainerImplementation {
  kind: 'container';
  /** Empty until set (published components may leave it empty): Compile is refused until then. */
  image: string;
  command?: CommandArg[];
  args?: CommandArg[];
  env?: EnvVar[];
  /**
   * Outputs the command writes at fixed paths inside the container (v1 `fileOutputs`, `ContainerOp(file_outputs=...)`):
   * output name → absolute path. Compiled by wrapping the command so each file is copied to its output afterwards.
   */
  fileOutputs?: { [output: string]: string };
  /** How the image was last built from the app: a later context with another hash marks it stale (KFS856). */
  build?: ImageBuildRecord;
}

/** What a step's image was built from (paths on the builder's machine, never credentials). */
export type ImageBuildSource =
  | { kind: 'folder'; dir: string }
  | { kind: 'script'; script: string; requirements?: string; baseImage: string };

export interface ImageBuildRecord {
  source: ImageBuildSource;
  /** `sha256:…` of the build context's files when the image was built. */
  contextHash: string;
  /** The name:tag it was built as (the step's image is the pushed reference pinned by digest). */
  tag: string;
  builtAt: string;
}

/** A step written as an inline script run on a base image: no Docker build needed. */
export interface ScriptImplementation {
  kind: 'script';
  image: string;
  language: 'python' | 'shell';
  code: string;
  packages?: string[];
}

export interface ImporterImplementation {
  kind: 'importer';
  /** The input (a STRING parameter) that carries the artifact URI. */
  uriInput: string;
  artifactType: Extract<KfpType, { kind: 'artifact' }>;
  reimport: boolean;
  metadata?: { [key: string]: JsonValue };
  /** Also download the artifact into the pipeline workspace. */
  downloadToWorkspace?: boolean;
}

export interface GraphImplementation {
  kind: 'graph';
  graph: PipelineGraph;
}

export type Implementation = ContainerImplementation | ScriptImplementation | ImporterImplementation | GraphImplementation;

export type ComponentSource =
  /** `digest` pins the content added; the editor flags the task when the catalog's copy changes (KFS453). */
  | { kind: 'catalog'; ref: string; digest?: string }
  | { kind: 'url'; url: string; digest: string }
  | { kind: 'file'; path: string }
  | { kind: 'image' }
  | { kind: 'script' }
  | { kind: 'ir' };

export interface ComponentSpec {
  name: string;
  description?: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  implementation: Implementation;
  source?: ComponentSource;
  /** Keys of the source file that the editor does not use (`metadata.labels`, ...): named in a warning, not dropped silently. */
  unusedKeys?: string[];
}

/** Where a task input's value comes from. A `taskOutput` argument is a data edge. */
export type Argument =
  | { kind: 'constant'; value: JsonValue }
  | { kind: 'graphInput'; input: string }
  | { kind: 'taskOutput'; task: string; output: string }
  | { kind: 'loopItem'; loop: string; field?: string }
  | { kind: 'collected'; task: string; output: string }
  | { kind: 'oneOf'; sources: { task: string; output: string }[] }
  | { kind: 'taskFinalStatus' }
  /**
   * A string built from text and values, as the SDK's f-strings: `'prefix-' + p + '-suffix'`. With `format: 'json'`
   * the text is JSON (values inserted inside its strings) and the argument is the structured value it spells.
   */
  | { kind: 'template'; parts: TemplatePart[]; format?: 'json' };

/** A piece of a `template` argument: literal text, or a value turned into text at run time. */
export type TemplatePart = string | Exclude<Argument, { kind: 'template' }>;

export const COMPARISON_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface Comparison {
  left: Argument;
  operator: ComparisonOperator;
  right: Argument;
}

export interface ConditionBranch {
  id: string;
  /** Absent on the `else` branch, which must come last. */
  when?: Comparison;
}

interface GroupBase {
  id: string;
  displayName?: string;
  /** The group or condition branch this group sits in; absent at the top of the graph. */
  parent?: string;
}

/** if / elif / else: the branches are tried in order. Tasks sit in a branch by its id. */
export interface ConditionGroup extends GroupBase {
  kind: 'condition';
  branches: ConditionBranch[];
}

export interface ParallelForGroup extends GroupBase {
  kind: 'parallelFor';
  /** A constant JSON list, a LIST pipeline parameter, or an upstream LIST output. */
  items: Argument;
  parallelism?: number;
  /** The loop item's channel name in the IR (`loop-item-param-3`, `items-loop-item`); derived when absent. */
  itemName?: string;
  /** The parameter type of one item; derived from constant items (or STRING) when absent. */
  itemType?: ParameterType;
}

export interface ExitHandlerGroup extends GroupBase {
  kind: 'exitHandler';
  /** The task (outside the group, beside it) that runs when the group ends, however it ends. */
  exitTask: string;
}

export type Group = ConditionGroup | ParallelForGroup | ExitHandlerGroup;
export type GroupKind = Group['kind'];

export interface EnvVar {
  name: string;
  value: string;
}

export interface RetryPolicy {
  maxRetryCount: number;
  /** A duration such as `60s`. */
  backoffDuration?: string;
  backoffFactor?: number;
  backoffMaxDuration?: string;
}

export interface Resources {
  /** Kubernetes quantities: `500m`, `2`, `4Gi`. */
  cpuRequest?: string;
  cpuLimit?: string;
  memoryRequest?: string;
  memoryLimit?: string;
  accelerator?: { type: string; count: number };
  /**
   * Values taken at run time (a pipeline parameter, an upstream output, a loop item), as the SDK's
   * `set_cpu_limit(task.output)` compiles them; a field given here overrides its literal above.
   */
  from?: ResourceSources;
}

export const RESOURCE_SOURCE_FIELDS = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'acceleratorType', 'acceleratorCount'] as const;
export type ResourceSourceField = (typeof RESOURCE_SOURCE_FIELDS)[number];
export type ResourceSources = { [field in ResourceSourceField]?: Argument };

export interface Toleration {
  key?: string;
  operator?: 'Equal' | 'Exists';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
  /** The whole toleration as JSON taken from a value (kfp-kubernetes `add_toleration_json`); the fields above are then unused. */
  fromJson?: Argument;
}

/** A label selector requirement of an affinity term: `key In [a, b]`, `key Exists`, ... */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** One node affinity term (kfp-kubernetes `add_node_affinity`): required, or preferred with a weight of 1 to 100. */
export interface NodeAffinityTerm {
  matchExpressions?: SelectorRequirement[];
  matchFields?: SelectorRequirement[];
  weight?: number;
  /** The term as Kubernetes NodeAffinity JSON taken from a value (`add_node_affinity_json`). */
  fromJson?: Argument;
}

/** One pod affinity or anti-affinity term (kfp-kubernetes `add_pod_affinity`). */
export interface PodAffinityTerm {
  matchPodExpressions?: SelectorRequirement[];
  matchPodLabels?: { [key: string]: string };
  topologyKey?: string;
  namespaces?: string[];
  matchNamespaceExpressions?: SelectorRequirement[];
  matchNamespaceLabels?: { [key: string]: string };
  weight?: number;
  anti?: boolean;
}

/** A generic ephemeral volume: a claim made with the pod and deleted with it (`add_ephemeral_volume`). */
export interface EphemeralVolume {
  volumeName: string;
  mountPath: string;
  accessModes: string[];
  size: string;
  /** Absent: the cluster's default storage class. */
  storageClassName?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
}

/** A container run before the task's own (or beside it, as a native sidecar, with restartPolicy Always). */
export interface InitContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: { volumeName: string; mountPath: string }[];
  restartPolicy?: string;
  resourceRequests?: { [resource: string]: string };
  resourceLimits?: { [resource: string]: string };
}

export type SecretUse =
  | {
      kind: 'env';
      secretName: string;
      key: string;
      envVar: string;
      optional?: boolean;
      /** The secret's name taken at run time from a value (a pipeline parameter, an upstream output); `secretName` is then ignored. */
      secretNameFrom?: Argument;
    }
  | { kind: 'volume'; secretName: string; mountPath: string; optional?: boolean; secretNameFrom?: Argument };

/** An environment variable set from a field of the pod (`metadata.labels['x']`, `status.podIP`). */
export interface FieldPathEnv {
  name: string;
  fieldPath: string;
}

export interface PvcMount {
  pvcName: string;
  mountPath: string;
  /** The claim's name taken at run time (a pipeline parameter, an upstream output such as CreatePVC's); `pvcName` is then ignored. */
  pvcNameFrom?: Argument;
  subPath?: string;
}

export type ConfigMapUse =
  | { kind: 'env'; configMapName: string; key: string; envVar: string; optional?: boolean; configMapNameFrom?: Argument }
  | { kind: 'volume'; configMapName: string; mountPath: string; optional?: boolean; configMapNameFrom?: Argument };

export interface EmptyDirMount {
  volumeName: string;
  mountPath: string;
  /** `Memory` or `HugePages`; the node's disk when absent. */
  medium?: string;
  sizeLimit?: string;
}

export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

export interface TaskOptions {
  /** Default true, as in the SDK. */
  caching?: boolean;
  /** A fixed cache key (the SDK's `set_caching_options(cache_key=...)`). */
  cacheKey?: string;
  retry?: RetryPolicy;
  resources?: Resources;
  env?: EnvVar[];
  secrets?: SecretUse[];
  pvcs?: PvcMount[];
  nodeSelector?: { [label: string]: string };
  tolerations?: Toleration[];
  imagePullPolicy?: (typeof IMAGE_PULL_POLICIES)[number];
  imagePullSecrets?: string[];
  podLabels?: { [key: string]: string };
  podAnnotations?: { [key: string]: string };
  /** Run even when upstream tasks failed (the SDK's `ignore_upstream_failure`). */
  ignoreUpstreamFailure?: boolean;
  fieldPathEnv?: FieldPathEnv[];
  configMaps?: ConfigMapUse[];
  emptyDirs?: EmptyDirMount[];
  /** Kubernetes `activeDeadlineSeconds` of the task's pod. */
  activeDeadlineSeconds?: number;
  /** Node selector labels as JSON taken from a value (kfp-kubernetes `add_node_selector_json`), beside `nodeSelector`. */
  nodeSelectorFrom?: Argument;
  /** Image pull secrets named at run time by values, after the `imagePullSecrets` typed in. */
  imagePullSecretsFrom?: Argument[];
  nodeAffinity?: NodeAffinityTerm[];
  podAffinity?: PodAffinityTerm[];
  ephemeralVolumes?: EphemeralVolume[];
  /** A memory-backed volume at /dev/shm (`enable_shared_memory`); `size` empty for no limit. */
  sharedMemory?: { volumeName: string; size: string };
  securityContext?: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean };
  initContainers?: InitContainer[];
}

export interface Task {
  /** Unique within its graph (among tasks, groups and branches); the IR task name. */
  id: string;
  /** Key into `PipelineDocument.components`. */
  component: string;
  displayName?: string;
  parent?: string;
  arguments: { [input: string]: Argument };
  /** Ordering edges: tasks that must finish before this one starts. */
  after: string[];
  options: TaskOptions;
}

export interface GraphOutput {
  name: string;
  type: KfpType;
  source: Argument;
  description?: string;
}

export interface NodePosition {
  x: number;
  y: number;
  width?: number;
  height?: number;
  collapsed?: boolean;
}

export interface PipelineGraph {
  /** For the root graph these are the pipeline parameters (and artifact inputs). */
  inputs: PortSpec[];
  outputs: GraphOutput[];
  tasks: { [id: string]: Task };
  groups: { [id: string]: Group };
  /** Canvas positions by task or group id. */
  layout: { [id: string]: NodePosition };
}

export interface WorkspaceConfig {
  /** A Kubernetes quantity such as `1Gi`. */
  size: string;
  /** Merged into the workspace's PersistentVolumeClaim spec (`accessModes`, `storageClassName`, ...). */
  pvcSpecPatch?: { [key: string]: JsonValue };
}

export interface RunSettings {
  /** Seconds a run may take before it is stopped. */
  activeDeadlineSeconds?: number;
  /** Seconds to keep a finished run's Kubernetes resources (on completion, or only on success / failure). */
  resourceTtlOnCompletion?: number;
  resourceTtlOnSuccess?: number;
  resourceTtlOnFailure?: number;
}

export interface PipelineDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  /** Which document this is, whatever file it is in: a save never replaces a file holding another id unasked. */
  id?: string;
  /** The KFP pipeline name (`pipelineInfo.name`): lower case alphanumerics, `-` or `.`. */
  name: string;
  displayName?: string;
  description?: string;
  defaultPipelineRoot?: string;
  /** A volume shared by the pipeline's tasks (the KFP pipeline workspace). */
  workspace?: WorkspaceConfig;
  /** Pipeline-wide Kubernetes settings of a run (the PlatformSpec's `pipelineConfig`). */
  runSettings?: RunSettings;
  graph: PipelineGraph;
  components: { [id: string]: ComponentSpec };
}

export function emptyGraph(): PipelineGraph {
  return { inputs: [], outputs: [], tasks: {}, groups: {}, layout: {} };
}

export function emptyDocument(name = 'my-pipeline'): PipelineDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, graph: emptyGraph(), components: {} };
}
