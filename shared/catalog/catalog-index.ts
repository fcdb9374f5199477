// Reads a catalog index: the list of components (and published pipelines) a catalog offers.
// Three forms are read, so a team can point the app at what it already publishes:
// - KFP Studio's own (documented in README "Catalog index"), also the form of resources/components/catalog.json:
//     { "format": "kfp-studio.catalog/v1", "name": "…", "groups": ["Data", …],
//       "components": [{ "file": "train/component.yaml" | "url": "https://…", "group": "Training",
//                        "keywords": ["…"], "version": "1.2.0", "digest": "sha256:…", "ref": "train" }],
//       "pipelines": [{ "name": "…", "archive": "pipelines/x.tar.gz", "document": "pipelines/x.pipeline.json" }] }
// - Tangle's (and the pipeline editor's) component library: YAML `folders: [{name, components: [{url, digest}], folders}]`.
// - Elyra's catalog metadata: `{ "schema_name": "url-catalog" | "local-file-catalog", "display_name", "metadata":
//   { "paths": […], "categories": […] } }`.
// Every refusal is KFS443 naming the field. Paths must stay inside the catalog (checked here and again on disk).
import { KfsError } from '../errors/codes';
import { loadYaml } from '../yaml/safe-load';

export const CATALOG_INDEX_FORMAT = 'kfp-studio.catalog/v1';
export const MAX_INDEX_BYTES = 4 * 1024 * 1024;
export const MAX_CATALOG_COMPONENTS = 5000;
/** The names a folder's index may have, in the order looked for. */
export const INDEX_FILE_NAMES = ['catalog.json', 'component_library.yaml', 'component_library.yml'] as const;

export type IndexLocation = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export interface IndexComponent {
  location: IndexLocation;
  ref?: string;
  group?: string;
  keywords: string[];
  version?: string;
  digest?: string;
}

export interface IndexPipeline {
  name: string;
  description?: string;
  archive?: string;
  document?: string;
}

export interface CatalogIndex {
  form: 'kfp-studio' | 'tangle' | 'elyra';
  name?: string;
  groups: string[];
  components: IndexComponent[];
  pipelines: IndexPipeline[];
}

type Dict = { [key: string]: unknown };
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

function refuse(message: string, file: string, field?: string): never {
  throw new KfsError('KFS443', message, field ? { file, field } : { file });
}

/** A relative path inside the catalog, with `/` separators; anything that could leave the folder is refused. */
export function safeRelativePath(value: string): string | undefined {
  if (!value || value.length > 1024 || value.includes('\\') || value.includes('\0') || value.startsWith('/') || /^[A-Za-z]:/.test(value)) return undefined;
  const parts = value.split('/').filter((part) => part !== '' && part !== '.');
  if (!parts.length || parts.some((part) => part === '..')) return undefined;
  return parts.join('/');
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value);
}

function text(owner: Dict, key: string, file: string, field: string): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') refuse(`\`${key}\` must be text.`, file, `${field}.${key}`);
  return value;
}

function location(value: string, file: string, field: string): IndexLocation {
  if (isHttpUrl(value)) return { kind: 'url', url: value };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) refuse(`${JSON.stringify(value)} is neither an http(s) URL nor a path inside the catalog.`, file, field);
  const path = safeRelativePath(value);
  if (path === undefined) refuse(`${JSON.stringify(value)} leaves the catalog folder: give a relative path without "..".`, file, field);
  return { kind: 'file', path };
}

function checkCount(count: number, file: string): void {
  if (count > MAX_CATALOG_COMPONENTS) refuse(`The index lists ${count} components; a catalog holds at most ${MAX_CATALOG_COMPONENTS}.`, file, 'components');
}

function ownComponent(raw: unknown, file: string, field: string): IndexComponent {
  if (!isDict(raw)) refuse('Each component entry must be a mapping with `file` or `url`.', file, field);
  const where = text(raw, 'url', file, field) ?? text(raw, 'file', file, field);
  if (where === undefined) refuse('A component entry needs `file` (a path inside the catalog) or `url`.', file, field);
  const keywords = raw['keywords'] ?? [];
  if (!Array.isArray(keywords) || keywords.some((k) => typeof k !== 'string')) refuse('`keywords` must be a list of text.', file, `${field}.keywords`);
  const digest = text(raw, 'digest', file, field);
  if (digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(digest)) refuse('`digest` must be "sha256:" and 64 lowercase hex digits.', file, `${field}.digest`);
  const entry: IndexComponent = { location: location(where, file, `${field}.${'url' in raw ? 'url' : 'file'}`), keywords: keywords as string[] };
  for (const key of ['ref', 'group', 'version'] as const) {
    const value = text(raw, key, file, field);
    if (value !== undefined) entry[key] = value;
  }
  if (digest !== undefined) entry.digest = digest;
  return entry;
}

function ownPipeline(raw: unknown, file: string, field: string): IndexPipeline {
  if (!isDict(raw) || typeof raw['name'] !== 'string') refuse('Each pipeline entry needs a `name`.', file, field);
  const pipeline: IndexPipeline = { name: raw['name'] };
  for (const key of ['description', 'archive', 'document'] as const) {
    const value = text(raw, key, file, field);
    if (value === undefined) continue;
    if (key !== 'description' && safeRelativePath(value) === undefined) refuse(`${JSON.stringify(value)} leaves the catalog folder.`, file, `${field}.${key}`);
    pipeline[key] = key === 'description' ? value : (safeRelativePath(value) as string);
  }
  return pipeline;
}

