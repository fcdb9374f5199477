// A KFP v2 component YAML: the IR PipelineSpec the SDK writes for one component (`kfp.compiler` on a component,
// or `save_to_component_yaml`). As kfp.dsl.structures.ComponentSpec.from_ir_dicts does, we take the component
// `comp-<name>` (falling back to `root`), its executor `exec-<name>`, and their input/output definitions.
// When those keys are missing but `root` runs exactly one task, that task's component is taken.
// A compiled pipeline (a DAG of several tasks) is not a component: it is refused, to be opened as a pipeline.
import type { CommandArg, ComponentSpec, ContainerImplementation, EnvVar, JsonValue, KfpType, ParameterType, PortSpec } from '../model/document';
import { PARAMETER_TYPES } from '../model/document';
import { renameForK8s } from '../types/v1-types';
import type { Dict, ImportContext } from './component-shape';
import { describeValue, isDict, optionalDict, optionalList, optionalString, refuse, toJsonValue } from './component-shape';

/** The deprecated `type` field of early IR (PrimitiveType). */
const LEGACY_TYPES: Record<string, ParameterType> = { INT: 'NUMBER_INTEGER', DOUBLE: 'NUMBER_DOUBLE', STRING: 'STRING' };

function parameterType(def: Dict, field: string, ctx: ImportContext, port: string): ParameterType {
  const raw = def['parameterType'] ?? (typeof def['type'] === 'string' ? LEGACY_TYPES[def['type']] : undefined);
  if (typeof raw === 'string' && (PARAMETER_TYPES as readonly string[]).includes(raw)) return raw as ParameterType;
  return refuse('KFS415', `Parameter ${JSON.stringify(port)} has an unknown type ${describeValue(raw)}.`, ctx, { field, port });
}

function artifactType(def: Dict, field: string, ctx: ImportContext, port: string): KfpType {
  const type = def['artifactType'];
  const title = isDict(type) ? type['schemaTitle'] : undefined;
  if (typeof title !== 'string' || title === '') {
    return refuse('KFS415', `Artifact ${JSON.stringify(port)} has no \`artifactType.schemaTitle\`.`, ctx, { field: `${field}.artifactType`, port });
  }
  const version = isDict(type) && typeof type['schemaVersion'] === 'string' ? type['schemaVersion'] : '0.0.1';
  return { kind: 'artifact', schemaTitle: title, schemaVersion: version, ...(def['isArtifactList'] === true ? { isList: true } : {}) };
}

function readDefinitions(component: Dict, key: 'inputDefinitions' | 'outputDefinitions', base: string, ctx: ImportContext): PortSpec[] {
  const defs = optionalDict(component, key, `${base}.${key}`, ctx, 'KFS415') ?? {};
  const ports: PortSpec[] = [];
  for (const group of ['parameters', 'artifacts'] as const) {
    const entries = optionalDict(defs, group, `${base}.${key}.${group}`, ctx, 'KFS415') ?? {};
    for (const [name, def] of Object.entries(entries)) {
      const field = `${base}.${key}.${group}.${name}`;
      if (!isDict(def)) refuse('KFS415', `Port ${JSON.stringify(name)} must be a mapping, not ${describeValue(def)}.`, ctx, { field, port: name });
      const type: KfpType = group === 'parameters' ? { kind: 'parameter', type: parameterType(def, field, ctx, name) } : artifactType(def, field, ctx, name);
      const description = typeof def['description'] === 'string' ? def['description'] : undefined;
      const port: PortSpec = { name, type, ...(description !== undefined ? { description } : {}) };
      if (key === 'inputDefinitions') {
        // IR written by kfp<=2.0.0b8 had defaults without isOptional; the SDK treats those as optional.
        const optional = typeof def['isOptional'] === 'boolean' ? def['isOptional'] : 'defaultValue' in def;
        if (optional) port.optional = true;
        if (group === 'parameters' && def['defaultValue'] !== undefined) port.default = toJsonValue(def['defaultValue']) as JsonValue;
      }
      ports.push(port);
    }
  }
  return ports;
}

