// A component's command and args with KFP v2 placeholders rewritten into Argo's, KFP v1 style: input parameters
// become `{{inputs.parameters.x}}`, artifact inputs and every output are files at `/tmp/inputs/x/data` and
// `/tmp/outputs/x/data` that Argo fills and collects. `IfPresent` is decided here, at compile time: one Argo template
// is written per task, and whether a task gives an input (an argument, or the port's default) is known.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { CommandArg } from '../../model/document';

export const WORKSPACE_MOUNT = '/kfp-workspace';
/** Where the KFP SDK writes a step's executor output (return values, artifact metadata). */
export const EXECUTOR_OUTPUT_FILE = '/tmp/kfp-outputs/executor_output.json';

export interface PlaceholderScope {
  /** Input port → Argo input name, for inputs the task gives (absent inputs are missing here). */
  inputParameters: Map<string, string>;
  inputArtifacts: Map<string, string>;
  outputParameters: Map<string, string>;
  outputArtifacts: Map<string, string>;
  /** Inputs the component declares, given or not: a placeholder naming another input is refused. */
  declaredInputs: Set<string>;
  taskName: string;
  hasWorkspace: boolean;
  /** The ExecutorInput JSON written with Argo references, for `{{$}}`. */
  executorInput?: string;
  where: Location;
}

export function inputArtifactPath(name: string): string {
  return `/tmp/inputs/${name}/data`;
}

export function outputPath(name: string): string {
  return `/tmp/outputs/${name}/data`;
}

const PLACEHOLDER = /\{\{\$(\.[^{}]*?)?\}\}/g;
const NAMED = /^\.(inputs|outputs)\.(parameters|artifacts)\[\s*(?:'([^']*)'|"([^"]*)")\s*\](?:\.(\w+))?$/;

const JOB_FACTS: { [key: string]: string } = {
  '.pipeline_job_name': '{{workflow.name}}',
  '.pipeline_job_resource_name': '{{workflow.name}}',
  '.pipeline_job_uuid': '{{workflow.uid}}',
  '.pipeline_job_create_time_utc': '{{workflow.creationTimestamp}}',
  '.pipeline_job_schedule_time_utc': '{{workflow.creationTimestamp}}',
  '.pipeline_task_uuid': '{{pod.name}}',
};

function refuse(placeholder: string, why: string, scope: PlaceholderScope): never {
  throw new KfsError('KFS621', `${placeholder}: ${why}`, { ...scope.where, field: placeholder });
}

function replaceOne(placeholder: string, scope: PlaceholderScope): string {
  const inner = placeholder.slice(3, -2);
  if (inner === '') {
    if (scope.executorInput === undefined) refuse(placeholder, 'the whole executor input is not available here.', scope);
    return scope.executorInput;
  }
  if (inner === '.outputs.output_file' || inner === '.outputMetadataUri') return EXECUTOR_OUTPUT_FILE;
  const fact = JOB_FACTS[inner];
  if (fact !== undefined) return fact;
  if (inner === '.pipeline_task_name') return scope.taskName;
  if (inner === '.workspace_path') {
    if (!scope.hasWorkspace) refuse(placeholder, 'the pipeline has no workspace; set one in the pipeline settings.', scope);
    return WORKSPACE_MOUNT;
  }
  const match = NAMED.exec(inner);
  if (!match) refuse(placeholder, 'this KFP value has no equivalent in an Argo Workflow.', scope);
  const [, side, kind, single, double, field] = match;
  const name = single ?? double ?? '';
  if (side === 'inputs') {
    if (!scope.declaredInputs.has(name)) refuse(placeholder, `the component has no input "${name}".`, scope);
    if (kind === 'parameters') {
      if (field !== undefined) refuse(placeholder, `".${field}" of a parameter has no Argo equivalent.`, scope);
      const argo = scope.inputParameters.get(name);
      // An input the task does not give, used outside IfPresent: KFP would fail the task; Argo gets empty text.
      return argo === undefined ? '' : `{{inputs.parameters.${argo}}}`;
    }
    if (field !== 'path') refuse(placeholder, `only the path of an input artifact reaches an Argo container, not its ${field ?? 'value'}.`, scope);
    const argo = scope.inputArtifacts.get(name);
    return argo === undefined ? '' : inputArtifactPath(argo);
  }
  const outputs = kind === 'parameters' ? scope.outputParameters : scope.outputArtifacts;
  const argo = outputs.get(name);
  if (argo === undefined) refuse(placeholder, `the component has no output "${name}".`, scope);
  const wanted = kind === 'parameters' ? 'output_file' : 'path';
  if (field !== wanted) refuse(placeholder, `only the ${wanted} of an output is known to an Argo container.`, scope);
  return outputPath(argo);
}

export function rewriteText(text: string, scope: PlaceholderScope): string {
  return text.replace(PLACEHOLDER, (placeholder) => replaceOne(placeholder, scope));
}

function isPresent(input: string, scope: PlaceholderScope): boolean {
  return scope.inputParameters.has(input) || scope.inputArtifacts.has(input);
}

/** One command/args item as the strings it becomes (an IfPresent may give none or several). */
export function rewriteArg(arg: CommandArg, scope: PlaceholderScope): string[] {
  if (typeof arg === 'string') return [rewriteText(arg, scope)];
  if ('concat' in arg) return [arg.concat.flatMap((part) => rewriteArg(part, scope)).join('')];
  const { input, then, else: otherwise } = arg.ifPresent;
  if (!scope.declaredInputs.has(input)) {
    throw new KfsError('KFS621', `IfPresent names "${input}", which the component does not declare.`, { ...scope.where, field: input });
  }
  const chosen = isPresent(input, scope) ? then : (otherwise ?? []);
  return chosen.flatMap((part) => rewriteArg(part, scope));
}

export function rewriteArgs(args: readonly CommandArg[] | undefined, scope: PlaceholderScope): string[] {
  return (args ?? []).flatMap((arg) => rewriteArg(arg, scope));
}
