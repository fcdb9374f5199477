// v1 command-line placeholders to the model's CommandArg, as kfp.dsl.placeholders
// maybe_convert_v1_yaml_placeholder_to_v2_placeholder does:
//   {inputValue: x} -> {{$.inputs.parameters['x']}}        {inputPath: x} -> {{$.inputs.artifacts['x'].path}}
//   {inputUri: x}   -> {{$.inputs.artifacts['x'].uri}}     {outputUri: x} -> {{$.outputs.artifacts['x'].uri}}
//   {outputPath: x} -> {{$.outputs.parameters['x'].output_file}} for a parameter output, else {{$.outputs.artifacts['x'].path}}
//   {executorInput} -> {{$}}    {concat: [...]} -> {concat}    {if: {cond: {isPresent: x}, then, else}} -> {ifPresent}
// Names are sanitized (kfp.dsl.utils.sanitize_input_name). Beyond the SDK: an `if` whose condition is a constant
// (true/false, or the text "true"/"false") is resolved here, as the v1 SDK did; any other condition is refused.
import type { CommandArg } from '../model/document';
import type { Dict, ImportContext } from './component-shape';
import { describeValue, isDict, refuse } from './component-shape';

export type ReferenceKind = 'inputValue' | 'inputPath' | 'inputUri' | 'outputPath' | 'outputUri' | 'isPresent';

/** Resolves one reference to a port: checks the name, and answers the placeholder text (or the sanitized name for isPresent). */
export interface PlaceholderHost {
  reference(kind: ReferenceKind, rawName: unknown, field: string): string;
  /** Sees each literal text item, which may already hold KFP v2 placeholders (some v1 files mix them in). */
  literal?(text: string): void;
}

const SUPPORTED = ['inputValue', 'inputPath', 'inputUri', 'outputPath', 'outputUri', 'executorInput', 'concat', 'if', 'ifPresent'];

export const EXECUTOR_INPUT_PLACEHOLDER = '{{$}}';

function unsupported(key: string, field: string, ctx: ImportContext): never {
  return refuse(
    'KFS412',
    `Unsupported placeholder \`${key}\`; a component can use ${SUPPORTED.map((s) => `\`${s}\``).join(', ')}.`,
    ctx,
    { field },
  );
}

function staticCondition(cond: unknown): boolean | undefined {
  if (typeof cond === 'boolean') return cond;
  if (typeof cond === 'string') {
    const word = cond.trim().toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
  }
  return undefined;
}

function branch(value: unknown, field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => convertArg(item, `${field}[${i}]`, host, ctx));
  return convertArg(value, field, host, ctx);
}

function convertIf(body: unknown, field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  if (!isDict(body)) return refuse('KFS412', `\`if\` needs a mapping with \`cond\` and \`then\`, not ${describeValue(body)}.`, ctx, { field });
  const cond = body['cond'];
  const known = staticCondition(cond);
  if (known !== undefined) {
    return known ? branch(body['then'], `${field}.then`, host, ctx) : branch(body['else'], `${field}.else`, host, ctx);
  }
  if (!isDict(cond) || Object.keys(cond).length !== 1 || !('isPresent' in cond)) {
    return refuse(
      'KFS412',
      'An `if` condition must be `{isPresent: input}` or a constant true/false; conditions on input values cannot be decided before the run.',
      ctx,
      { field: `${field}.cond` },
    );
  }
  const input = host.reference('isPresent', cond['isPresent'], `${field}.cond.isPresent`);
  const then = branch(body['then'], `${field}.then`, host, ctx);
  const otherwise = 'else' in body && body['else'] !== null && body['else'] !== undefined ? branch(body['else'], `${field}.else`, host, ctx) : undefined;
  return [{ ifPresent: { input, then, ...(otherwise !== undefined ? { else: otherwise } : {}) } }];
}

function convertIfPresent(body: unknown, field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  if (!isDict(body)) return refuse('KFS412', `\`ifPresent\` needs a mapping with \`inputName\` and \`then\`, not ${describeValue(body)}.`, ctx, { field });
  const input = host.reference('isPresent', body['inputName'], `${field}.inputName`);
  const then = branch(body['then'], `${field}.then`, host, ctx);
  const otherwise = body['else'] !== undefined && body['else'] !== null ? branch(body['else'], `${field}.else`, host, ctx) : undefined;
  return [{ ifPresent: { input, then, ...(otherwise !== undefined ? { else: otherwise } : {}) } }];
}

function convertDict(arg: Dict, field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  const keys = Object.keys(arg);
  if (keys.length !== 1) {
    return refuse('KFS412', `A placeholder is a mapping with exactly one key; found ${keys.length ? keys.map((k) => `\`${k}\``).join(', ') : 'none'}.`, ctx, { field });
  }
  const key = keys[0] as string;
  const value = arg[key];
  switch (key) {
    case 'inputValue':
    case 'inputPath':
    case 'inputUri':
    case 'outputPath':
    case 'outputUri':
      return [host.reference(key, value, `${field}.${key}`)];
    case 'executorInput':
      return [EXECUTOR_INPUT_PLACEHOLDER];
    case 'concat': {
      if (!Array.isArray(value)) return refuse('KFS412', `\`concat\` needs a list, not ${describeValue(value)}.`, ctx, { field: `${field}.concat` });
      const items = value.flatMap((item, i) => convertArg(item, `${field}.concat[${i}]`, host, ctx));
      return [{ concat: items }];
    }
    case 'if':
      return convertIf(value, `${field}.if`, host, ctx);
    case 'ifPresent':
      return convertIfPresent(value, `${field}.ifPresent`, host, ctx);
    default:
      return unsupported(key, field, ctx);
  }
}

/**
 * One item of a v1 `command`, `args` or placeholder body, as zero or more CommandArgs (a constant `if` can expand to
 * several or none). Numbers and booleans become their text, as the v1 SDK passed them.
 */
export function convertArg(arg: unknown, field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  if (typeof arg === 'string') {
    host.literal?.(arg);
    return [arg];
  }
  if (typeof arg === 'number' || typeof arg === 'boolean') return [String(arg)];
  if (isDict(arg)) return convertDict(arg, field, host, ctx);
  return refuse('KFS412', `A command-line item must be text or a placeholder, not ${describeValue(arg)}.`, ctx, { field });
}

export function convertArgList(list: unknown[], field: string, host: PlaceholderHost, ctx: ImportContext): CommandArg[] {
  return list.flatMap((item, i) => convertArg(item, `${field}[${i}]`, host, ctx));
}

/** An environment value must end up as one text: plain placeholders and concatenations of them are joined. */
export function flattenToText(args: CommandArg[], field: string, ctx: ImportContext): string {
  let text = '';
  for (const arg of args) {
    if (typeof arg === 'string') text += arg;
    else if ('concat' in arg) text += flattenToText(arg.concat, field, ctx);
    else refuse('KFS412', 'An environment variable cannot hold an `if`/`ifPresent` placeholder; put it in the command or args.', ctx, { field });
  }
  return text;
}
