// Small HTTP helpers shared by the emulator's routes: bodies, JSON answers, and the two error shapes clients see —
// the KFP API's google.rpc.Status (grpc-gateway) and the Kubernetes API's Status object.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** gRPC status codes the KFP server answers with, and the HTTP status grpc-gateway maps each to. */
export const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const HTTP_OF_GRPC: Record<number, number> = { 3: 400, 5: 404, 6: 409, 7: 403, 9: 400, 10: 409, 12: 501, 13: 500, 14: 503, 16: 401 };
const GRPC_OF_HTTP: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 500: 13, 501: 12, 502: 14, 503: 14, 504: 14 };

export function httpStatusOfGrpc(code: number): number {
  return HTTP_OF_GRPC[code] ?? 500;
}

export function grpcCodeOfHttp(status: number): number {
  return GRPC_OF_HTTP[status] ?? 2;
}

/** An error a route throws; the server turns it into the right shape for the API the request came through. */
export class ApiError extends Error {
  constructor(
    readonly grpcCode: number,
    message: string,
    /** The user-facing part (KFP's `api.Error.error_message`); the full message is the internal chain. */
    readonly externalMessage: string = message,
  ) {
    super(message);
  }
}

export function invalidInput(message: string): ApiError {
  return new ApiError(GRPC.INVALID_ARGUMENT, `Invalid input error: ${message}`, message);
}

export function notFound(kind: string, id: string): ApiError {
  const external = `${kind} ${id} not found.`;
  return new ApiError(GRPC.NOT_FOUND, `ResourceNotFoundError: ${external}`, external);
}

export function alreadyExists(message: string): ApiError {
  return new ApiError(GRPC.ALREADY_EXISTS, `Already exist error: ${message}`, message);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The body grpc-gateway v2 writes for an error: google.rpc.Status with KFP's api.Error detail. */
export function grpcStatusBody(error: ApiError, legacyErrorField = false): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: error.grpcCode,
    message: error.message,
    details: [{ '@type': 'type.googleapis.com/api.Error', error_message: error.externalMessage, error_details: error.message }],
  };
  // grpc-gateway v1 (KFP before 2.1) also wrote the message as `error`.
  return legacyErrorField ? { error: error.message, ...body } : body;
}

export function sendGrpcError(res: ServerResponse, error: ApiError, legacyErrorField = false): void {
  sendJson(res, httpStatusOfGrpc(error.grpcCode), grpcStatusBody(error, legacyErrorField));
}

/** The `api.Error` body KFP's plain-HTTP handlers (upload, run log) write. */
export function sendPlainHttpError(res: ServerResponse, status: number, message: string, details = message): void {
  sendJson(res, status, { error_message: message, error_details: details });
}

const K8S_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'AlreadyExists',
  410: 'Expired',
  422: 'Invalid',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export interface K8sStatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export function k8sStatus(code: number, message: string, details?: K8sStatusDetails, reason?: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? K8S_REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
    code,
  };
}

/** A Kubernetes API error; routes throw it and the server writes the Status object. */
export class K8sError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: K8sStatusDetails,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export function sendK8sError(res: ServerResponse, error: K8sError): void {
  sendJson(res, error.code, k8sStatus(error.code, error.message, error.details, error.reason));
}

export async function readBody(req: IncomingMessage, maxBytes = 40 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new ApiError(GRPC.INVALID_ARGUMENT, `Request body is larger than ${maxBytes} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is an empty message, as grpc-gateway treats it. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(GRPC.INVALID_ARGUMENT, `proto: syntax error: ${(error as Error).message}`, 'The request body is not valid JSON.');
  }
}

export interface MultipartFile {
  field: string;
  fileName: string;
  contentType?: string;
  data: Buffer;
}

/** The file parts of a multipart/form-data body. */
export function parseMultipart(raw: Buffer, contentType: string | undefined): MultipartFile[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary || !/^multipart\/form-data/i.test(contentType ?? '')) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const files: MultipartFile[] = [];
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = raw.subarray(partStart + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
      const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (fileName !== undefined) {
        files.push({ field, fileName, ...(type ? { contentType: type.trim() } : {}), data: Buffer.from(part.subarray(headerEnd + 4)) });
      }
    }
    start = next;
  }
  return files;
}

/** Field names as the handlers use them: protojson accepts lowerCamelCase too. Values under `opaque` keys are kept. */
export function snakeKeys(value: unknown, opaque: ReadonlySet<string> = OPAQUE_FIELDS): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeKeys(item, opaque));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    out[snake] = opaque.has(snake) ? item : snakeKeys(item, opaque);
  }
  return out;
}

const OPAQUE_FIELDS: ReadonlySet<string> = new Set(['pipeline_spec', 'parameters', 'plugins_input', 'tags', 'platform_spec']);
