// The step dialogs' form state and the ComponentSpec it becomes (and back, to edit a step later). Pure functions.
import type { CommandArg, ComponentSpec, ImageBuildRecord, KfpType, ParameterType, PortSpec } from '../../shared/model/document';
import { PARAMETER_TYPES } from '../../shared/model/document';

/** The artifact types offered when declaring a port (any other title in an edited spec is kept). */
export const ARTIFACT_TYPES = [
  'system.Artifact',
  'system.Dataset',
  'system.Model',
  'system.Metrics',
  'system.ClassificationMetrics',
  'system.SlicedClassificationMetrics',
  'system.HTML',
  'system.Markdown',
] as const;

/** The types a person picks from: parameter types by their IR name, artifact types by schema title. */
export const PORT_TYPE_CHOICES: readonly string[] = [...PARAMETER_TYPES.filter((t) => t !== 'TASK_FINAL_STATUS'), ...ARTIFACT_TYPES];

export interface PortDraft {
  name: string;
  /** A parameter type name or an artifact schema title. */
  type: string;
  optional?: boolean;
  /** An image step's output that the command writes at a fixed path inside the container (`/out/model.pkl`). */
  file?: string;
}

/** One item of the command line: literal text, or a placeholder for a declared port. */
export type ArgDraft =
  | { kind: 'literal'; text: string }
  | { kind: 'inputValue'; port: string }
  | { kind: 'inputPath'; port: string }
  | { kind: 'outputPath'; port: string };

export interface ImageStepDraft {
  kind: 'image';
  name: string;
  description: string;
  image: string;
  inputs: PortDraft[];
  outputs: PortDraft[];
  command: ArgDraft[];
  args: ArgDraft[];
  /** How the image was built from the app (kept with the step to tell when it is stale). */
  build?: ImageBuildRecord;
}

export interface ScriptStepDraft {
  kind: 'script';
  name: string;
  description: string;
  language: 'python' | 'shell';
  image: string;
  code: string;
  packages: string;
  inputs: PortDraft[];
  outputs: PortDraft[];
  /** Set when the image was built from the app with the packages installed on a base image. */
  build?: ImageBuildRecord;
}

export type StepDraft = ImageStepDraft | ScriptStepDraft;

export const DEFAULT_IMAGES = { python: 'python:3.11-slim', shell: 'alpine:3.20' } as const;

const PYTHON_TEMPLATE = `import argparse

parser = argparse.ArgumentParser()
# Each input arrives as --<name> <value>, each output as --<name> <path to write>.
args, _ = parser.parse_known_args()
print("hello from KFP Studio")
`;
const SHELL_TEMPLATE = `# Inputs arrive as --<name> <value>, outputs as --<name> <path to write>, in "$@".
echo "hello from KFP Studio: $@"
`;

export function newImageDraft(): ImageStepDraft {
  return { kind: 'image', name: 'My step', description: '', image: '', inputs: [], outputs: [], command: [], args: [] };
}

export function newScriptDraft(language: 'python' | 'shell' = 'python'): ScriptStepDraft {
  return { kind: 'script', name: 'My script', description: '', language, image: DEFAULT_IMAGES[language], code: language === 'python' ? PYTHON_TEMPLATE : SHELL_TEMPLATE, packages: '', inputs: [], outputs: [] };
}

export function isParameterType(type: string): type is ParameterType {
  return (PARAMETER_TYPES as readonly string[]).includes(type);
}

export function portType(type: string): KfpType {
  return isParameterType(type) ? { kind: 'parameter', type } : { kind: 'artifact', schemaTitle: type, schemaVersion: '0.0.1' };
}

function draftType(type: KfpType): string {
  return type.kind === 'parameter' ? type.type : type.schemaTitle;
}

/** The placeholders a port offers: a parameter input its value, an artifact input its path, any output its path. */
export function placeholderChoices(draft: { inputs: PortDraft[]; outputs: PortDraft[] }): { arg: ArgDraft; label: string }[] {
  return [
    ...draft.inputs.filter((p) => p.name).map((p) => (isParameterType(p.type) ? { arg: { kind: 'inputValue', port: p.name } as ArgDraft, label: `value of input ${p.name}` } : { arg: { kind: 'inputPath', port: p.name } as ArgDraft, label: `path of input ${p.name}` })),
    ...draft.outputs.filter((p) => p.name).map((p) => ({ arg: { kind: 'outputPath', port: p.name } as ArgDraft, label: `path of output ${p.name}` })),
  ];
}

export function argLabel(arg: ArgDraft): string {
  switch (arg.kind) {
    case 'literal':
      return arg.text;
    case 'inputValue':
      return `value of input ${arg.port}`;
    case 'inputPath':
      return `path of input ${arg.port}`;
    case 'outputPath':
      return `path of output ${arg.port}`;
  }
}

function argToCommand(arg: ArgDraft, outputs: PortDraft[]): CommandArg {
  switch (arg.kind) {
    case 'literal':
      return arg.text;
    case 'inputValue':
      return `{{$.inputs.parameters['${arg.port}']}}`;
    case 'inputPath':
      return `{{$.inputs.artifacts['${arg.port}'].path}}`;
    case 'outputPath': {
      const port = outputs.find((p) => p.name === arg.port);
      return port && isParameterType(port.type) ? `{{$.outputs.parameters['${arg.port}'].output_file}}` : `{{$.outputs.artifacts['${arg.port}'].path}}`;
    }
  }
}

