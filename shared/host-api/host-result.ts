// The envelope every host call answers with: a value, or a coded error a person can act on (never a stack trace).
import { z } from 'zod';
import { CODES, KfsError, type ErrorCode, type Location } from '../errors/codes';

export interface HostError {
  code: ErrorCode;
  message: string;
  location?: Location;
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

const errorCodes = Object.keys(CODES) as [ErrorCode, ...ErrorCode[]];

export const locationSchema = z.strictObject({
  graph: z.string().optional(),
  task: z.string().optional(),
  group: z.string().optional(),
  port: z.string().optional(),
  parameter: z.string().optional(),
  output: z.string().optional(),
  component: z.string().optional(),
  field: z.string().optional(),
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

export const hostErrorSchema = z.strictObject({
  code: z.enum(errorCodes),
  message: z.string(),
  location: locationSchema.optional(),
});

export function ok<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, location?: Location): HostResult<never> {
  return { ok: false, error: location && Object.keys(location).length ? { code, message, location } : { code, message } };
}

/** A KfsError becomes its envelope; anything else is reported by `fallback` without its stack. */
export function failFrom(error: unknown, fallback: ErrorCode = 'KFS505'): HostResult<never> {
  if (error instanceof KfsError) return fail(error.code, error.message, error.location);
  const message = error instanceof Error ? error.message : String(error);
  return fail(fallback, message);
}

/** Checks an untrusted envelope (what came over HTTP or IPC) and returns its value, or throws a KfsError. */
export function unwrap<T>(result: HostResult<T>): T {
  if (result.ok) return result.value;
  throw new KfsError(result.error.code, result.error.message, result.error.location ?? {});
}
