// ML Metadata read the way the KFP UI reads it (frontend/src/mlmd): gRPC-web calls to
// `/ml_metadata.MetadataStoreService/<Method>` on the KFP UI's address, which its server hands to the metadata Envoy.
// Only the calls a run's steps need: the run's context, its executions, their events and artifacts. Field numbers
// are ml_metadata/proto/metadata_store{,_service}.proto's.
import type { JsonValue } from '../../../../shared/model/document';
import { ClusterError, NetworkError, sendRequest } from '../../clusters/cluster-http';
import type { Endpoint, RetryPolicy } from '../../clusters/cluster-http';
import { isHtml, networkProblem } from '../../clusters/cluster-calls';
import { ProtoWriter, WireError, doubleField, intField, mapField, messageField, messagesField, readMessage, stringField } from './protobuf-wire';
import type { WireMessage } from './protobuf-wire';

export const MLMD_SERVICE_PATH = '/ml_metadata.MetadataStoreService';

export interface MlmdExecution {
  id: number;
  typeName?: string;
  state?: number;
  properties: { [key: string]: JsonValue };
}

export interface MlmdArtifact {
  id: number;
  typeId?: number;
  typeName?: string;
  uri: string;
  properties: { [key: string]: JsonValue };
}

export interface MlmdEvent {
  artifactId: number;
  executionId: number;
  /** The input or output name (the path's first key). */
  name?: string;
  /** Event.Type: 3 INPUT, 4 OUTPUT (1/2 declared, 5/6 internal, 7 pending output). */
  type: number;
}

/** Execution.State of MLMD. */
export const EXECUTION_STATE = { NEW: 1, RUNNING: 2, COMPLETE: 3, FAILED: 4, CACHED: 5, CANCELED: 6 } as const;

function structValue(message: WireMessage | undefined): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  if (!message) return out;
  for (const [key, value] of mapField(message, 1)) out[key] = protoValue(value);
  return out;
}

/** google.protobuf.Value. */
function protoValue(value: WireMessage): JsonValue {
  if (value.has(1)) return null;
  if (value.has(2)) return doubleField(value, 2) ?? null;
  if (value.has(3)) return stringField(value, 3) ?? '';
  if (value.has(4)) return intField(value, 4) === 1;
  if (value.has(5)) return structValue(messageField(value, 5));
  if (value.has(6)) return messagesField(messageField(value, 6) ?? new Map(), 1).map(protoValue);
  return null;
}

/** ml_metadata.Value: int 1, double 2, string 3, Struct 4, bool 6. */
function mlmdValue(value: WireMessage): JsonValue {
  if (value.has(1)) return intField(value, 1) ?? 0;
  if (value.has(2)) return doubleField(value, 2) ?? 0;
  if (value.has(3)) return stringField(value, 3) ?? '';
  if (value.has(4)) return structValue(messageField(value, 4));
  if (value.has(6)) return intField(value, 6) === 1;
  return null;
}

function properties(message: WireMessage): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const field of [4, 5]) for (const [key, value] of mapField(message, field)) out[key] = mlmdValue(value);
  return out;
}

/** One gRPC-web frame around a message (flag 0, big-endian length). */
function frame(message: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** The message and the trailers of a gRPC-web answer (a trailers-only answer has them in its headers). */
function unframe(body: Buffer, headers: Record<string, unknown>): { message?: Uint8Array; status: number; text: string } {
  let message: Uint8Array | undefined;
  let trailers = '';
  for (let at = 0; at + 5 <= body.length; ) {
    const flag = body[at] ?? 0;
    const length = body.readUInt32BE(at + 1);
    const payload = body.subarray(at + 5, at + 5 + length);
    if (flag & 0x80) trailers += payload.toString('utf8');
    else message = payload;
    at += 5 + length;
  }
  const field = (name: string): string | undefined => {
    const inTrailers = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(trailers)?.[1];
    const header = headers[name];
    return (inTrailers ?? (typeof header === 'string' ? header : undefined))?.trim();
  };
  const status = Number(field('grpc-status') ?? (message ? 0 : NaN));
  let text = field('grpc-message') ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    /* as sent */
  }
  return { ...(message ? { message } : {}), status, text };
}

