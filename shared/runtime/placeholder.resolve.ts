// KFP placeholders in a step's command and args, resolved from its ExecutorInput: `{{$}}`, input and output
// parameters and artifacts (`.path`, `.uri`, `.metadata`), job and task facts, and the JSON-string structures
// `{"Concat": [...]}` and `{"IfPresent": {...}}`, anywhere inside a larger string. What the local runtime cannot know
// (Google Cloud project, ...) or does not understand is refused with KFS803 naming the placeholder.
import { KfsError, type Location } from '../errors/codes';
import { artifactPath, type ExecutorInput } from './executor-input';
import { parameterToText } from './parameter-value';
import { hasOwnName, own } from '../names/names';

export interface PlaceholderContext {
  executorInput: ExecutorInput;
  job: { name: string; id: string; resourceName: string; createTimeUtc: string; pipelineRoot: string; workspacePath?: string };
  task: { name: string; id: string };
  where?: Location;
}

const PLACEHOLDER = /\{\{\$(\.[^{}]*?)?\}\}/g;
const NAMED = /^\.(inputs|outputs)\.(parameters|artifacts)\[\s*(?:'([^']*)'|"([^"]*)")\s*\](?:\.(\w+))?$/;

/** Job- and task-level placeholders; the ones not listed here are refused. */
const JOB_FACTS: { [key: string]: (ctx: PlaceholderContext) => string | undefined } = {
  '.pipeline_job_name': (ctx) => ctx.job.name,
  '.pipeline_job_resource_name': (ctx) => ctx.job.resourceName,
  '.pipeline_job_uuid': (ctx) => ctx.job.id,
  '.pipeline_job_create_time_utc': (ctx) => ctx.job.createTimeUtc,
  '.pipeline_job_schedule_time_utc': (ctx) => ctx.job.createTimeUtc,
  '.pipeline_task_name': (ctx) => ctx.task.name,
  '.pipeline_task_uuid': (ctx) => ctx.task.id,
  '.pipeline_root': (ctx) => ctx.job.pipelineRoot,
  '.workspace_path': (ctx) => ctx.job.workspacePath,
  // Vertex AI documents it as empty when the job runs on demand, as every local run does.
  '.pipeline_persistent_resource_id': () => '',
  '.outputs.output_file': (ctx) => ctx.executorInput.outputs.outputFile,
  '.outputMetadataUri': (ctx) => ctx.executorInput.outputs.outputFile,
};

function refuse(placeholder: string, why: string, ctx: PlaceholderContext): never {
  throw new KfsError('KFS803', `${placeholder}: ${why}`, { ...ctx.where, field: placeholder });
}

/** The value of one placeholder (`{{$...}}`, braces included). */
export function resolvePlaceholder(placeholder: string, ctx: PlaceholderContext): string {
  const inner = placeholder.slice(3, -2);
  if (inner === '') return JSON.stringify(ctx.executorInput);
  const fact = JOB_FACTS[inner];
  if (fact) {
    const value = fact(ctx);
    if (value === undefined) refuse(placeholder, 'this value is not available in this run.', ctx);
    return value;
  }
  const match = NAMED.exec(inner);
  if (!match) {
    if (inner.startsWith('.pipeline_google_cloud')) {
      refuse(placeholder, 'a Google Cloud (Vertex AI) value that only exists there; the local runtime cannot provide it.', ctx);
    }
    refuse(placeholder, 'this placeholder is not one the local runtime understands.', ctx);
  }
  const [, side, kind, single, double, field] = match;
  const name = single ?? double ?? '';
  const io = side === 'inputs' ? ctx.executorInput.inputs : ctx.executorInput.outputs;
  if (kind === 'parameters') {
    if (side === 'inputs') {
      if (field !== undefined) refuse(placeholder, `an input parameter has no ".${field}".`, ctx);
      const values = ctx.executorInput.inputs.parameterValues;
      if (!hasOwnName(values, name) || values[name] === null) {
        refuse(placeholder, `input "${name}" has no value: connect it, give it a default, or wrap the argument in IfPresent.`, ctx);
      }
      return parameterToText(values[name]);
    }
    if (field !== 'output_file') refuse(placeholder, 'an output parameter is written through its ".output_file".', ctx);
    const file = own(ctx.executorInput.outputs.parameters, name)?.outputFile;
    if (file === undefined) refuse(placeholder, `the component declares no output parameter "${name}".`, ctx);
    return file;
  }
  const list = own(io.artifacts as ExecutorInput['inputs']['artifacts'], name)?.artifacts;
  const artifact = list?.[0];
  if (!artifact) {
    refuse(placeholder, side === 'inputs' ? `input artifact "${name}" was not given: connect it or wrap the argument in IfPresent.` : `the component declares no output artifact "${name}".`, ctx);
  }
  switch (field) {
    case 'path':
      return artifactPath(artifact.uri);
    case 'uri':
      return artifact.uri;
    case 'metadata':
      return JSON.stringify(artifact.metadata ?? {});
    default:
      return refuse(placeholder, 'an artifact is used through ".path", ".uri" or ".metadata".', ctx);
  }
}

