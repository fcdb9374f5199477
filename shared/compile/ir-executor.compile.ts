// The executor of one task's component in `deploymentSpec.executors`: a container (from a container or script
// implementation, with the task's env and resources) or an importer.
//
// Script convention (documented for users): a script runs as `sh -ec <launcher> <code> <args...>`. Its arguments are
// `--<input> <value>` for each input and `--<output> <path>` for each output, in declaration order, with optional inputs
// left out when not given (`IfPresent`). Python scripts are written to a temporary file and run with `python3`
// (after `pip install` of `packages`); shell scripts see the arguments as `"$@"`.
import { KfsError } from '../errors/codes';
import type { Argument, CommandArg, ComponentSpec, PortSpec, ScriptImplementation, Task } from '../model/document';
import { commandArgToIr } from './ir-placeholders';
import { resourcesToIr } from './ir-resources';
import { containerCommand } from './file-outputs';
import { artifactTypeSchema } from './ir-types';
import type { IrObject } from './ir-types';
import { own } from '../names/names';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

function portPlaceholder(port: PortSpec, output: boolean): string {
  const side = output ? 'outputs' : 'inputs';
  if (port.type.kind === 'artifact') return `{{$.${side}.artifacts['${port.name}'].path}}`;
  return output ? `{{$.outputs.parameters['${port.name}'].output_file}}` : `{{$.inputs.parameters['${port.name}']}}`;
}

export function scriptCommand(script: ScriptImplementation, component: ComponentSpec): { command: CommandArg[]; args: CommandArg[] } {
  const args: CommandArg[] = [];
  for (const port of component.inputs) {
    const pair = [`--${port.name}`, portPlaceholder(port, false)];
    if (port.optional || port.default !== undefined) args.push({ ifPresent: { input: port.name, then: pair } });
    else args.push(...pair);
  }
  for (const port of component.outputs) args.push(`--${port.name}`, portPlaceholder(port, true));
  if (script.language === 'shell') return { command: ['sh', '-ec', script.code, component.name], args };
  const install = script.packages?.length
    ? `PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --quiet --no-warn-script-location ${script.packages.map(shellQuote).join(' ')}\n`
    : '';
  const launcher = `${install}program_path=$(mktemp -d)\nprintf "%s" "$0" > "$program_path/script.py"\nexec python3 "$program_path/script.py" "$@"\n`;
  return { command: ['sh', '-ec', launcher, script.code], args };
}

/** A task's error location, built only when it may be needed: most tasks never fail here. */
function taskWhere(graphWhere: { graph?: string }, taskId: string): { graph?: string; task: string } {
  return { ...graphWhere, task: taskId };
}

/** A component's command and args in IR form, the same for every task using it: worked out once per compile. */
export type CommandMemo = WeakMap<ComponentSpec, { command?: unknown[]; args?: unknown[] }>;

export function executorFor(
  component: ComponentSpec,
  task: Task,
  graphWhere: { graph?: string },
  taskId: string,
  memo?: CommandMemo,
  placeholderOf?: (arg: Argument) => string,
): IrObject {
  const impl = component.implementation;
  if (impl.kind === 'importer') {
    const uri = own(task.arguments, impl.uriInput);
    // Keys set in sorted order (see ir.compile.ts).
    const importer: IrObject = { artifactUri: uri?.kind === 'constant' ? { constant: uri.value } : { runtimeParameter: impl.uriInput } };
    if (impl.downloadToWorkspace) importer.downloadToWorkspace = true;
    if (impl.metadata && Object.keys(impl.metadata).length) importer.metadata = impl.metadata;
    if (impl.reimport) importer.reimport = true;
    importer.typeSchema = artifactTypeSchema(impl.artifactType);
    return { importer };
  }
  if (impl.kind === 'graph') throw new KfsError('KFS601', 'A nested pipeline has no executor.', taskWhere(graphWhere, taskId));
  if (impl.image.trim() === '') {
    throw new KfsError('KFS420', `Component "${component.name}" has no container image: set the image to run before compiling.`, { ...taskWhere(graphWhere, taskId), field: 'implementation.image' });
  }
  let ir = memo?.get(component);
  if (!ir) {
    const { command, args } = impl.kind === 'script' ? scriptCommand(impl, component) : containerCommand(impl, component, taskWhere(graphWhere, taskId));
    ir = {
      ...(command?.length ? { command: command.map(commandArgToIr) } : {}),
      ...(args?.length ? { args: args.map(commandArgToIr) } : {}),
    };
    memo?.set(component, ir);
  }
  // Keys set in sorted order (see ir.compile.ts); command and args are shared by every use of the component: the IR
  // is read, never changed, once compiled.
  const container: IrObject = {};
  if (ir.args) container.args = ir.args;
  if (ir.command) container.command = ir.command;
  const componentEnv = impl.kind === 'container' ? impl.env : undefined;
  if (componentEnv?.length || task.options.env?.length) {
    container.env = [...(componentEnv ?? []), ...(task.options.env ?? [])].map((e) => ({ name: e.name, value: e.value }));
  }
  container.image = impl.image;
  const resources = task.options.resources ? resourcesToIr(task.options.resources, placeholderOf && ((_field, arg) => placeholderOf(arg))) : undefined;
  if (resources) container.resources = resources;
  return { container };
}