export class MlmdClient {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly retry: RetryPolicy,
    private readonly timeoutMs = 30_000,
  ) {}

  /** One unary call; KFS950 when the address serves no ML Metadata, KFS951 when ML Metadata refuses the call. */
  private async call(method: string, request: Uint8Array): Promise<WireMessage> {
    const doing = `reading ML Metadata (${method})`;
    let answer;
    try {
      answer = await sendRequest(
        this.endpoint,
        { method: 'POST', path: `${MLMD_SERVICE_PATH}/${method}`, body: frame(request), idempotent: true, answer: 'list', timeoutMs: this.timeoutMs, headers: { 'Content-Type': 'application/grpc-web+proto', Accept: 'application/grpc-web+proto', 'X-Grpc-Web': '1' } },
        this.retry,
      );
    } catch (error) {
      if (error instanceof NetworkError) throw networkProblem(error, { endpoint: this.endpoint, doing, answer: 'list' });
      throw error;
    }
    const type = String(answer.headers['content-type'] ?? '');
    if (answer.status !== 200 || !type.startsWith('application/grpc-web')) {
      const why = isHtml(answer) ? 'a web page (a sign-in page, or the UI without its metadata route)' : `HTTP ${answer.status}${type ? ` (${type.split(';')[0]})` : ''}`;
      throw new ClusterError(
        'KFS950',
        `${this.endpoint.label} does not serve ML Metadata at ${MLMD_SERVICE_PATH}/ (it answered ${why}). Artifacts and step inputs/outputs of KFP runs come from ML Metadata through the KFP UI's server: use the address of the Kubeflow Pipelines UI in the profile (the API server alone does not have them), or a kubeconfig profile whose cluster runs the ml-pipeline-ui service and metadata-envoy.`,
        { field: this.endpoint.label },
        answer.status,
      );
    }
    const { message, status, text } = unframe(answer.bytes ?? Buffer.from(answer.text, 'utf8'), answer.headers);
    if (status !== 0 || !message) {
      throw new ClusterError('KFS951', `ML Metadata refused ${method} (gRPC status ${Number.isNaN(status) ? 'missing' : status}): ${text || 'no message'}.`, { field: this.endpoint.label }, answer.status, text || undefined);
    }
    try {
      return readMessage(message);
    } catch (error) {
      if (error instanceof WireError) throw new ClusterError('KFS951', `ML Metadata's answer to ${method} is not a message this client can read: ${error.message}.`);
      throw error;
    }
  }

  /** The run's context (type `system.PipelineRun`, named by the run id); undefined when ML Metadata has none. */
  async runContextId(runId: string): Promise<number | undefined> {
    try {
      const reply = await this.call('GetContextByTypeAndName', new ProtoWriter().string(1, 'system.PipelineRun').string(2, runId).finish());
      const context = messageField(reply, 1);
      return context ? intField(context, 1) : undefined;
    } catch (error) {
      // NOT_FOUND (5): no step of the run has written to ML Metadata yet.
      if (error instanceof ClusterError && error.code === 'KFS951' && /status 5\)/.test(error.message)) return undefined;
      throw error;
    }
  }

  async executions(contextId: number): Promise<MlmdExecution[]> {
    const out: MlmdExecution[] = [];
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      const options = new ProtoWriter().int(1, 100);
      if (token) options.string(3, token);
      const reply = await this.call('GetExecutionsByContext', new ProtoWriter().int(1, contextId).bytes(2, options.finish()).finish());
      for (const item of messagesField(reply, 1)) {
        const typeName = stringField(item, 7);
        const state = intField(item, 3);
        out.push({ id: intField(item, 1) ?? 0, ...(typeName ? { typeName } : {}), ...(state !== undefined ? { state } : {}), properties: properties(item) });
      }
      token = stringField(reply, 2);
      if (!token) break;
    }
    return out;
  }

  async events(executionIds: readonly number[]): Promise<MlmdEvent[]> {
    if (!executionIds.length) return [];
    const request = new ProtoWriter();
    for (const id of executionIds) request.int(1, id);
    const reply = await this.call('GetEventsByExecutionIDs', request.finish());
    return messagesField(reply, 1).map((event) => {
      const steps = messagesField(messageField(event, 3) ?? new Map(), 1);
      const name = steps.map((step) => stringField(step, 2)).find((key) => key !== undefined);
      return { artifactId: intField(event, 1) ?? 0, executionId: intField(event, 2) ?? 0, ...(name ? { name } : {}), type: intField(event, 4) ?? 0 };
    });
  }

  async artifacts(ids: readonly number[]): Promise<MlmdArtifact[]> {
    if (!ids.length) return [];
    const request = new ProtoWriter();
    for (const id of ids) request.int(1, id);
    const reply = await this.call('GetArtifactsByID', request.finish());
    const artifacts = messagesField(reply, 1).map((item): MlmdArtifact => {
      const typeId = intField(item, 2);
      const typeName = stringField(item, 8);
      return { id: intField(item, 1) ?? 0, ...(typeId !== undefined ? { typeId } : {}), ...(typeName ? { typeName } : {}), uri: stringField(item, 3) ?? '', properties: properties(item) };
    });
    const unnamed = [...new Set(artifacts.filter((item) => !item.typeName && item.typeId !== undefined).map((item) => item.typeId as number))];
    if (unnamed.length) {
      const types = new ProtoWriter();
      for (const id of unnamed) types.int(1, id);
      const names = new Map(messagesField(await this.call('GetArtifactTypesByID', types.finish()), 1).map((type) => [intField(type, 1), stringField(type, 2)]));
      for (const item of artifacts) if (!item.typeName && item.typeId !== undefined) item.typeName = names.get(item.typeId) ?? '';
    }
    return artifacts;
  }
}