/** Every placeholder inside a string replaced; text around them is kept. */
export function resolveString(text: string, ctx: PlaceholderContext): string {
  if (!text.includes('{{$')) return text;
  return text.replace(PLACEHOLDER, (placeholder) => resolvePlaceholder(placeholder, ctx));
}

type Resolved = string | string[] | undefined;

function isProvided(name: string, ctx: PlaceholderContext): boolean {
  const values = ctx.executorInput.inputs.parameterValues;
  if (hasOwnName(values, name) && values[name] !== null && values[name] !== undefined) return true;
  return (ctx.executorInput.inputs.artifacts[name]?.artifacts.length ?? 0) > 0;
}

function resolveStruct(node: unknown, ctx: PlaceholderContext, inConcat: boolean, source: string): Resolved {
  if (typeof node === 'string') return resolveString(node, ctx);
  if (Array.isArray(node)) {
    if (inConcat) refuse(source, 'a list cannot be joined inside Concat.', ctx);
    return node.flatMap((item) => resolveStruct(item, ctx, false, source) ?? []);
  }
  if (typeof node !== 'object' || node === null) refuse(source, 'a structure placeholder holds something other than text.', ctx);
  const record = node as { [key: string]: unknown };
  if (Array.isArray(record.Concat)) {
    return record.Concat.map((part) => {
      const value = resolveStruct(part, ctx, true, source);
      return Array.isArray(value) ? value.join('') : (value ?? '');
    }).join('');
  }
  const ifPresent = record.IfPresent as { [key: string]: unknown } | undefined;
  if (ifPresent && typeof ifPresent === 'object' && typeof ifPresent.InputName === 'string') {
    const branch = isProvided(ifPresent.InputName, ctx) ? ifPresent.Then : ifPresent.Else;
    if (branch === undefined || branch === null) return undefined;
    const value = resolveStruct(branch, ctx, false, source);
    if (inConcat && Array.isArray(value)) return value.join('');
    return value;
  }
  return refuse(source, 'a structure placeholder must be {"Concat": [...]} or {"IfPresent": {"InputName": ..., "Then": ...}}.', ctx);
}

/** Whether a command-line item is a JSON-string structure placeholder. */
export function isStructPlaceholder(item: string): boolean {
  return /^\{\s*"(Concat|IfPresent)"\s*:/.test(item);
}

/** A whole command or args list resolved: structures expanded (an absent IfPresent drops its item), strings filled in. */
export function resolveCommandLine(items: readonly string[], ctx: PlaceholderContext): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (isStructPlaceholder(item)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(item);
      } catch {
        refuse(item.slice(0, 60), 'this looks like a Concat or IfPresent placeholder but is not valid JSON.', ctx);
      }
      const value = resolveStruct(parsed, ctx, false, item.length > 60 ? `${item.slice(0, 57)}...` : item);
      if (Array.isArray(value)) out.push(...value);
      else if (value !== undefined) out.push(value);
    } else {
      out.push(resolveString(item, ctx));
    }
  }
  return out;
}

/** Placeholders resolved in every string of a JSON value (constants and defaults may be lists or structs). */
export function resolveJsonValue<T>(value: T, ctx: PlaceholderContext): T {
  if (typeof value === 'string') return resolveString(value, ctx) as T;
  if (Array.isArray(value)) return value.map((item) => resolveJsonValue(item, ctx)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveJsonValue(item, ctx)])) as T;
  }
  return value;
}

/** Whether a JSON value holds a placeholder anywhere. */
export function hasPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{$');
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasPlaceholder);
  return false;
}

/** Every distinct placeholder (`{{$...}}`) written in a string, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}
