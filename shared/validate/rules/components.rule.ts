// Each component of the document on its own: declared ports, an implementation that can run, placeholders that name
// declared ports, and sub-pipelines whose graph matches their interface and that do not include themselves.
import type { CommandArg, ComponentSpec, GraphImplementation, PortSpec } from '../../model/document';
import type { Report } from '../report';
import { entriesOf, isRecord, listOf, quote, text } from '../../model/shape';
import { isKfpType, sameType } from '../value-type';
import { typeLabel } from '../../types/type-compat';

const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\[(?:'([^']*)'|"([^"]*)")\]/g;

function checkPorts(report: Report, id: string, component: ComponentSpec): void {
  for (const side of ['inputs', 'outputs'] as const) {
    const seen = new Set<string>();
    listOf(component[side]).forEach((port, index) => {
      const site = { component: id, field: `${side}[${index}]` };
      if (!isRecord(port) || typeof port.name !== 'string' || port.name === '') {
        report.add('KFS402', `Component ${quote(id)} has ${side === 'inputs' ? 'an input' : 'an output'} without a name: name it or remove it.`, site);
        return;
      }
      const portSite = { component: id, port: port.name, field: `${side}[${index}]` };
      if (seen.has(port.name)) report.add('KFS302', `Component ${quote(id)} declares ${side === 'inputs' ? 'input' : 'output'} ${quote(port.name)} twice: rename or remove one.`, portSite);
      seen.add(port.name);
      if (!isKfpType(port.type)) report.add('KFS402', `${side === 'inputs' ? 'Input' : 'Output'} ${quote(port.name)} of component ${quote(id)} has no valid type: choose one.`, portSite);
    });
  }
}

function* stringsOf(args: readonly CommandArg[] | undefined, field: string): Generator<[string, string]> {
  let i = 0;
  for (const arg of listOf(args)) {
    const at = `${field}[${i++}]`;
    if (typeof arg === 'string') yield [arg, at];
    else if (!isRecord(arg)) continue;
    else if ('concat' in arg && Array.isArray(arg.concat)) yield* stringsOf(arg.concat, `${at}.concat`);
    else if ('ifPresent' in arg && isRecord(arg.ifPresent)) {
      yield* stringsOf(arg.ifPresent.then, `${at}.ifPresent.then`);
      yield* stringsOf(arg.ifPresent.else, `${at}.ifPresent.else`);
    }
  }
}

function* ifPresentsOf(args: readonly CommandArg[] | undefined, field: string): Generator<[string, string]> {
  let i = 0;
  for (const arg of listOf(args)) {
    const at = `${field}[${i++}]`;
    if (!isRecord(arg)) continue;
    if ('concat' in arg && Array.isArray(arg.concat)) yield* ifPresentsOf(arg.concat, `${at}.concat`);
    else if ('ifPresent' in arg && isRecord(arg.ifPresent)) {
      yield [text(arg.ifPresent.input), `${at}.ifPresent.input`];
      yield* ifPresentsOf(arg.ifPresent.then, `${at}.ifPresent.then`);
      yield* ifPresentsOf(arg.ifPresent.else, `${at}.ifPresent.else`);
    }
  }
}

function checkPlaceholders(report: Report, id: string, component: ComponentSpec, args: readonly CommandArg[] | undefined, field: string): void {
  const ports = {
    inputs: new Map(listOf(component.inputs).filter(isRecord).map((p) => [p.name, p] as [string, PortSpec])),
    outputs: new Map(listOf(component.outputs).filter(isRecord).map((p) => [p.name, p] as [string, PortSpec])),
  };
  for (const [text, at] of stringsOf(args, field)) {
    if (!text.includes('{{$.')) continue;
    for (const match of text.matchAll(PLACEHOLDER)) {
      const side = match[1] as 'inputs' | 'outputs';
      const kind = match[2] as 'parameters' | 'artifacts';
      const name = match[3] ?? match[4] ?? '';
      const port = ports[side].get(name);
      const which = side === 'inputs' ? 'input' : 'output';
      if (!port) {
        report.add('KFS402', `Component ${quote(id)} uses ${which} ${quote(name)} in its command (${at}) but declares no such ${which}: declare it or fix the placeholder.`, { component: id, field: at });
      } else if (isKfpType(port.type) && (port.type.kind === 'artifact') !== (kind === 'artifacts')) {
        report.add(
          'KFS402',
          `Component ${quote(id)} refers to ${which} ${quote(name)} as ${kind === 'artifacts' ? 'an artifact' : 'a parameter'} in its command (${at}), but it is ${port.type.kind === 'artifact' ? 'an artifact' : 'a parameter'}: use $.${side}.${port.type.kind === 'artifact' ? 'artifacts' : 'parameters'}['${name}'].`,
          { component: id, field: at },
        );
      }
    }
  }
  for (const [name, at] of ifPresentsOf(args, field)) {
    if (!ports.inputs.has(name)) report.add('KFS402', `Component ${quote(id)} tests whether input ${quote(name)} is present (${at}) but declares no such input: declare it or fix the test.`, { component: id, field: at });
  }
}

