// Components by URL: "Import component from URL", `kfp-studio component check URL`, and graph components whose
// tasks name their components by `componentRef.url` (fetched first, then handed to the pure importer).
import { KfsError } from '../../../shared/errors/codes';
import { componentUrlsIn } from '../../../shared/import/component-graph.import';
import { importCatalogComponent } from '../../../shared/catalog/catalog-component.import';
import { DEFAULT_MAX_COMPONENT_BYTES, type ImportComponentOptions, type ImportedComponent } from '../../../shared/import/component.import';
import { loadYaml } from '../../../shared/yaml/safe-load';
import type { RemoteCache } from './remote-fetch';

/** More referenced components than any real graph component has; bounds what one import can make the app fetch. */
export const MAX_REFERENCED_URLS = 100;

/** Fetches every component the text's graph tasks name by URL (and theirs, in turn): parsed values by URL. */
export async function fetchReferencedComponents(text: string, file: string, remote: RemoteCache): Promise<Map<string, unknown>> {
  const resolved = new Map<string, unknown>();
  let pending: string[];
  try {
    pending = componentUrlsIn(loadYaml(text, { file, maxBytes: DEFAULT_MAX_COMPONENT_BYTES }));
  } catch {
    return resolved; // the importer reports the file's own problem with its location
  }
  while (pending.length) {
    const url = pending.shift() as string;
    if (resolved.has(url)) continue;
    if (resolved.size >= MAX_REFERENCED_URLS) throw new KfsError('KFS452', `The component refers to more than ${MAX_REFERENCED_URLS} components by URL.`, { file });
    let fetched;
    try {
      fetched = await remote.get(url, { maxBytes: DEFAULT_MAX_COMPONENT_BYTES });
    } catch (error) {
      if (!(error instanceof KfsError)) throw error;
      throw new KfsError(error.code === 'KFS444' ? 'KFS452' : error.code, `A task's component at ${url} could not be loaded: ${error.message}`, { file });
    }
    const value = loadYaml(fetched.text, { file: url, maxBytes: DEFAULT_MAX_COMPONENT_BYTES });
    resolved.set(url, value);
    pending.push(...componentUrlsIn(value));
  }
  return resolved;
}

/** Imports a component's text, resolving graph tasks' component URLs through the cache. */
export async function importWithUrlRefs(text: string, options: ImportComponentOptions & { file: string }, remote: RemoteCache): Promise<ImportedComponent> {
  const resolved = await fetchReferencedComponents(text, options.file, remote);
  return importCatalogComponent(text, {
    ...options,
    resolveUrl: (url) => {
      const value = resolved.get(url);
      if (value === undefined) throw new KfsError('KFS452', `The component at ${url} was not fetched.`, { file: options.file });
      return value;
    },
  });
}

export interface ComponentFromUrl extends ImportedComponent {
  url: string;
  digest: string;
  cached: boolean;
  fetchedAt: string;
}

export async function loadComponentFromUrl(url: string, remote: RemoteCache): Promise<ComponentFromUrl> {
  const fetched = await remote.get(url, { maxBytes: DEFAULT_MAX_COMPONENT_BYTES });
  const imported = await importWithUrlRefs(fetched.text, { file: url, source: { kind: 'url', url, digest: fetched.digest } }, remote);
  return { ...imported, url, digest: fetched.digest, cached: fetched.cached, fetchedAt: fetched.fetchedAt };
}