/** The IR spells Concat and IfPresent as JSON text inside a command item. */
function structuredArg(value: unknown, field: string, ctx: ImportContext): CommandArg {
  if (typeof value === 'string') {
    const text = value.trimStart();
    if (text.startsWith('{"Concat"') || text.startsWith('{"IfPresent"')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return value;
      }
      return structuredArg(parsed, field, ctx);
    }
    return value;
  }
  if (isDict(value)) {
    const concat = value['Concat'];
    if (Array.isArray(concat)) return { concat: concat.map((item, i) => structuredArg(item, `${field}.Concat[${i}]`, ctx)) };
    const ifPresent = value['IfPresent'];
    if (isDict(ifPresent) && typeof ifPresent['InputName'] === 'string') {
      const list = (branch: unknown, name: string): CommandArg[] =>
        (Array.isArray(branch) ? branch : [branch]).map((item, i) => structuredArg(item, `${field}.IfPresent.${name}[${i}]`, ctx));
      const otherwise = ifPresent['Else'];
      return {
        ifPresent: {
          input: ifPresent['InputName'],
          then: ifPresent['Then'] === undefined ? [] : list(ifPresent['Then'], 'Then'),
          ...(otherwise !== undefined && otherwise !== null ? { else: list(otherwise, 'Else') } : {}),
        },
      };
    }
  }
  return refuse('KFS412', `A command-line item must be text or a Concat/IfPresent placeholder, not ${describeValue(value)}.`, ctx, { field });
}

const PLACEHOLDER_REF = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']*)'\]/g;

function checkReferences(args: CommandArg[], field: string, inputs: Set<string>, outputs: Set<string>, ctx: ImportContext): void {
  args.forEach((arg, i) => {
    const at = `${field}[${i}]`;
    if (typeof arg === 'string') {
      for (const match of arg.matchAll(PLACEHOLDER_REF)) {
        const [, side, , name = ''] = match;
        if (!(side === 'inputs' ? inputs : outputs).has(name)) {
          refuse('KFS413', `The placeholder names ${side === 'inputs' ? 'input' : 'output'} ${JSON.stringify(name)}, which the component does not declare.`, ctx, { field: at, port: name });
        }
      }
    } else if ('concat' in arg) checkReferences(arg.concat, `${at}.Concat`, inputs, outputs, ctx);
    else {
      if (!inputs.has(arg.ifPresent.input)) {
        refuse('KFS413', `IfPresent names input ${JSON.stringify(arg.ifPresent.input)}, which the component does not declare.`, ctx, { field: at, port: arg.ifPresent.input });
      }
      checkReferences(arg.ifPresent.then, `${at}.IfPresent.Then`, inputs, outputs, ctx);
      if (arg.ifPresent.else) checkReferences(arg.ifPresent.else, `${at}.IfPresent.Else`, inputs, outputs, ctx);
    }
  });
}

function readContainer(container: Dict, base: string, ctx: ImportContext): ContainerImplementation {
  const image = container['image'];
  if (typeof image !== 'string' || image.trim() === '') refuse('KFS411', 'The executor container has no `image`.', ctx, { field: `${base}.image` });
  const command = optionalList(container, 'command', `${base}.command`, ctx).map((c, i) => structuredArg(c, `${base}.command[${i}]`, ctx));
  const args = optionalList(container, 'args', `${base}.args`, ctx).map((c, i) => structuredArg(c, `${base}.args[${i}]`, ctx));
  const env: EnvVar[] = optionalList(container, 'env', `${base}.env`, ctx).map((item, i) => {
    if (!isDict(item) || typeof item['name'] !== 'string') return refuse('KFS411', 'Each `env` entry needs a `name`.', ctx, { field: `${base}.env[${i}]` });
    const value = item['value'];
    return { name: item['name'], value: typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value) };
  });
  return { kind: 'container', image, ...(command.length ? { command } : {}), ...(args.length ? { args } : {}), ...(env.length ? { env } : {}) };
}

