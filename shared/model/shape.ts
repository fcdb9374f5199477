// Defensive reads: validation (and the graph index) run on whatever the editor holds, which may be half-built or nonsense.
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of an object map, or none when it is not one. */
export function entriesOf<T>(value: { [key: string]: T } | undefined | null): [string, T][] {
  return isRecord(value) ? (Object.entries(value) as [string, T][]) : [];
}

export function listOf<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** Any value as text for a message, without trusting it (objects may carry a broken toString). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === undefined || value === null) return `${value}`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export function quote(value: unknown): string {
  return `'${text(value)}'`;
}
