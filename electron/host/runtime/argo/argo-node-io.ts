// A step's inputs and outputs as Argo records them on its node (`status.nodes[].inputs/outputs`): parameters with
// their values (strings; JSON where they parse as JSON, as KFP passes numbers, lists and dicts), artifacts with
// where the artifact repository keeps them (`s3`, `gcs`, `oss`, `http`... with a key; a key alone means the
// Workflow's default artifact repository).
import type { JsonValue } from '../../../../shared/model/document';
import { nameRecord } from '../../../../shared/names/names';
import type { ArtifactValue, TaskIo } from '../../../../shared/runtime/runtime';

type Obj = { [key: string]: unknown };

export interface ArgoNodeIo {
  parameters?: { name: string; value?: string }[];
  artifacts?: (Obj & { name: string; path?: string })[];
}

function valueOf(text: string | undefined): JsonValue {
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as JsonValue;
    return typeof parsed === 'object' || typeof parsed === 'number' || typeof parsed === 'boolean' ? parsed : text;
  } catch {
    return text;
  }
}

const LOCATIONS = ['s3', 'gcs', 'oss', 'azure', 'hdfs', 'artifactory', 'http', 'git', 'raw'] as const;

function artifactOf(artifact: Obj & { name: string; path?: string }): ArtifactValue {
  const metadata = nameRecord<JsonValue>();
  let uri = '';
  for (const kind of LOCATIONS) {
    const location = artifact[kind];
    if (!location || typeof location !== 'object') continue;
    const where = location as { bucket?: string; key?: string; url?: string; repo?: string; container?: string; blob?: string };
    const bucket = where.bucket ?? where.container;
    const key = where.key ?? where.blob;
    if (kind === 'http' || kind === 'git') uri = where.url ?? where.repo ?? '';
    else if (bucket && key) uri = `${kind === 'gcs' ? 'gs' : kind}://${bucket}/${key}`;
    else if (key) {
      uri = key;
      metadata.repository = `the Workflow's default artifact repository (${kind})`;
    }
    break;
  }
  if (!uri && typeof artifact.key === 'string') {
    uri = artifact.key;
    metadata.repository = "the Workflow's default artifact repository";
  }
  if (artifact.path) metadata.path = artifact.path;
  return { name: artifact.name, uri, schemaTitle: 'system.Artifact', metadata };
}

export function taskIoOf(io: ArgoNodeIo | undefined): TaskIo | undefined {
  if (!io || (!io.parameters?.length && !io.artifacts?.length)) return undefined;
  const out: TaskIo = { parameters: nameRecord<JsonValue>(), artifacts: nameRecord<ArtifactValue[]>() };
  for (const parameter of io.parameters ?? []) out.parameters[parameter.name] = valueOf(parameter.value);
  for (const artifact of io.artifacts ?? []) out.artifacts[artifact.name] = [artifactOf(artifact)];
  return out;
}
