// Every placeholder form the real KFP SDK wrote in ../shared/kfp/ir/valid, resolved by the local runtime or refused
// with a clear KFS803: found at test time by scanning each executor's command and args and each task's constants.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import type { JsonValue } from '../../shared/model/document';
import { artifactPath, buildExecutorInput } from '../../shared/runtime/executor-input';
import { parameterToText } from '../../shared/runtime/parameter-value';
import { parsePipelineIr, type IrComponent } from '../../shared/runtime/pipeline-ir.parse';
import { isStructPlaceholder, placeholdersIn, resolveCommandLine, resolvePlaceholder, type PlaceholderContext } from '../../shared/runtime/placeholder.resolve';
import type { ArtifactValue } from '../../shared/runtime/runtime';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

function sample(type: string, name: string): JsonValue {
  switch (type) {
    case 'NUMBER_INTEGER':
      return 7;
    case 'NUMBER_DOUBLE':
      return 0.5;
    case 'BOOLEAN':
      return true;
    case 'LIST':
      return ['x', 'y'];
    case 'STRUCT':
    case 'TASK_FINAL_STATUS':
      return { key: name };
    default:
      return `value of ${name}`;
  }
}

function contextFor(component: IrComponent, withOptional: boolean): PlaceholderContext {
  const parameters: { [name: string]: JsonValue } = {};
  for (const [name, def] of Object.entries(component.inputs.parameters)) if (withOptional || !def.isOptional) parameters[name] = sample(def.parameterType, name);
  const artifacts: { [name: string]: ArtifactValue[] } = {};
  for (const [name, def] of Object.entries(component.inputs.artifacts)) {
    if (withOptional || !def.isOptional) artifacts[name] = [{ name, uri: `/data/in/${name}`, schemaTitle: def.schemaTitle, metadata: { from: name } }];
  }
  const outputParameterFiles: { [name: string]: string } = {};
  for (const name of Object.keys(component.outputs.parameters)) outputParameterFiles[name] = `/data/out/params/${name}`;
  const outputArtifacts: { [name: string]: ArtifactValue[] } = {};
  for (const [name, def] of Object.entries(component.outputs.artifacts)) outputArtifacts[name] = [{ name, uri: `/data/out/artifacts/${name}`, schemaTitle: def.schemaTitle, metadata: {} }];
  return {
    executorInput: buildExecutorInput({ parameters, artifacts, outputParameterFiles, outputArtifacts, executorOutputFile: '/data/out/executor_output.json' }),
    job: { name: 'job', id: 'run-1', resourceName: 'run-1', createTimeUtc: '2026-01-01T00:00:00Z', pipelineRoot: '/data', workspacePath: '/data/workspace' },
    task: { name: 'task', id: 'run-1/task' },
  };
}

/** A placeholder with its names replaced, so `inputs.parameters['a']` and `['b']` are one form. */
function formOf(placeholder: string): string {
  return placeholder.replace(/\[\s*(?:'[^']*'|"[^"]*")\s*\]/g, "['X']");
}

/** What a resolvable placeholder must become, from the context, independently of the resolver. */
function expected(placeholder: string, ctx: PlaceholderContext): string | undefined {
  const ei = ctx.executorInput;
  if (placeholder === '{{$}}') return JSON.stringify(ei);
  const m = /^\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']*)'\](?:\.(\w+))?\}\}$/.exec(placeholder);
  if (!m) return undefined;
  const [, side, kind, name = '', field] = m;
  if (side === 'inputs' && kind === 'parameters') return parameterToText(ei.inputs.parameterValues[name]);
  if (side === 'outputs' && kind === 'parameters') return ei.outputs.parameters[name]?.outputFile;
  const artifact = (side === 'inputs' ? ei.inputs.artifacts : ei.outputs.artifacts)[name]?.artifacts[0];
  if (!artifact) return undefined;
  return field === 'path' ? artifactPath(artifact.uri) : field === 'uri' ? artifact.uri : field === 'metadata' ? JSON.stringify(artifact.metadata) : undefined;
}

