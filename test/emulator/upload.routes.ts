// The pipeline upload endpoints (plain HTTP handlers in the real server, not grpc-gateway): multipart/form-data
// with an `uploadfile` part. Errors come as KFP's api.Error `{error_message, error_details}`, both the wrapped chain of
// messages (err.Error() and "%+v" of a UserError print the same); a name clash is 409.
import type { EmulatorEnv } from './env';
import { ApiError, GRPC, parseMultipart, sendJson, sendPlainHttpError } from './http-util';
import { apiPipeline, apiVersion } from './kfp-json';
import { pipelineNameFor, readUploadedPipeline } from './pipeline-spec';
import type { ParsedPipeline } from './pipeline-spec';
import { addPipeline, addVersion } from './pipelines.routes';
import type { RouteContext, Router } from './router';

const MAX_BYTES = 32 * 1024 * 1024;

function fileOf(ctx: RouteContext): { fileName: string; data: Buffer } | undefined {
  const files = parseMultipart(ctx.raw, ctx.req.headers['content-type']);
  return files.find((file) => file.field === 'uploadfile');
}

function parseTags(text: string | null): Record<string, string> | undefined | 'bad' {
  if (!text) return undefined;
  try {
    const tags = JSON.parse(text) as unknown;
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return 'bad';
    return tags as Record<string, string>;
  } catch {
    return 'bad';
  }
}

/** Reads the file part; answers the error itself and returns undefined when it cannot. */
function readFile(ctx: RouteContext, fallback: string): { parsed: ParsedPipeline; fileName: string } | undefined {
  const file = fileOf(ctx);
  if (!file) {
    sendPlainHttpError(ctx.res, 400, fallback, 'http: no such file: the form has no "uploadfile" part');
    return undefined;
  }
  if (file.data.length > MAX_BYTES) {
    sendPlainHttpError(ctx.res, 413, `File size too large. Maximum supported size: ${MAX_BYTES}`);
    return undefined;
  }
  try {
    return { parsed: readUploadedPipeline(file.data, file.fileName), fileName: file.fileName };
  } catch (error) {
    const chain = `${fallback}: ${error instanceof ApiError ? error.message : `Invalid input error: ${(error as Error).message}`}`;
    sendPlainHttpError(ctx.res, 400, chain);
    return undefined;
  }
}

function answerCreateError(ctx: RouteContext, error: unknown, fallback: string): void {
  // writeErrorToResponse writes api.Error{ErrorMessage: err.Error(), ErrorDetails: "%+v"}: both are the wrapped chain.
  if (error instanceof ApiError && error.grpcCode === GRPC.ALREADY_EXISTS) return sendPlainHttpError(ctx.res, 409, `${fallback}: ${error.message}`);
  if (error instanceof ApiError && (error.grpcCode === GRPC.INVALID_ARGUMENT || error.grpcCode === GRPC.NOT_FOUND)) {
    return sendPlainHttpError(ctx.res, 400, `${fallback}: ${error.message}`);
  }
  throw error;
}

export function registerUploadRoutes(router: Router, env: EmulatorEnv): void {
  router.add('POST', '/apis/v2beta1/pipelines/upload', (ctx) => {
    const fallback = 'Failed to create a pipeline and a pipeline version';
    const read = readFile(ctx, 'Failed to read a pipeline spec file');
    if (!read) return;
    const q = ctx.query;
    const tags = parseTags(q.get('tags'));
    if (tags === 'bad') return sendPlainHttpError(ctx.res, 400, 'Failed to parse tags query parameter. Expected JSON object with string keys and values');
    const name = pipelineNameFor(q.get('name') ?? '', q.get('display_name') ?? '', read.fileName);
    try {
      const pipeline = addPipeline(env, {
        name,
        display_name: q.get('display_name') || name,
        description: q.get('description') ?? '',
        namespace: q.get('namespace') ?? '',
        ...(tags ? { tags } : {}),
      });
      addVersion(env, pipeline.pipeline_id, {
        name,
        display_name: q.get('display_name') || name,
        ...(q.get('description') ? { description: q.get('description') ?? '' } : {}),
        ...(q.get('code_source_url') ? { code_source_url: q.get('code_source_url') ?? '' } : {}),
        pipeline_spec: read.parsed.spec,
        ...(read.parsed.platform ? { platform_spec: read.parsed.platform } : {}),
      });
      sendJson(ctx.res, 200, apiPipeline(pipeline));
    } catch (error) {
      answerCreateError(ctx, error, fallback);
    }
  });

  router.add('POST', '/apis/v2beta1/pipelines/upload_version', (ctx) => {
    const fallback = 'Failed to create a pipeline version';
    const read = readFile(ctx, fallback);
    if (!read) return;
    const q = ctx.query;
    const pipelineId = q.get('pipelineid') ?? '';
    if (!pipelineId || !env.state.pipelines.has(pipelineId)) {
      return sendPlainHttpError(ctx.res, 400, fallback, pipelineId ? `Pipeline ${pipelineId} not found.` : 'The pipelineid query parameter is missing.');
    }
    const tags = parseTags(q.get('tags'));
    if (tags === 'bad') return sendPlainHttpError(ctx.res, 400, 'Failed to parse tags query parameter. Expected JSON object with string keys and values');
    const name = pipelineNameFor(q.get('name') ?? '', q.get('display_name') ?? '', read.fileName);
    try {
      const version = addVersion(env, pipelineId, {
        name,
        display_name: q.get('display_name') || name,
        ...(q.get('description') ? { description: q.get('description') ?? '' } : {}),
        ...(q.get('code_source_url') ? { code_source_url: q.get('code_source_url') ?? '' } : {}),
        pipeline_spec: read.parsed.spec,
        ...(read.parsed.platform ? { platform_spec: read.parsed.platform } : {}),
        ...(tags ? { tags } : {}),
      });
      sendJson(ctx.res, 200, apiVersion(version));
    } catch (error) {
      answerCreateError(ctx, error, fallback);
    }
  });
}