function singleTaskComponent(root: Dict, components: Dict, ctx: ImportContext): string | undefined {
  const dag = isDict(root['root']) && isDict(root['root']['dag']) ? root['root']['dag'] : undefined;
  const tasks = dag && isDict(dag['tasks']) ? Object.entries(dag['tasks']) : [];
  if (tasks.length !== 1) return undefined;
  const [taskName, task] = tasks[0] as [string, unknown];
  const ref = isDict(task) && isDict(task['componentRef']) ? task['componentRef']['name'] : undefined;
  if (typeof ref !== 'string') return undefined;
  if (!isDict(components[ref])) {
    refuse('KFS411', `Task ${JSON.stringify(taskName)} runs component \`${ref}\`, which \`components\` does not define.`, ctx, { task: taskName, field: `root.dag.tasks.${taskName}.componentRef` });
  }
  return ref;
}

export function importIrComponent(root: Dict, ctx: ImportContext, description?: string): ComponentSpec {
  const info = optionalDict(root, 'pipelineInfo', 'pipelineInfo', ctx);
  const name = info ? optionalString(info, 'name', 'pipelineInfo.name', ctx) : undefined;
  if (name === undefined || name === '') refuse('KFS411', 'The IR has no `pipelineInfo.name`.', ctx, { field: 'pipelineInfo.name' });
  const inner: ImportContext = { ...ctx, component: name };
  const components = optionalDict(root, 'components', 'components', inner) ?? {};
  const executors = optionalDict(optionalDict(root, 'deploymentSpec', 'deploymentSpec', inner) ?? {}, 'executors', 'deploymentSpec.executors', inner) ?? {};
  let key = `comp-${renameForK8s(name)}`;
  let component = components[key];
  if (!isDict(component)) {
    const only = singleTaskComponent(root, components, inner);
    key = only ?? key;
    component = only !== undefined ? components[only] : undefined;
  }
  if (!isDict(component)) {
    const tasks = isDict(root['root']) && isDict(root['root']['dag']) && isDict(root['root']['dag']['tasks']) ? Object.keys(root['root']['dag']['tasks']).length : 0;
    refuse('KFS414', `This is a compiled pipeline with ${tasks} tasks, not a single component; open it as a pipeline instead.`, inner, { field: 'root.dag' });
  }
  if (typeof component['executorLabel'] !== 'string') {
    refuse('KFS414', `Component ${key} is itself a pipeline (a DAG of tasks), not a single component; open the file as a pipeline instead.`, inner, { field: `components.${key}` });
  }
  const label = component['executorLabel'];
  const executor = executors[label];
  if (!isDict(executor)) refuse('KFS414', `Component ${key} has no executor \`${label}\` in deploymentSpec.executors.`, inner, { field: `deploymentSpec.executors.${label}` });
  const container = executor['container'];
  if (!isDict(container)) {
    const kinds = Object.keys(executor).join(', ') || 'nothing';
    refuse('KFS414', `Executor \`${label}\` holds ${kinds}; only container executors can be imported as a component.`, inner, { field: `deploymentSpec.executors.${label}` });
  }
  const base = `components.${key}`;
  const inputs = readDefinitions(component, 'inputDefinitions', base, inner);
  const outputs = readDefinitions(component, 'outputDefinitions', base, inner);
  const implementation = readContainer(container, `deploymentSpec.executors.${label}.container`, inner);
  const inputNames = new Set(inputs.map((p) => p.name));
  const outputNames = new Set(outputs.map((p) => p.name));
  const execBase = `deploymentSpec.executors.${label}.container`;
  checkReferences(implementation.command ?? [], `${execBase}.command`, inputNames, outputNames, inner);
  checkReferences(implementation.args ?? [], `${execBase}.args`, inputNames, outputNames, inner);
  return { name, ...(description ? { description } : {}), inputs, outputs, implementation };
}

/** The SDK's description for IR files: the `# Description:` comment block the compiler writes at the top. */
export function descriptionFromComments(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const heading = '# Description: ';
  const start = lines.findIndex((line, i) => i < 10 && line.startsWith(heading));
  if (start < 0) return undefined;
  let description = (lines[start] as string).slice(heading.length);
  const more = '#             ';
  for (let i = start + 1; i < lines.length && (lines[i] as string).startsWith(more); i++) {
    description += `\n${(lines[i] as string).slice(more.length)}`;
  }
  return description;
}
