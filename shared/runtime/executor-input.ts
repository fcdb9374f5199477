// The ExecutorInput message a KFP step receives as `{{$}}` (protobuf JSON names), built from resolved inputs and the
// places its outputs go. Python components (`kfp.dsl.executor_main`) read it; placeholders are resolved from it.
import type { JsonValue } from '../model/document';
import { nameRecord } from '../names/names';
import type { ArtifactValue } from './runtime';

export interface RuntimeArtifactJson {
  name: string;
  uri: string;
  metadata: { [key: string]: JsonValue };
  type: { schemaTitle: string; schemaVersion?: string };
}

export interface ExecutorInput {
  inputs: {
    parameterValues: { [name: string]: JsonValue };
    artifacts: { [name: string]: { artifacts: RuntimeArtifactJson[] } };
  };
  outputs: {
    parameters: { [name: string]: { outputFile: string } };
    artifacts: { [name: string]: { artifacts: RuntimeArtifactJson[] } };
    outputFile: string;
  };
}

export function artifactToJson(artifact: ArtifactValue): RuntimeArtifactJson {
  return {
    name: artifact.name,
    uri: artifact.uri,
    metadata: artifact.metadata,
    type: { schemaTitle: artifact.schemaTitle, ...(artifact.schemaVersion ? { schemaVersion: artifact.schemaVersion } : {}) },
  };
}

export function artifactFromJson(json: RuntimeArtifactJson): ArtifactValue {
  return {
    name: json.name,
    uri: json.uri,
    schemaTitle: json.type.schemaTitle,
    ...(json.type.schemaVersion ? { schemaVersion: json.type.schemaVersion } : {}),
    metadata: json.metadata ?? {},
  };
}

export interface ExecutorInputParts {
  parameters: { [name: string]: JsonValue };
  artifacts: { [name: string]: ArtifactValue[] };
  outputParameterFiles: { [name: string]: string };
  outputArtifacts: { [name: string]: ArtifactValue[] };
  executorOutputFile: string;
}

export function buildExecutorInput(parts: ExecutorInputParts): ExecutorInput {
  const map = <T, U>(record: { [k: string]: T }, fn: (value: T) => U): { [k: string]: U } =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
  return {
    inputs: {
      parameterValues: { ...parts.parameters },
      artifacts: map(parts.artifacts, (list) => ({ artifacts: list.map(artifactToJson) })),
    },
    outputs: {
      parameters: map(parts.outputParameterFiles, (file) => ({ outputFile: file })),
      artifacts: map(parts.outputArtifacts, (list) => ({ artifacts: list.map(artifactToJson) })),
      outputFile: parts.executorOutputFile,
    },
  };
}

/** Where a KFP step reads or writes an artifact: remote URIs map to the SDK's mount prefixes; local URIs are paths. */
export function artifactPath(uri: string): string {
  for (const [prefix, mount] of [
    ['gs://', '/gcs/'],
    ['s3://', '/s3/'],
    ['minio://', '/minio/'],
  ] as const) {
    if (uri.startsWith(prefix)) return mount + uri.slice(prefix.length);
  }
  if (uri.startsWith('file://')) return decodeURIComponent(uri.slice('file://'.length));
  return uri;
}

function isObj(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an ExecutorOutput file (what `executor_main` writes to `outputs.outputFile`): output parameter values and
 * artifact metadata. Unknown shapes are ignored: the file is optional.
 */
export function readExecutorOutput(json: unknown): {
  parameters: { [name: string]: JsonValue };
  artifacts: { [name: string]: { uri?: string; metadata: { [key: string]: JsonValue } }[] };
} {
  const parameters = nameRecord<JsonValue>();
  const artifacts = nameRecord<{ uri?: string; metadata: { [key: string]: JsonValue } }[]>();
  if (!isObj(json)) return { parameters, artifacts };
  if (isObj(json.parameterValues)) Object.assign(parameters, json.parameterValues);
  if (isObj(json.artifacts)) {
    for (const [name, list] of Object.entries(json.artifacts)) {
      const items = isObj(list) && Array.isArray(list.artifacts) ? list.artifacts : [];
      artifacts[name] = items.filter(isObj).map((item) => ({
        ...(typeof item.uri === 'string' ? { uri: item.uri } : {}),
        metadata: isObj(item.metadata) ? (item.metadata as { [key: string]: JsonValue }) : {},
      }));
    }
  }
  return { parameters, artifacts };
}
