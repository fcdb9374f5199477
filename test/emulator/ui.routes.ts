// The KFP UI server's routes the app reads a run's steps through: ML Metadata over gRPC-web
// (POST /ml_metadata.MetadataStoreService/<Method>, which the UI hands to the metadata Envoy) and the artifact
// endpoint (GET /artifacts/get?source=minio&bucket=…&key=…[&peek=N][&namespace=…], frontend/server/handlers/
// artifacts.ts): the object's bytes (the first `peek` of them), a text summary of a folder when peeking, and
// errors as text/plain — 500 for a missing source/bucket/key or a store failure, 404 "No objects found at …".
import type { ServerResponse } from 'node:http';
import type { EmulatorEnv } from './env';
import { mlmdType, mlmdValue } from './mlmd-schema';
import { idsOf, runMetadata } from './mlmd-store';
import type { RunMetadata } from './mlmd-store';
import type { RouteContext, Router } from './router';

type Obj = { [key: string]: unknown };

const METHODS = ['GetContextByTypeAndName', 'GetExecutionsByContext', 'GetEventsByExecutionIDs', 'GetArtifactsByID', 'GetArtifactTypesByID'];

export function sendArtifactError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(message);
}

/** A gRPC-web answer: the message frame and the trailer frame; an error is trailers-only (in the headers). */
function sendGrpcWeb(res: ServerResponse, reply: { type: string; value: Obj } | { status: number; message: string }): void {
  if ('status' in reply) {
    res.writeHead(200, { 'Content-Type': 'application/grpc-web+proto', 'grpc-status': String(reply.status), 'grpc-message': encodeURIComponent(reply.message) });
    res.end();
    return;
  }
  const type = mlmdType(reply.type);
  const message = Buffer.from(type.encode(type.fromObject(reply.value)).finish());
  const trailer = Buffer.from('grpc-status:0\r\ngrpc-message:\r\n', 'utf8');
  const out = Buffer.alloc(10 + message.length + trailer.length);
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  out[5 + message.length] = 0x80;
  out.writeUInt32BE(trailer.length, 6 + message.length);
  trailer.copy(out, 10 + message.length);
  res.writeHead(200, { 'Content-Type': 'application/grpc-web+proto' });
  res.end(out);
}

function allMetadata(env: EmulatorEnv): RunMetadata[] {
  return [...env.state.runs.values()].map((run) => runMetadata(env.state, run)).filter((item): item is RunMetadata => item !== undefined);
}

function custom(values: { [key: string]: unknown }): Obj {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, mlmdValue(value)]));
}

function answer(env: EmulatorEnv, method: string, request: Obj): { type: string; value: Obj } | { status: number; message: string } {
  const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);
  if (method === 'GetContextByTypeAndName') {
    const run = request.typeName === 'system.PipelineRun' ? env.state.runs.get(String(request.contextName ?? '')) : undefined;
    const metadata = run ? runMetadata(env.state, run) : undefined;
    if (!metadata) return { type: 'GetContextByTypeAndNameResponse', value: {} };
    return { type: 'GetContextByTypeAndNameResponse', value: { context: { id: metadata.contextId, name: run?.run_id, type: 'system.PipelineRun' } } };
  }
  if (method === 'GetExecutionsByContext') {
    const metadata = allMetadata(env).find((item) => item.contextId === Number(request.contextId));
    const all = metadata?.executions ?? [];
    const size = Math.max(1, Number((request.options as Obj | undefined)?.maxResultSize ?? 100));
    const from = Number((request.options as Obj | undefined)?.nextPageToken ?? 0) || 0;
    const page = all.slice(from, from + size);
    return {
      type: 'GetExecutionsByContextResponse',
      value: { executions: page.map((item) => ({ id: item.id, type: item.type, lastKnownState: item.state, customProperties: custom(item.custom) })), ...(from + size < all.length ? { nextPageToken: String(from + size) } : {}) },
    };
  }
  if (method === 'GetEventsByExecutionIDs') {
    const wanted = new Set(ids(request.executionIds));
    const events = allMetadata(env).flatMap((item) => item.events).filter((event) => wanted.has(event.executionId));
    return { type: 'GetEventsByExecutionIDsResponse', value: { events: events.map((event) => ({ artifactId: event.artifactId, executionId: event.executionId, type: event.type, path: { steps: [{ key: event.key }] } })) } };
  }
  if (method === 'GetArtifactsByID') {
    const wanted = new Set(ids(request.artifactIds));
    const artifacts = allMetadata(env).flatMap((item) => item.artifacts).filter((artifact) => wanted.has(artifact.id));
    const unique = [...new Map(artifacts.map((artifact) => [artifact.id, artifact])).values()];
    // As MLMD before `type` was filled in on reads: the type is known by its id only.
    return { type: 'GetArtifactsByIDResponse', value: { artifacts: unique.map((item) => ({ id: item.id, typeId: item.typeId, uri: item.uri, state: 2, customProperties: custom(item.custom) })) } };
  }
  const types = idsOf(env.state).types;
  const wanted = new Set(ids(request.typeIds));
  return { type: 'GetArtifactTypesByIDResponse', value: { artifactTypes: [...types].filter(([, id]) => wanted.has(id)).map(([name, id]) => ({ id, name })) } };
}