const PLACEHOLDER = /^\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\](\.path|\.output_file)?\}\}$/;

function commandToArg(item: CommandArg): ArgDraft | undefined {
  if (typeof item !== 'string') return undefined;
  const match = PLACEHOLDER.exec(item);
  if (!match) return { kind: 'literal', text: item };
  const [, side, , port = '', suffix] = match;
  if (side === 'outputs') return { kind: 'outputPath', port };
  return suffix === '.path' ? { kind: 'inputPath', port } : { kind: 'inputValue', port };
}

function toPorts(drafts: PortDraft[]): PortSpec[] {
  return drafts.map((p) => ({ name: p.name.trim(), type: portType(p.type), ...(p.optional ? { optional: true } : {}) }));
}

function toDrafts(ports: PortSpec[]): PortDraft[] {
  return ports.map((p) => ({ name: p.name, type: draftType(p.type), ...(p.optional ? { optional: true } : {}) }));
}

const PORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What stops the draft from becoming a component, in words a person can act on; empty when it can. */
export function draftProblems(draft: StepDraft): string[] {
  const problems: string[] = [];
  if (!draft.name.trim()) problems.push('Give the step a name.');
  if (!draft.image.trim()) problems.push('Give the container image, such as python:3.11-slim.');
  else if (/\s/.test(draft.image.trim())) problems.push(`The image "${draft.image}" has a space in it: write it like registry/name:tag.`);
  const names = new Set<string>();
  for (const port of [...draft.inputs, ...draft.outputs]) {
    if (!PORT_NAME.test(port.name)) problems.push(`Port name "${port.name}" is not valid: use letters, digits and _, not starting with a digit.`);
    else if (names.has(port.name)) problems.push(`Port name "${port.name}" is used twice: each input and output needs its own name.`);
    names.add(port.name);
  }
  if (draft.kind === 'image') {
    if (!draft.command.length && !draft.args.length) problems.push('Add at least one command item (such as python) so the container knows what to run.');
    for (const port of draft.outputs) {
      if (port.file?.trim() && !port.file.trim().startsWith('/')) problems.push(`Output "${port.name}" is read from "${port.file}": give the file's absolute path inside the container, such as /out/model.pkl.`);
    }
    if (draft.outputs.some((p) => p.file?.trim()) && !draft.command.length) problems.push('Outputs read from files need the command written out (not only arguments): add the program to run, such as python.');
    for (const arg of [...draft.command, ...draft.args]) {
      if (arg.kind === 'literal') continue;
      const ports = arg.kind === 'outputPath' ? draft.outputs : draft.inputs;
      if (!ports.some((p) => p.name === arg.port)) problems.push(`The command uses ${argLabel(arg)}, which is no longer declared.`);
    }
  } else if (!draft.code.trim()) problems.push('Write the script code.');
  return problems;
}

/** The packages a script draft lists (space or comma separated). */
export function draftPackages(draft: ScriptStepDraft): string[] {
  return draft.packages.split(/[\s,]+/).filter(Boolean);
}

export function draftToComponent(draft: StepDraft): ComponentSpec {
  const base = { name: draft.name.trim(), ...(draft.description.trim() ? { description: draft.description.trim() } : {}), inputs: toPorts(draft.inputs), outputs: toPorts(draft.outputs) };
  if (draft.kind === 'image') {
    const files = draft.outputs.filter((p) => p.file?.trim());
    return {
      ...base,
      implementation: {
        kind: 'container',
        image: draft.image.trim(),
        ...(draft.command.length ? { command: draft.command.map((a) => argToCommand(a, draft.outputs)) } : {}),
        ...(draft.args.length ? { args: draft.args.map((a) => argToCommand(a, draft.outputs)) } : {}),
        ...(files.length ? { fileOutputs: Object.fromEntries(files.map((p) => [p.name.trim(), (p.file as string).trim()])) } : {}),
        ...(draft.build ? { build: draft.build } : {}),
      },
      source: { kind: 'image' },
    };
  }
  const packages = draftPackages(draft);
  return {
    ...base,
    implementation: { kind: 'script', image: draft.image.trim(), language: draft.language, code: draft.code, ...(packages.length ? { packages } : {}), ...(draft.build ? { build: draft.build } : {}) },
    source: { kind: 'script' },
  };
}

/** The draft to edit an existing step with; undefined when the component is not a container or script step. */
export function componentToDraft(component: ComponentSpec): StepDraft | undefined {
  const common = { name: component.name, description: component.description ?? '', inputs: toDrafts(component.inputs), outputs: toDrafts(component.outputs) };
  const impl = component.implementation;
  if (impl.kind === 'script') return { kind: 'script', ...common, language: impl.language, image: impl.image, code: impl.code, packages: (impl.packages ?? []).join(' '), ...(impl.build ? { build: impl.build } : {}) };
  if (impl.kind !== 'container') return undefined;
  const command = (impl.command ?? []).map(commandToArg);
  const args = (impl.args ?? []).map(commandToArg);
  // Structured items (concat, ifPresent) have no place in the form: such a step is edited as a file, not here.
  if ([...command, ...args].some((a) => a === undefined)) return undefined;
  const outputs = common.outputs.map((p) => (impl.fileOutputs?.[p.name] ? { ...p, file: impl.fileOutputs[p.name] } : p));
  return { kind: 'image', ...common, outputs, image: impl.image, command: command as ArgDraft[], args: args as ArgDraft[], ...(impl.build ? { build: impl.build } : {}) };
}
