// Reads what a catalog source offers, as texts with digests: a folder (its index, or every component YAML in it),
// or a URL (a single component, or an index whose entries are fetched). Folders are read without following links
// and without leaving the folder; one bad file is a coded problem, never the end of the catalog.
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_FILE_NAMES, MAX_CATALOG_COMPONENTS, MAX_INDEX_BYTES, looksLikeIndex, parseCatalogIndex, type CatalogIndex, type IndexComponent, type IndexPipeline } from '../../../shared/catalog/catalog-index';
import { contentDigest } from '../../../shared/catalog/sha256';
import { KfsError } from '../../../shared/errors/codes';
import type { HostError } from '../../../shared/host-api/host-result';
import { DEFAULT_MAX_COMPONENT_BYTES } from '../../../shared/import/component.import';
import { loadYaml } from '../../../shared/yaml/safe-load';
import type { RemoteCache } from './remote-fetch';

export interface CatalogItem {
  /** Set by indexes that name their entries (the bundled catalog); otherwise the source id and location make it. */
  ref?: string;
  /** The path inside the folder, or the URL. */
  location: string;
  group?: string;
  keywords: string[];
  version?: string;
  digest: string;
  text: string;
}

export interface LoadedCatalog {
  form: 'component' | 'files' | CatalogIndex['form'];
  name?: string;
  groups: string[];
  pipelines: IndexPipeline[];
  items: CatalogItem[];
  problems: HostError[];
  /** Some remote text could not be fetched and came from the cache. */
  offline?: boolean;
}

export const MAX_FOLDER_DEPTH = 8;
export const MAX_FOLDER_ENTRIES = 20_000;

export function problemOf(error: unknown, file?: string): HostError {
  if (error instanceof KfsError) return { code: error.code, message: error.message, ...(Object.keys(error.location).length ? { location: error.location } : file ? { location: { file } } : {}) };
  return { code: 'KFS505', message: (error as Error).message, ...(file ? { location: { file } } : {}) };
}

/** The text of `relative` inside `root` (a real path), refusing links anywhere on the way and anything over the cap. */
export async function readInside(root: string, relative: string, maxBytes: number): Promise<string> {
  const file = path.join(root, ...relative.split('/'));
  const real = await realpath(file).catch((error: NodeJS.ErrnoException) => {
    throw new KfsError('KFS505', `Could not read ${relative}: ${error.code ?? error.message}.`, { file: relative });
  });
  if (real !== file) throw new KfsError('KFS450', `${relative} is a link or lies behind one; catalogs do not follow links.`, { file: relative });
  const info = await lstat(file);
  if (!info.isFile()) throw new KfsError('KFS505', `${relative} is not a file.`, { file: relative });
  if (info.size > maxBytes) throw new KfsError('KFS501', `${relative} is ${Math.round(info.size / 1024)} KiB; catalog files are limited to ${Math.round(maxBytes / 1024)} KiB.`, { file: relative });
  return readFile(file, 'utf8');
}

const COMPONENT_SHAPE = /^(implementation|deploymentSpec|pipelineInfo):/m;

/** Every component YAML under root (not in dot-folders, not through links), as relative paths. */
export async function walkComponentFiles(root: string, problems: HostError[]): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (++seen > MAX_FOLDER_ENTRIES) throw new KfsError('KFS451', `The folder holds more than ${MAX_FOLDER_ENTRIES} files and folders; only the first were read.`);
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth < MAX_FOLDER_DEPTH) await walk(child, depth + 1);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && !(INDEX_FILE_NAMES as readonly string[]).includes(entry.name)) {
        if (found.length >= MAX_CATALOG_COMPONENTS) throw new KfsError('KFS451', `The folder holds more than ${MAX_CATALOG_COMPONENTS} component files; only the first were read.`);
        found.push(child);
      }
    }
  };
  try {
    await walk('', 0);
  } catch (error) {
    if (!(error instanceof KfsError)) throw error;
    problems.push(problemOf(error));
  }
  return found;
}

async function findIndex(root: string): Promise<{ name: string; text: string } | undefined> {
  for (const name of INDEX_FILE_NAMES) {
    const info = await lstat(path.join(root, name)).catch(() => undefined);
    if (info) return { name, text: await readInside(root, name, MAX_INDEX_BYTES) };
  }
  return undefined;
}

