// Compares two IR YAML texts as data (key order aside), as the round-trip suites do. The only normalisation:
// `sdkVersion` is dropped (it names the compiler).
import yaml from 'js-yaml';

/** Parses every YAML document and drops what is not compared. */
export function normalise(text: string): unknown[] {
  const docs = yaml.loadAll(text).filter((d) => d !== null && d !== undefined);
  for (const doc of docs) if (doc && typeof doc === 'object') delete (doc as { sdkVersion?: unknown }).sdkVersion;
  return docs;
}

/** The first few paths where two parsed values differ, for a readable failure. */
export function differences(a: unknown, b: unknown, at = '', out: string[] = []): string[] {
  if (out.length >= 5 || Object.is(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key}`, out);
    return out;
  }
  out.push(`${at || '/'}: expected ${JSON.stringify(a)?.slice(0, 160)}, got ${JSON.stringify(b)?.slice(0, 160)}`);
  return out;
}