function checkGraphInterface(report: Report, id: string, component: ComponentSpec, impl: GraphImplementation): void {
  const graph = impl.graph;
  for (const side of ['inputs', 'outputs'] as const) {
    const declared = new Map(listOf(component[side]).filter(isRecord).map((p) => [p.name, p] as [string, { name: string; type: unknown }]));
    const inGraph = new Map(listOf(graph[side] as { name: string; type: unknown }[]).filter(isRecord).map((p) => [p.name, p] as [string, { name: string; type: unknown }]));
    const which = side === 'inputs' ? 'input' : 'output';
    for (const [name, port] of declared) {
      const inner = inGraph.get(name);
      if (!inner) report.add('KFS402', `Sub-pipeline ${quote(id)} declares ${which} ${quote(name)} but its graph has no such ${which}: add it to the graph or remove it from the component.`, { component: id, port: name });
      else if (isKfpType(port.type) && isKfpType(inner.type) && !sameType(port.type, inner.type)) {
        report.add('KFS402', `Sub-pipeline ${quote(id)} declares ${which} ${quote(name)} as ${typeLabel(port.type)} but its graph has ${typeLabel(inner.type)}: make them agree.`, { component: id, port: name });
      }
    }
    for (const name of inGraph.keys()) {
      if (!declared.has(name)) report.add('KFS402', `The graph of sub-pipeline ${quote(id)} has ${which} ${quote(name)} that the component does not declare: declare it or remove it from the graph.`, { component: id, port: name });
    }
  }
}

function checkFileOutputs(report: Report, id: string, component: ComponentSpec, files: unknown, hasCommand: boolean): void {
  if (!isRecord(files)) return;
  const outputs = new Set(listOf(component.outputs).flatMap((p) => (isRecord(p) && typeof p.name === 'string' ? [p.name] : [])));
  for (const [output, path] of Object.entries(files)) {
    const at = { component: id, field: `implementation.fileOutputs.${output}`, port: output };
    if (!outputs.has(output)) report.add('KFS422', `Component ${quote(id)} reads output ${quote(output)} from a file, but has no such output: declare it or remove the file.`, at);
    if (typeof path !== 'string' || !path.startsWith('/')) report.add('KFS422', `Output ${quote(output)} of component ${quote(id)} is read from ${quote(path)}: give the file's absolute path inside the container, such as /out/model.pkl.`, at);
  }
  if (Object.keys(files).length && !hasCommand) {
    report.add('KFS422', `Component ${quote(id)} reads outputs from files but runs the image's own entrypoint: write the command out, so it can be run before the files are collected.`, { component: id, field: 'implementation.command' });
  }
}