function readOwn(root: Dict, file: string): CatalogIndex {
  const format = root['format'];
  if (format !== undefined && format !== CATALOG_INDEX_FORMAT) refuse(`Index format ${JSON.stringify(format)} is not known; this app reads "${CATALOG_INDEX_FORMAT}".`, file, 'format');
  const components = root['components'];
  if (!Array.isArray(components)) refuse('`components` must be a list.', file, 'components');
  checkCount(components.length, file);
  const groups = root['groups'] ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) refuse('`groups` must be a list of text.', file, 'groups');
  const pipelines = root['pipelines'] ?? [];
  if (!Array.isArray(pipelines)) refuse('`pipelines` must be a list.', file, 'pipelines');
  const name = text(root, 'name', file, '');
  return {
    form: 'kfp-studio',
    ...(name !== undefined ? { name } : {}),
    groups: groups as string[],
    components: components.map((c, i) => ownComponent(c, file, `components[${i}]`)),
    pipelines: pipelines.map((p, i) => ownPipeline(p, file, `pipelines[${i}]`)),
  };
}

function readTangle(root: Dict, file: string): CatalogIndex {
  const components: IndexComponent[] = [];
  const groups: string[] = [];
  const walk = (folder: Dict, names: string[], field: string, depth: number) => {
    if (depth > 10) refuse('Folders are nested more than 10 deep.', file, field);
    const list = folder['components'] ?? [];
    if (!Array.isArray(list)) refuse('`components` must be a list.', file, `${field}.components`);
    const group = names.join(' / ') || undefined;
    if (group && list.length && !groups.includes(group)) groups.push(group);
    list.forEach((raw, i) => {
      if (!isDict(raw) || typeof raw['url'] !== 'string') refuse('Each library component needs a `url`.', file, `${field}.components[${i}]`);
      const digest = typeof raw['digest'] === 'string' && /^[0-9a-f]{64}$/.test(raw['digest']) ? `sha256:${raw['digest']}` : undefined;
      components.push({ location: location(raw['url'], file, `${field}.components[${i}].url`), keywords: [], ...(group ? { group } : {}), ...(digest ? { digest } : {}) });
      checkCount(components.length, file);
    });
    const folders = folder['folders'] ?? [];
    if (!Array.isArray(folders)) refuse('`folders` must be a list.', file, `${field}.folders`);
    folders.forEach((child, i) => {
      if (!isDict(child) || typeof child['name'] !== 'string') refuse('Each folder needs a `name`.', file, `${field}.folders[${i}]`);
      walk(child, [...names, child['name']], `${field}.folders[${i}]`, depth + 1);
    });
  };
  walk(root, [], '', 0);
  const name = isDict(root['annotations']) && typeof root['annotations']['name'] === 'string' ? root['annotations']['name'] : undefined;
  return { form: 'tangle', ...(name ? { name } : {}), groups, components, pipelines: [] };
}

function readElyra(root: Dict, file: string): CatalogIndex {
  const schema = root['schema_name'];
  if (schema !== 'url-catalog' && schema !== 'local-file-catalog') {
    refuse(`Elyra catalog ${JSON.stringify(schema)} cannot be read here; url-catalog and local-file-catalog can (add a folder for a local-directory-catalog).`, file, 'schema_name');
  }
  const metadata = root['metadata'];
  if (!isDict(metadata) || !Array.isArray(metadata['paths'])) refuse('An Elyra catalog needs `metadata.paths`.', file, 'metadata.paths');
  const categories = Array.isArray(metadata['categories']) ? metadata['categories'].filter((c): c is string => typeof c === 'string') : [];
  const name = typeof root['display_name'] === 'string' ? root['display_name'] : undefined;
  const group = categories[0] ?? name;
  checkCount(metadata['paths'].length, file);
  const components = metadata['paths'].map((raw, i): IndexComponent => {
    if (typeof raw !== 'string') refuse('Each path must be text.', file, `metadata.paths[${i}]`);
    return { location: location(raw, file, `metadata.paths[${i}]`), keywords: categories, ...(group ? { group } : {}) };
  });
  return { form: 'elyra', ...(name ? { name } : {}), groups: group ? [group] : [], components, pipelines: [] };
}

/** Parses an index's text (JSON or YAML) in any of the three forms. */
export function parseCatalogIndex(source: string, file: string): CatalogIndex {
  const root = loadYaml(source, { file, maxBytes: MAX_INDEX_BYTES });
  if (!isDict(root)) refuse('A catalog index is a mapping (KFP Studio `components`, Tangle `folders`, or Elyra `schema_name`).', file);
  if ('schema_name' in root) return readElyra(root, file);
  if ('folders' in root && !('components' in root && 'format' in root)) return readTangle(root, file);
  if ('components' in root) return readOwn(root, file);
  return refuse('This is not a catalog index: it has no `components` list, no `folders` and no `schema_name`.', file);
}

/** Whether parsed YAML/JSON looks like an index rather than a component (to tell what a URL points at). */
export function looksLikeIndex(value: unknown): boolean {
  return isDict(value) && !('implementation' in value) && !('deploymentSpec' in value) && (Array.isArray(value['components']) || 'folders' in value || 'schema_name' in value);
}
