// Ports and types as the IR writes them: `inputDefinitions` / `outputDefinitions` entries.
import type { JsonValue, KfpType, ParameterType, PortSpec } from '../model/document';
import type { IrArtifactSpec, IrArtifactTypeSchema, IrDefinitionsSpec, IrParameterSpec } from '../ir/pipeline-spec';

export type IrObject = { [key: string]: unknown };

export type IrDefinitions = IrDefinitionsSpec;

export function artifactTypeSchema(type: Extract<KfpType, { kind: 'artifact' }>): IrArtifactTypeSchema {
  return { schemaTitle: type.schemaTitle, ...(type.schemaVersion !== '' ? { schemaVersion: type.schemaVersion } : {}) };
}

function inputEntry(port: PortSpec, input: boolean): IrParameterSpec & IrArtifactSpec {
  // Keys set in sorted order (see ir.compile.ts).
  const entry: IrParameterSpec & IrArtifactSpec = {};
  const parameter = port.type.kind === 'parameter' ? port.type : undefined;
  if (port.type.kind === 'artifact') entry.artifactType = artifactTypeSchema(port.type);
  if (parameter && input && port.default !== undefined) entry.defaultValue = port.default;
  if (port.description !== undefined) entry.description = port.description;
  if (port.type.kind === 'artifact' && port.type.isList) entry.isArtifactList = true;
  // The SDK marks every input with a default as optional.
  if (input && (port.optional ?? port.default !== undefined)) entry.isOptional = true;
  if (parameter && input && port.literals !== undefined) entry.literals = port.literals;
  if (parameter) entry.parameterType = parameter.type;
  return entry;
}

/** `inputDefinitions` (or `outputDefinitions`) for ports; undefined when there are none. */
export function definitionsOf(ports: readonly PortSpec[], input: boolean): IrDefinitions | undefined {
  if (ports.length === 0) return undefined;
  const defs: IrDefinitions = {};
  // In declaration order: the local runtime lists a run's parameters, and reads ports back, in this order (the YAML
  // writer sorts them, in place and cheaply, for the file).
  for (const port of ports) {
    const bucket = port.type.kind === 'parameter' ? (defs.parameters ??= {}) : (defs.artifacts ??= {});
    bucket[port.name] = inputEntry(port, input);
  }
  return defs;
}

export function addDefinition(defs: IrDefinitions, name: string, type: KfpType, isList = false): void {
  if (type.kind === 'parameter') {
    (defs.parameters ??= {})[name] = { parameterType: isList ? 'LIST' : type.type };
  } else {
    const entry: IrArtifactSpec = { artifactType: artifactTypeSchema(type) };
    if (isList || type.isList) entry.isArtifactList = true;
    (defs.artifacts ??= {})[name] = entry;
  }
}

export function isEmptyDefinitions(defs: IrDefinitions): boolean {
  return !defs.parameters && !defs.artifacts;
}

/** The parameter type of a JSON constant, as the SDK infers a loop item's type from raw items. */
export function parameterTypeOfValue(value: JsonValue | undefined): ParameterType {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
  if (Array.isArray(value)) return 'LIST';
  if (value !== null && typeof value === 'object') return 'STRUCT';
  return 'STRING';
}