function checkImplementation(report: Report, id: string, component: ComponentSpec): void {
  for (const key of listOf(component.unusedKeys)) {
    report.add('KFS421', `Component ${quote(id)} came from a file with key ${quote(key)}, which the editor does not use: it is not part of the compiled pipeline.`, { component: id, field: 'unusedKeys' });
  }
  const impl = component.implementation;
  const at = (field: string) => ({ component: id, field: `implementation.${field}` });
  if (!isRecord(impl)) {
    report.add('KFS402', `Component ${quote(id)} has no implementation: import it again.`, { component: id, field: 'implementation' });
    return;
  }
  switch (impl.kind) {
    case 'container':
      if (typeof impl.image !== 'string') report.add('KFS402', `Component ${quote(id)} has no container image: set the image to run.`, at('image'));
      else if (impl.image.trim() === '') report.add('KFS420', `Component ${quote(id)} has no container image yet: set the image to run before compiling.`, at('image'));
      checkPlaceholders(report, id, component, impl.command, 'implementation.command');
      checkPlaceholders(report, id, component, impl.args, 'implementation.args');
      checkFileOutputs(report, id, component, impl.fileOutputs, listOf(impl.command).length > 0);
      return;
    case 'script':
      if (typeof impl.image !== 'string' || impl.image.trim() === '') report.add('KFS402', `Script component ${quote(id)} has no base image: set one such as 'python:3.11'.`, at('image'));
      if (typeof impl.code !== 'string' || impl.code.trim() === '') report.add('KFS402', `Script component ${quote(id)} has no code: write the script.`, at('code'));
      return;
    case 'importer': {
      const uri = listOf(component.inputs).find((p) => isRecord(p) && p.name === impl.uriInput);
      if (!uri) report.add('KFS402', `Importer ${quote(id)} takes its URI from input ${quote(impl.uriInput)}, which it does not declare: declare a String input for the URI.`, at('uriInput'));
      else if (isKfpType(uri.type) && !(uri.type.kind === 'parameter' && uri.type.type === 'STRING')) {
        report.add('KFS402', `Importer ${quote(id)} takes its URI from input ${quote(impl.uriInput)}, which is ${typeLabel(uri.type)}: make it a String.`, at('uriInput'));
      }
      if (!isKfpType(impl.artifactType) || impl.artifactType.kind !== 'artifact') report.add('KFS402', `Importer ${quote(id)} has no artifact type: choose the type of artifact it imports.`, at('artifactType'));
      return;
    }
    case 'graph':
      if (!isRecord(impl.graph)) report.add('KFS402', `Sub-pipeline ${quote(id)} has no graph: import it again.`, at('graph'));
      else checkGraphInterface(report, id, component, impl);
      return;
    default:
      report.add('KFS402', `Component ${quote(id)} has an implementation of unknown kind ${quote((impl as { kind?: unknown }).kind)}: import it again.`, at('kind'));
  }
}

/** Sub-pipelines that include themselves, directly or through others: each would expand forever. */
function checkRecursion(report: Report, components: [string, ComponentSpec][]): void {
  const uses = new Map<string, string[]>();
  for (const [id, component] of components) {
    const impl = component.implementation;
    if (!isRecord(impl) || impl.kind !== 'graph' || !isRecord(impl.graph)) continue;
    uses.set(id, [...new Set(entriesOf(impl.graph.tasks).flatMap(([, t]) => (isRecord(t) && typeof t.component === 'string' ? [t.component] : [])))]);
  }
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (start: string) => {
    const path: string[] = [];
    const stack: [string, number][] = [[start, 0]];
    state.set(start, 1);
    path.push(start);
    while (stack.length) {
      const frame = stack[stack.length - 1] as [string, number];
      const next = (uses.get(frame[0]) ?? [])[frame[1]++];
      if (next === undefined) {
        state.set(frame[0], 2);
        stack.pop();
        path.pop();
        continue;
      }
      if (!uses.has(next)) continue;
      if (state.get(next) === 1) {
        const loop = path.slice(path.indexOf(next));
        for (const member of loop) {
          if (reported.has(member)) continue;
          reported.add(member);
          const through = [...loop.slice(loop.indexOf(member)), ...loop.slice(0, loop.indexOf(member)), member];
          report.add('KFS402', `Sub-pipeline ${quote(member)} includes itself (${through.map(quote).join(' → ')}): remove the task that uses it inside its own graph.`, { component: member });
        }
      } else if (!state.has(next)) {
        state.set(next, 1);
        path.push(next);
        stack.push([next, 0]);
      }
    }
  };
  for (const id of uses.keys()) if (!state.has(id)) visit(id);
}

export function checkComponents(components: [string, ComponentSpec][], report: Report): void {
  for (const [id, component] of components) {
    checkPorts(report, id, component);
    checkImplementation(report, id, component);
  }
  checkRecursion(report, components);
}
