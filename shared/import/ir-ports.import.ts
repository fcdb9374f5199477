// IR `inputDefinitions` / `outputDefinitions` → model ports, and the IR's small shape checks shared by the importer.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import { PARAMETER_TYPES } from '../model/document';
import type { JsonValue, KfpType, ParameterType, PortSpec } from '../model/document';
import { isIrMap as isMap, type IrMap } from '../ir/ir-documents.read';

export { isIrMap as isMap, type IrMap } from '../ir/ir-documents.read';

export function mapAt(value: unknown, field: string, where: Location): IrMap {
  if (value === undefined || value === null) return {};
  if (!isMap(value)) throw new KfsError('KFS610', `${field} must be a mapping.`, { ...where, field });
  return value;
}

export function stringAt(value: unknown, field: string, where: Location): string {
  if (typeof value !== 'string') throw new KfsError('KFS610', `${field} must be a string.`, { ...where, field });
  return value;
}

function parameterType(value: unknown, where: Location, port: string): ParameterType {
  const found = PARAMETER_TYPES.find((t) => t === value);
  if (!found) throw new KfsError('KFS610', `Unknown parameterType "${String(value)}".`, { ...where, port });
  return found;
}

/** Refuses fields beyond `fields`; the location is made only for the refusal (this runs for every port of an IR). */
function only(entry: IrMap, fields: readonly string[], what: string, where: Location, port: string): void {
  for (const field of Object.keys(entry)) {
    if (!fields.includes(field)) throw new KfsError('KFS612', `${what} field "${field}" is not supported.`, { ...where, port, field });
  }
}

export function artifactType(schema: unknown, where: Location, isList = false, port?: string): Extract<KfpType, { kind: 'artifact' }> {
  // The port's location is made only for an error: an import reads thousands of ports.
  const at = (): Location => (port === undefined ? where : { ...where, port });
  const s = isMap(schema) ? schema : mapAt(schema, 'artifactType', at());
  for (const field of Object.keys(s)) {
    if (field !== 'schemaTitle' && field !== 'schemaVersion') throw new KfsError('KFS612', `artifactType field "${field}" is not supported.`, { ...at(), field });
  }
  const title = typeof s.schemaTitle === 'string' ? s.schemaTitle : 'system.Artifact';
  return {
    kind: 'artifact',
    schemaTitle: title,
    schemaVersion: typeof s.schemaVersion === 'string' ? s.schemaVersion : '',
    ...(isList ? { isList: true } : {}),
  };
}

const INPUT_PARAMETER_FIELDS = ['parameterType', 'defaultValue', 'isOptional', 'description', 'literals'];
const OUTPUT_PARAMETER_FIELDS = ['parameterType', 'description'];
const INPUT_ARTIFACT_FIELDS = ['artifactType', 'isArtifactList', 'isOptional', 'description'];
const OUTPUT_ARTIFACT_FIELDS = ['artifactType', 'isArtifactList', 'description'];

/** Ports of an `inputDefinitions` or `outputDefinitions` block, parameters first, each in file order. */
export function portsFrom(defs: unknown, input: boolean, where: Location): PortSpec[] {
  const block = mapAt(defs, input ? 'inputDefinitions' : 'outputDefinitions', where);
  const ports: PortSpec[] = [];
  for (const [name, raw] of Object.entries(mapAt(block.parameters, 'parameters', where))) {
    const spec = isMap(raw) ? raw : mapAt(raw, `parameters.${name}`, where);
    only(spec, input ? INPUT_PARAMETER_FIELDS : OUTPUT_PARAMETER_FIELDS, 'Parameter', where, name);
    const port: PortSpec = { name, type: { kind: 'parameter', type: parameterType(spec.parameterType, where, name) } };
    if (typeof spec.description === 'string') port.description = spec.description;
    if (spec.defaultValue !== undefined) port.default = spec.defaultValue as JsonValue;
    if (Array.isArray(spec.literals)) port.literals = spec.literals as JsonValue[];
    if (spec.isOptional === true) port.optional = true;
    else if (input && port.default !== undefined) port.optional = false;
    ports.push(port);
  }
  for (const [name, raw] of Object.entries(mapAt(block.artifacts, 'artifacts', where))) {
    const spec = isMap(raw) ? raw : mapAt(raw, `artifacts.${name}`, where);
    only(spec, input ? INPUT_ARTIFACT_FIELDS : OUTPUT_ARTIFACT_FIELDS, 'Artifact', where, name);
    const port: PortSpec = { name, type: artifactType(spec.artifactType, where, spec.isArtifactList === true, name) };
    if (typeof spec.description === 'string') port.description = spec.description;
    if (spec.isOptional === true) port.optional = true;
    ports.push(port);
  }
  return ports;
}