describe.skipIf(!hasKfp)('placeholders of the KFP reference pipelines (ir/valid)', () => {
  const files = listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f));
  const forms = new Map<string, { resolved: number; refused: number; example: string; refusal?: string }>();
  let lines = 0;

  const note = (placeholder: string, ctx: PlaceholderContext): void => {
    const form = formOf(placeholder);
    const entry = forms.get(form) ?? { resolved: 0, refused: 0, example: placeholder };
    forms.set(form, entry);
    try {
      const value = resolvePlaceholder(placeholder, ctx);
      entry.resolved++;
      const want = expected(placeholder, ctx);
      if (want !== undefined) expect(value, placeholder).toBe(want);
      expect(value).not.toContain('{{$');
    } catch (error) {
      if (!isKfsError(error)) throw error;
      expect(error.code).toBe('KFS803');
      expect(error.message).toContain(placeholder);
      entry.refused++;
      entry.refusal = error.message;
    }
  };

  it('resolves every command line, or refuses it with KFS803 naming the placeholder', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ir = parsePipelineIr(readFileSync(file, 'utf8'), { file: path.basename(file) });
      for (const component of Object.values(ir.components)) {
        const executor = component.executorLabel ? ir.executors[component.executorLabel] : undefined;
        if (executor?.kind !== 'container') continue;
        for (const withOptional of [true, false]) {
          const ctx = contextFor(component, withOptional);
          lines++;
          try {
            const argv = resolveCommandLine([...executor.command, ...executor.args], ctx);
            for (const item of argv) expect(item, `${path.basename(file)} ${component.name}`).not.toMatch(/\{\{\$[^}]*\}\}/);
          } catch (error) {
            if (!isKfsError(error)) throw error;
            expect(error.code).toBe('KFS803');
            // Without its optional inputs, a step may use one outside IfPresent: refused, never left unresolved.
            expect(error.message).toMatch(/\{\{\$|Concat|IfPresent/);
          }
          if (withOptional) {
            for (const item of [...executor.command, ...executor.args]) {
              if (isStructPlaceholder(item)) {
                const head = /^\{\s*"(\w+)"/.exec(item)?.[1] ?? '';
                const entry = forms.get(`struct:${head}`) ?? { resolved: 0, refused: 0, example: item.slice(0, 80) };
                forms.set(`struct:${head}`, entry);
                entry.resolved++;
              }
              for (const placeholder of placeholdersIn(item)) note(placeholder, ctx);
            }
          }
        }
      }
      // Constants and input defaults may hold placeholders too (f-strings of inputs, job and task facts), in nested
      // lists and structs as well.
      const stringsIn = (value: unknown): string[] =>
        typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsIn) : value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];
      for (const component of Object.values(ir.components)) {
        const ctx = contextFor(component, true);
        for (const def of Object.values(component.inputs.parameters)) for (const text of stringsIn(def.defaultValue)) for (const p of placeholdersIn(text)) note(p, ctx);
      }
      for (const component of [ir.root, ...Object.values(ir.components)]) {
        for (const task of Object.values(component.dag?.tasks ?? {})) {
          const params: { [name: string]: JsonValue } = {};
          for (const [name, source] of Object.entries(task.parameters)) params[name] = source.kind === 'constant' ? source.value : `value of ${name}`;
          const ctx = contextFor({ name: 'c', inputs: { parameters: {}, artifacts: {} }, outputs: { parameters: {}, artifacts: {} } }, true);
          Object.assign(ctx.executorInput.inputs.parameterValues, params);
          for (const source of Object.values(task.parameters)) {
            if (source.kind === 'constant') for (const text of stringsIn(source.value)) for (const placeholder of placeholdersIn(text)) note(placeholder, ctx);
          }
        }
      }
    }
    const table = [...forms.entries()].sort(([a], [b]) => a.localeCompare(b));
    const resolved = table.filter(([, e]) => e.refused === 0).length;
    console.log(`placeholder forms in ${files.length} IR files (${lines} command lines): ${table.length} distinct, ${resolved} resolved, ${table.length - resolved} refused`);
    for (const [form, e] of table) console.log(`  ${e.refused ? 'refused ' : 'resolved'} ${form}${e.refusal ? ` — ${e.refusal}` : ''}`);
    expect(table.length).toBeGreaterThan(5);
    // The forms a container step needs to run must all resolve.
    for (const form of ['{{$}}', "{{$.inputs.parameters['X']}}", "{{$.inputs.artifacts['X'].path}}", "{{$.outputs.parameters['X'].output_file}}", "{{$.outputs.artifacts['X'].path}}", 'struct:IfPresent', 'struct:Concat']) {
      const entry = forms.get(form);
      expect(entry, form).toBeDefined();
      expect(entry?.refused, form).toBe(0);
    }
  });
});
