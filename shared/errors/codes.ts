// Every problem the app reports carries one of these stable codes. The UI, the CLI and the tests use the same.
// 1xx graph structure, 2xx arguments and types, 3xx names and parameters, 4xx components and import, 5xx files,
// 6xx compiling to and importing from KFP IR, 7xx requests to the host, 8xx running pipelines.

export const CODES = {
  KFS101: 'cycle',
  KFS102: 'dangling data edge',
  KFS103: 'dangling ordering edge',
  KFS104: 'output used outside its condition or loop',
  KFS105: 'loop over something that is not a list',
  KFS106: 'invalid group',
  KFS107: 'invalid pipeline output',
  KFS108: 'loop item used outside its loop',
  KFS109: 'waits on a task inside a condition or exit handler',
  KFS201: 'required input not connected',
  KFS202: 'argument for an unknown input',
  KFS203: 'constant does not match the input type',
  KFS204: 'type mismatch',
  KFS205: 'invalid task option',
  KFS206: 'task final status outside an exit task',
  KFS301: 'invalid pipeline name',
  KFS302: 'duplicate name',
  KFS303: 'invalid name',
  KFS304: 'undefined parameter',
  KFS305: 'unused parameter',
  KFS306: 'parameter default does not match its type',
  KFS401: 'unknown component',
  KFS402: 'component is not valid',
  KFS410: 'YAML syntax error',
  KFS411: 'not a component specification',
  KFS412: 'unsupported placeholder',
  KFS413: 'placeholder names an undeclared input or output',
  KFS414: 'unsupported implementation',
  KFS415: 'invalid port declaration',
  KFS501: 'file too large',
  KFS502: 'YAML alias expansion too large',
  KFS503: 'document is not valid',
  KFS504: 'document version not supported',
  KFS505: 'file could not be read',
  KFS506: 'file could not be written',
  KFS510: 'unsupported pipeline file type',
  KFS511: 'corrupt archive',
  KFS512: 'empty file or archive',
  KFS513: 'no pipeline YAML in the archive',
  KFS514: 'unsafe path in archive',
  KFS515: 'link or special entry in archive',
  KFS516: 'archive unpacks to too much data',
  KFS517: 'too many entries in archive',
  KFS518: 'not UTF-8 text',
  KFS519: 'value cannot be written as JSON',
  KFS601: 'pipeline cannot be compiled to IR',
  KFS602: 'argument cannot be expressed in IR',
  KFS610: 'not a KFP pipeline IR',
  KFS611: 'IR refers to something it does not define',
  KFS612: 'IR feature not supported',
  KFS613: 'condition expression not understood',
  KFS701: 'invalid request to the host',
  KFS702: 'not found',
  KFS801: 'invalid run parameter',
  KFS802: 'unknown run or experiment',
  KFS803: 'placeholder cannot be resolved',
  KFS804: 'run cannot do that in its current state',
} as const;

export type ErrorCode = keyof typeof CODES;
export type Severity = 'error' | 'warning';

/** Where a problem is: as precise as the problem allows. */
export interface Location {
  /** Component id of the nested pipeline whose graph holds the problem; absent for the root pipeline. */
  graph?: string;
  task?: string;
  group?: string;
  port?: string;
  parameter?: string;
  output?: string;
  component?: string;
  /** A dotted path into the object concerned, such as `implementation.container.args[2]`. */
  field?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface Diagnostic {
  code: ErrorCode;
  severity: Severity;
  message: string;
  location: Location;
}

/** A refusal of bad input: thrown by parsers and importers, caught at the edges and shown with its code. */
export class KfsError extends Error {
  readonly code: ErrorCode;
  readonly location: Location;

  constructor(code: ErrorCode, message: string, location: Location = {}) {
    super(message);
    this.name = 'KfsError';
    this.code = code;
    this.location = location;
  }

  toDiagnostic(): Diagnostic {
    return { code: this.code, severity: 'error', message: this.message, location: this.location };
  }
}

export function isKfsError(value: unknown): value is KfsError {
  return value instanceof KfsError;
}

/** `task train, input model` style text for CLI lines and panels. */
export function formatLocation(location: Location): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.line ? `${location.file}:${location.line}${location.column ? `:${location.column}` : ''}` : location.file);
  if (location.graph) parts.push(`pipeline ${location.graph}`);
  if (location.component) parts.push(`component ${location.component}`);
  if (location.group) parts.push(`group ${location.group}`);
  if (location.task) parts.push(`task ${location.task}`);
  if (location.parameter) parts.push(`parameter ${location.parameter}`);
  if (location.port) parts.push(`port ${location.port}`);
  if (location.output) parts.push(`output ${location.output}`);
  if (location.field) parts.push(location.field);
  return parts.length ? parts.join(', ') : 'pipeline';
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.code} ${formatLocation(diagnostic.location)}: ${diagnostic.message}`;
}
