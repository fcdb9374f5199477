// Every problem the app reports carries one of these stable codes. The UI, the CLI and the tests use the same.
// 1xx graph structure, 2xx arguments and types, 3xx names and parameters, 4xx components and import, 5xx files,
// 6xx compiling to and importing from KFP IR, 7xx requests to the host, 8xx running pipelines, 9xx clusters.

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
  KFS307: 'another document has this name',
  KFS401: 'unknown component',
  KFS402: 'component is not valid',
  KFS410: 'YAML syntax error',
  KFS411: 'not a component specification',
  KFS412: 'unsupported placeholder',
  KFS413: 'placeholder names an undeclared input or output',
  KFS414: 'unsupported implementation',
  KFS415: 'invalid port declaration',
  KFS420: 'container image not set',
  KFS421: 'component file key not used',
  KFS422: 'invalid output file of an image step',
  KFS440: 'invalid catalog source',
  KFS441: 'unknown catalog source',
  KFS442: 'catalog source already added',
  KFS443: 'catalog index not valid',
  KFS444: 'remote content could not be fetched and no copy is cached',
  KFS445: 'remote content too large',
  KFS446: 'content differs from its pinned digest',
  KFS447: 'URL not allowed',
  KFS448: 'git could not fetch the catalog repository',
  KFS449: 'git is not installed',
  KFS450: 'path escapes the catalog folder or is a link',
  KFS451: 'catalog too large',
  KFS452: 'component reference by URL cannot be resolved',
  KFS453: 'catalog component changed upstream',
  KFS454: 'catalog folder cannot be written',
  KFS501: 'file too large',
  KFS502: 'YAML alias expansion too large',
  KFS503: 'document is not valid',
  KFS504: 'document version not supported',
  KFS505: 'file could not be read',
  KFS506: 'file could not be written',
  KFS507: 'file changed on disk by another program',
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
  KFS520: 'name reserved: __proto__ cannot be a name',
  KFS530: 'catalog cache unreadable',
  KFS531: 'step cannot be saved as a component',
  KFS601: 'pipeline cannot be compiled to IR',
  KFS602: 'argument cannot be expressed in IR',
  KFS610: 'not a KFP pipeline IR',
  KFS611: 'IR refers to something it does not define',
  KFS612: 'IR feature not supported',
  KFS613: 'condition expression not understood',
  KFS620: 'pipeline cannot be expressed as an Argo Workflow',
  KFS621: 'placeholder has no Argo equivalent',
  KFS622: 'value cannot be passed this way in Argo',
  KFS623: 'importer cannot be expressed in Argo',
  KFS624: 'exit handler cannot be expressed in Argo',
  KFS625: 'accelerator is not a Kubernetes resource name',
  KFS626: 'too many tasks in one Argo DAG',
  KFS701: 'invalid request to the host',
  KFS702: 'not found',
  KFS703: 'secrets cannot be stored safely here',
  KFS801: 'invalid run parameter',
  KFS802: 'unknown run or experiment',
  KFS803: 'placeholder cannot be resolved',
  KFS804: 'run cannot do that in its current state',
  KFS810: 'link or special file where the run keeps its own file',
  KFS811: 'step output file too large',
  KFS812: 'artifact location outside the run',
  KFS813: 'artifact is a symbolic link',
  KFS814: 'process of a run not identified',
  KFS815: 'step would change this machine',
  KFS816: 'per-run Python environment could not be made',
  KFS817: 'invalid resource limit',
  KFS818: 'image could not be pulled',
  KFS820: 'package cannot be installed into an image',
  KFS850: 'no container engine to build images',
  KFS851: 'nothing to build an image from',
  KFS852: 'image build failed',
  KFS853: 'registry asks for a login',
  KFS854: 'registry refused the push',
  KFS855: 'invalid image name',
  KFS856: 'image is older than its build context',
  KFS857: 'no image step of that name to set the image on',
  KFS870: 'step files could not be given back to the user',
  KFS901: 'cluster unreachable',
  KFS902: 'cluster credentials rejected',
  KFS903: 'no permission on the cluster',
  KFS904: 'a login page answered instead of the API',
  KFS905: 'not the Kubeflow Pipelines API',
  KFS906: 'kubeconfig problem',
  KFS907: 'kubeconfig auth plugin not found',
  KFS908: 'cluster request failed',
  KFS909: 'name already exists on the cluster',
  KFS910: 'invalid cluster profile',
  KFS911: 'invalid schedule',
  KFS912: 'outcome of a request unknown',
  KFS913: 'unknown cluster profile',
  KFS914: 'not possible on this kind of target',
  KFS920: 'cluster answer too large',
  KFS921: 'cluster answer too slow',
  KFS922: 'request not done on the cluster (safe to try again)',
  KFS923: 'credentials in a profile URL',
  KFS924: 'TLS certificate problem',
  KFS940: 'data folder could not be created',
  KFS941: 'unknown run or step',
  KFS950: 'ML Metadata not reachable',
  KFS951: 'ML Metadata refused a read',
  KFS953: 'artifact endpoint not reachable',
  KFS954: 'artifact not readable',
  KFS955: 'artifact URI not in an object store',
  KFS956: 'unknown artifact of a run',
  KFS957: 'artifact too large to read',
  KFS960: 'runs to compare not valid',
  KFS961: 'page token not valid',
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