/** The items an index lists: files read from `readFile`, URLs fetched (and checked against a pinned digest). */
async function indexItems(
  index: CatalogIndex,
  readFile: (relative: string) => Promise<{ location: string; text: string; cached?: boolean }>,
  remote: RemoteCache,
  problems: HostError[],
): Promise<{ items: CatalogItem[]; offline: boolean }> {
  const items: CatalogItem[] = [];
  let offline = false;
  const load = async (entry: IndexComponent): Promise<{ location: string; text: string; cached?: boolean }> => {
    if (entry.location.kind === 'file') return readFile(entry.location.path);
    const fetched = await remote.get(entry.location.url, { maxBytes: DEFAULT_MAX_COMPONENT_BYTES });
    return { location: entry.location.url, text: fetched.text, cached: fetched.cached };
  };
  for (const entry of index.components) {
    const where = entry.location.kind === 'file' ? entry.location.path : entry.location.url;
    try {
      const { location, text, cached } = await load(entry);
      if (cached) offline = true;
      const digest = contentDigest(text);
      if (entry.digest && entry.digest !== digest) {
        throw new KfsError('KFS446', `${where} has digest ${digest}, but the index pins ${entry.digest}; it was not loaded (update the index once the change is trusted).`, { file: where });
      }
      items.push({ location, digest, text, keywords: entry.keywords, ...pick(entry) });
    } catch (error) {
      problems.push(problemOf(error, where));
    }
  }
  return { items, offline };
}

function pick(entry: IndexComponent): Pick<CatalogItem, 'ref' | 'group' | 'version'> {
  return { ...(entry.ref ? { ref: entry.ref } : {}), ...(entry.group ? { group: entry.group } : {}), ...(entry.version ? { version: entry.version } : {}) };
}

export async function loadFolder(folder: string, remote: RemoteCache): Promise<LoadedCatalog> {
  const root = await realpath(folder).catch((error: NodeJS.ErrnoException) => {
    throw new KfsError('KFS440', `The catalog folder ${folder} cannot be opened: ${error.code ?? error.message}.`, { file: folder });
  });
  if (!(await lstat(root)).isDirectory()) throw new KfsError('KFS440', `${folder} is not a folder.`, { file: folder });
  const problems: HostError[] = [];
  const index = await findIndex(root);
  if (index) {
    const parsed = parseCatalogIndex(index.text, index.name);
    const { items, offline } = await indexItems(parsed, async (relative) => ({ location: relative, text: await readInside(root, relative, DEFAULT_MAX_COMPONENT_BYTES) }), remote, problems);
    return { form: parsed.form, ...(parsed.name ? { name: parsed.name } : {}), groups: parsed.groups, pipelines: parsed.pipelines, items, problems, ...(offline ? { offline } : {}) };
  }
  const items: CatalogItem[] = [];
  for (const relative of await walkComponentFiles(root, problems)) {
    try {
      const text = await readInside(root, relative, DEFAULT_MAX_COMPONENT_BYTES);
      if (COMPONENT_SHAPE.test(text)) items.push({ location: relative, digest: contentDigest(text), text, keywords: [] });
    } catch (error) {
      problems.push(problemOf(error, relative));
    }
  }
  return { form: 'files', groups: [], pipelines: [], items, problems };
}

/** A URL to one component.yaml, or to an index (told apart by its content). */
export async function loadUrl(url: string, remote: RemoteCache): Promise<LoadedCatalog> {
  const fetched = await remote.get(url, { maxBytes: MAX_INDEX_BYTES });
  const value = loadYaml(fetched.text, { file: url, maxBytes: MAX_INDEX_BYTES });
  if (!looksLikeIndex(value)) {
    return { form: 'component', groups: [], pipelines: [], items: [{ location: url, digest: fetched.digest, text: fetched.text, keywords: [] }], problems: [], offline: fetched.cached };
  }
  const parsed = parseCatalogIndex(fetched.text, url);
  const problems: HostError[] = [];
  const { items, offline } = await indexItems(
    parsed,
    async (relative) => {
      const at = new URL(relative, url).toString();
      const item = await remote.get(at, { maxBytes: DEFAULT_MAX_COMPONENT_BYTES });
      return { location: at, text: item.text, cached: item.cached };
    },
    remote,
    problems,
  );
  const pipelines = parsed.pipelines.map((p) => ({ ...p, ...(p.archive ? { archive: new URL(p.archive, url).toString() } : {}), ...(p.document ? { document: new URL(p.document, url).toString() } : {}) }));
  return { form: parsed.form, ...(parsed.name ? { name: parsed.name } : {}), groups: parsed.groups, pipelines, items, problems, offline: offline || fetched.cached };
}
