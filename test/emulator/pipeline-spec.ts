// Reads an uploaded pipeline as the KFP backend does: the archive (readPipelineArchive), then its YAML — an Argo
// Workflow (a v1 pipeline) or a PipelineSpec, optionally followed by a PlatformSpec — and the IR checks that
// matter for running it (schemaVersion, pipelineInfo.name, root, references between tasks and components).
import { readPipelineArchive } from '../../shared/archive/archive.read';
import { parsePipelineIr } from '../../shared/runtime/pipeline-ir.parse';
import { loadYamlDocuments } from '../../shared/yaml/safe-load';
import { invalidInput } from './http-util';
import { isArgoWorkflow } from './pipeline-plan';

type Obj = { [key: string]: unknown };

export interface ParsedPipeline {
  spec: Obj;
  platform?: Obj;
  /** The name written in the pipeline (`pipelineInfo.name`, or the Workflow's name). */
  name?: string;
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ValidatePipelineName (backend/src/apiserver/common/utils.go), applied to pipelineInfo.name. */
const NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** Checks a PipelineSpec (or an Argo Workflow) given as data; throws an InvalidArgument ApiError. */
export function checkPipelineSpec(spec: unknown, platform?: unknown): ParsedPipeline {
  if (!isObj(spec)) throw invalidInput('The pipeline spec is empty or is not a YAML/JSON object.');
  if (isArgoWorkflow(spec)) {
    const metadata = isObj(spec.metadata) ? spec.metadata : {};
    const name = String(metadata.name ?? metadata.generateName ?? '');
    return { spec, ...(name ? { name } : {}) };
  }
  if (spec.schemaVersion !== '2.1.0') {
    throw invalidInput(`unsupported pipeline spec schemaVersion ${JSON.stringify(spec.schemaVersion ?? '')}: only 2.1.0 is accepted`);
  }
  const info = isObj(spec.pipelineInfo) ? spec.pipelineInfo : {};
  const name = typeof info.name === 'string' ? info.name : '';
  if (!name) throw invalidInput("pipeline's name cannot be empty");
  if (name.length > 128) throw invalidInput("pipeline's name must contain no more than 128 characters");
  if (!NAME.test(name)) throw invalidInput("pipeline's name must contain only lowercase alphanumeric characters or '-' and must start with alphanumeric characters");
  if (!isObj(spec.root)) throw invalidInput('pipeline spec is invalid: root is not set');
  try {
    parsePipelineIr(spec);
  } catch (error) {
    throw invalidInput(`pipeline spec is invalid: ${(error as Error).message}`);
  }
  return { spec, name, ...(isObj(platform) ? { platform } : {}) };
}

/** The pipeline in an uploaded file; throws an InvalidArgument ApiError for anything the backend refuses. */
export function readUploadedPipeline(bytes: Uint8Array, fileName: string): ParsedPipeline {
  let text: string;
  try {
    text = readPipelineArchive(bytes, fileName).text;
  } catch (error) {
    throw invalidInput(`Failed to read the pipeline file ${fileName}: ${(error as Error).message}`);
  }
  let docs: unknown[];
  try {
    docs = loadYamlDocuments(text, { file: fileName }).filter((doc) => doc !== null && doc !== undefined);
  } catch (error) {
    throw invalidInput(`The pipeline file ${fileName} is not valid YAML: ${(error as Error).message}`);
  }
  if (docs.length === 0) throw invalidInput(`The pipeline file ${fileName} is empty.`);
  if (docs.length > 2) throw invalidInput(`The pipeline file ${fileName} has ${docs.length} YAML documents; at most 2 (PipelineSpec, PlatformSpec) are accepted.`);
  return checkPipelineSpec(docs[0], docs[1]);
}

/** KFP's buildPipelineName: the `name` query, else `display_name`, else the file name without its extension. */
export function pipelineNameFor(nameQuery: string, displayNameQuery: string, fileName: string): string {
  if (nameQuery) return nameQuery;
  if (displayNameQuery) return displayNameQuery;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(tar\.gz|tgz|zip|ya?ml|json)$/i, '');
}
