// What a task's cache fingerprint is made of: the component (definitions and executor as compiled) and the resolved
// inputs (parameter values, and the content digests of input artifacts). Same material, same outputs: the host hashes
// this text and reuses a recorded result. Canonical JSON (sorted keys) so equal material gives equal text.
import type { JsonValue } from '../model/document';

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as { [key: string]: unknown };
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

export interface CacheMaterial {
  /** The component spec (`components[ref]`) as compiled, without its name. */
  component: unknown;
  /** The executor spec (`deploymentSpec.executors[label]`). */
  executor: unknown;
  parameters: { [name: string]: JsonValue };
  /** Per input artifact, a digest of its content (or its URI when it is not local). */
  artifacts: { [name: string]: string[] };
}

/** Version tag: bump it when the meaning of a cache entry changes so older entries stop matching. */
export const CACHE_FORMAT = 'kfs-local-cache-1';

export function cacheMaterialText(material: CacheMaterial): string {
  return canonicalJson({ format: CACHE_FORMAT, ...material });
}
