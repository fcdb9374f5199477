// The values of an IR task's inputs (constants, references, f-string templates) and of a DAG's outputs, as model
// arguments and graph outputs.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import { CHANNEL_PREFIX } from '../compile/ir-names';
import type { Argument, ComponentSpec, GraphOutput, PortSpec, TemplatePart } from '../model/document';
import type { IrMap } from './ir-ports.import';
import { isMap, mapAt } from './ir-ports.import';
import type { RefResolver, Scope } from './ir-refs.import';

const TEMPLATE_REF = /\{\{\$\.inputs\.parameters\['([^']+)'\]\}\}/g;

/** A task's arguments; `pipelinechannel--` inputs the component does not declare feed the f-string templates. */
export function taskArguments(
  refs: RefResolver,
  task: IrMap,
  component: ComponentSpec,
  scope: Scope,
  where: Location,
): { [input: string]: Argument } {
  const inputs = mapAt(task.inputs, 'inputs', where);
  let declared: Set<string> | undefined;
  const channels = new Map<string, unknown>();
  const args: { [input: string]: Argument } = {};
  const direct: [string, unknown][] = [];
  for (const bucket of ['parameters', 'artifacts']) {
    for (const [name, ref] of Object.entries(mapAt(inputs[bucket], bucket, where))) {
      if (bucket === 'parameters' && name.startsWith(CHANNEL_PREFIX) && !(declared ??= new Set(component.inputs.map((p) => p.name))).has(name)) channels.set(name, ref);
      else direct.push([name, ref]);
    }
  }
  const usedChannels = new Set<string>();
  for (const [name, ref] of direct) {
    // Only a task with undeclared channel inputs can hold a template.
    const constant = channels.size > 0 && isMap(ref) && isMap(ref.runtimeValue) ? ref.runtimeValue.constant : undefined;
    const structured = constant !== undefined && constant !== null && typeof constant === 'object';
    const text = typeof constant === 'string' ? constant : structured ? JSON.stringify(constant) : undefined;
    if (text !== undefined && channels.size > 0 && [...text.matchAll(TEMPLATE_REF)].some((m) => channels.has(m[1] as string))) {
      const made = template(refs, text, channels, scope, usedChannels, { ...where, port: name });
      args[name] = typeof constant === 'string' ? made : { ...made, format: 'json' };
    } else args[name] = refs.resolve(ref, scope, where, name);
  }
  for (const channel of channels.keys()) {
    if (!usedChannels.has(channel)) {
      throw new KfsError('KFS612', `Task input "${channel}" is used only in a way the editor cannot hold (such as a resource placeholder).`, {
        ...where,
        port: channel,
      });
    }
  }
  return args;
}

function template(
  refs: RefResolver,
  text: string,
  channels: Map<string, unknown>,
  scope: Scope,
  used: Set<string>,
  where: Location,
): Extract<Argument, { kind: 'template' }> {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(TEMPLATE_REF)) {
    const channel = match[1] as string;
    if (!channels.has(channel)) continue;
    const index = match.index;
    if (index > last) parts.push(text.slice(last, index));
    const value = refs.resolve(channels.get(channel), scope, { ...where, port: channel });
    if (value.kind === 'template') throw new KfsError('KFS612', 'A template inside a template is not supported.', where);
    parts.push(value);
    used.add(channel);
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { kind: 'template', parts };
}

export function graphOutputs(refs: RefResolver, dag: IrMap, ports: PortSpec[], where: Location): GraphOutput[] {
  const outputs = mapAt(dag.outputs, 'dag.outputs', where);
  const result: GraphOutput[] = [];
  for (const bucket of ['parameters', 'artifacts'] as const) {
    for (const [name, raw] of Object.entries(mapAt(outputs[bucket], bucket, where))) {
      const owhere = { ...where, output: name };
      const spec = mapAt(raw, name, owhere);
      const port = ports.find((p) => p.name === name);
      if (!port) throw new KfsError('KFS611', `DAG output ${name} is not declared in outputDefinitions.`, owhere);
      const selectors = bucket === 'parameters' ? [spec.valueFromParameter] : Array.isArray(spec.artifactSelectors) ? spec.artifactSelectors : [];
      if (bucket === 'parameters' && isMap(spec.valueFromOneof)) throw new KfsError('KFS612', 'A oneOf pipeline output directly in the DAG is not supported.', owhere);
      const sources = selectors.map((s) => {
        const sel = mapAt(s, 'selector', owhere);
        const producer = sel.producerSubtask;
        const key = sel.outputParameterKey ?? sel.outputArtifactKey;
        if (typeof producer !== 'string' || typeof key !== 'string') throw new KfsError('KFS610', 'An output selector needs producerSubtask and a key.', owhere);
        return refs.output(producer, key, owhere);
      });
      let source: Argument;
      if (sources.length === 1) source = sources[0] as Argument;
      else {
        source = {
          kind: 'oneOf',
          sources: sources.map((s) => {
            if (s.kind !== 'taskOutput') throw new KfsError('KFS612', 'A oneOf source must be a task output.', owhere);
            return { task: s.task, output: s.output };
          }),
        };
      }
      result.push({ name, type: port.type, source, ...(port.description !== undefined ? { description: port.description } : {}) });
    }
  }
  return result;
}