function handleMetadata(ctx: RouteContext, env: EmulatorEnv): void {
  const method = ctx.params.method ?? '';
  if (!METHODS.includes(method)) return sendGrpcWeb(ctx.res, { status: 12, message: `Method not found: ml_metadata.MetadataStoreService/${method}` });
  const raw = ctx.raw;
  if (raw.length < 5 || raw[0] !== 0 || raw.readUInt32BE(1) !== raw.length - 5) return sendGrpcWeb(ctx.res, { status: 13, message: 'grpc-web: malformed request frame' });
  const type = mlmdType(`${method}Request`);
  const request = type.toObject(type.decode(raw.subarray(5)), { longs: Number, defaults: false }) as Obj;
  const reply = answer(env, method, request);
  if ('type' in reply && method === 'GetContextByTypeAndName' && !reply.value.context) {
    return sendGrpcWeb(ctx.res, { status: 5, message: `Cannot find context with type ${String(request.typeName)} and name ${String(request.contextName)}` });
  }
  sendGrpcWeb(ctx.res, reply);
}

function handleArtifact(ctx: RouteContext, env: EmulatorEnv): void {
  const q = ctx.query;
  const source = q.get('source');
  const bucket = q.get('bucket');
  const key = q.get('key');
  if (!source) return sendArtifactError(ctx.res, 500, 'Storage source is missing from artifact request');
  if (!['minio', 's3', 'gcs', 'http', 'https', 'volume'].includes(source)) return sendArtifactError(ctx.res, 500, 'Unknown storage source');
  if (!bucket) return sendArtifactError(ctx.res, 500, 'Storage bucket is missing from artifact request');
  if (!key) return sendArtifactError(ctx.res, 500, 'Storage key is missing from artifact request');
  if (env.multiUser && !q.get('namespace')) return sendArtifactError(ctx.res, 400, 'Namespace parameter is required when authentication is enabled');
  if (source !== 'minio') return sendArtifactError(ctx.res, 500, `Failed to get object in bucket: the emulator's object store is MinIO only (asked for ${source})`);
  const objects = idsOf(env.state).objects;
  const peek = Number(q.get('peek') ?? 0);
  const object = objects.get(`${bucket}/${key}`);
  if (object) {
    ctx.res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment', 'X-Content-Type-Options': 'nosniff' });
    ctx.res.end(peek > 0 ? object.subarray(0, peek) : object);
    return;
  }
  const prefix = `${bucket}/${key.replace(/\/+$/, '')}/`;
  const inside = [...objects.keys()].filter((name) => name.startsWith(prefix));
  if (!inside.length) return sendArtifactError(ctx.res, 404, `No objects found at ${bucket}/${key}`);
  sendArtifactError(ctx.res, 200, `${key.split('/').pop() ?? 'artifact'}: a folder of ${inside.length} files`);
}

export function registerUiRoutes(router: Router, env: EmulatorEnv): void {
  router.add('POST', '/ml_metadata.MetadataStoreService/{method}', (ctx) => handleMetadata(ctx, env));
  router.add('GET', '/artifacts/get', (ctx) => handleArtifact(ctx, env));
}
