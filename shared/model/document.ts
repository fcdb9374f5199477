// The editor's document (`NAME.pipeline.json`): everything a KFP v2 pipeline can say, as data.
// The root pipeline is a graph; a nested pipeline is a component whose implementation is a graph.
import type { EnvVar, TaskOptions } from './task-options';

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
  | { kind: 'script'; script: string; requirements?: string; baseImage: string }
  /** A script step's packages installed on its base image (the SDK's `packages_to_install` built into a target image). */
  | { kind: 'packages'; packages: string[]; baseImage: string };

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
  /** Set when `image` was built from the app with `packages` installed on a base image: other packages mark it stale. */
  build?: ImageBuildRecord;
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

export * from './task-options';

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

/** What a person sees a task called: its display name, else its id. */
export const taskLabel = (task: Task): string => task.displayName || task.id;

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
