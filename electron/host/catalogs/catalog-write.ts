// Writing into a folder catalog: a step saved for reuse, and a pipeline published with its components. Files are
// written atomically, never through links or outside the folder, and the folder's KFP Studio index (catalog.json)
// is created or updated so the catalog lists what was written, ready to host or commit.
import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { encodeUtf8 } from '../../../shared/archive/utf8';
import { writePipelineArchive } from '../../../shared/archive/archive.write';
import { importCatalogComponent } from '../../../shared/catalog/catalog-component.import';
import { CATALOG_INDEX_FORMAT, safeRelativePath } from '../../../shared/catalog/catalog-index';
import { componentFileName, componentYaml, pipelineComponentYaml } from '../../../shared/catalog/component-export';
import { contentDigest } from '../../../shared/catalog/sha256';
import { KfsError } from '../../../shared/errors/codes';
import type { PipelineDocument } from '../../../shared/model/document';
import { serializeDocument } from '../../../shared/model/document.parse';
import { writeAtomic } from '../documents/atomic-write';
import { walkComponentFiles } from './catalog-load';

const INDEX = 'catalog.json';

interface OwnIndex {
  format: string;
  name?: string;
  groups?: string[];
  components: { file?: string; url?: string; [key: string]: unknown }[];
  pipelines?: { name: string; description?: string; archive?: string; document?: string }[];
  [key: string]: unknown;
}

/** The absolute path for `relative` inside `root`, its folders made, refusing links on the way. */
async function placeInside(root: string, relative: string): Promise<string> {
  const safe = safeRelativePath(relative);
  if (safe === undefined) throw new KfsError('KFS450', `${JSON.stringify(relative)} would leave the catalog folder; give a plain relative file name.`, { file: relative });
  const parts = safe.split('/');
  let folder = root;
  for (const part of parts.slice(0, -1)) {
    folder = path.join(folder, part);
    const info = await lstat(folder).catch(() => undefined);
    if (info?.isSymbolicLink()) throw new KfsError('KFS450', `${safe} lies behind a link; catalogs are not written through links.`, { file: safe });
    if (info && !info.isDirectory()) throw new KfsError('KFS450', `${path.relative(root, folder)} is a file, not a folder.`, { file: safe });
    if (!info) await mkdir(folder);
  }
  const target = path.join(root, ...parts);
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isFile()) throw new KfsError('KFS450', `${safe} exists and is not a plain file.`, { file: safe });
  return target;
}

async function readOwnIndex(root: string): Promise<OwnIndex | undefined> {
  for (const other of ['component_library.yaml', 'component_library.yml']) {
    if (await lstat(path.join(root, other)).catch(() => undefined)) {
      throw new KfsError('KFS454', `This folder's index is ${other} (Tangle's form), which the app reads but does not rewrite; add the file to it yourself, or use a folder with a catalog.json.`);
    }
  }
  const text = await readFile(path.join(root, INDEX), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KfsError('KFS443', `catalog.json is not valid JSON (${(error as Error).message}); fix it before writing into this catalog.`, { file: INDEX });
  }
  const index = parsed as OwnIndex;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(index.components) || 'schema_name' in index) {
    throw new KfsError('KFS454', 'catalog.json is not a KFP Studio index (it has no `components` list); the app does not rewrite it.', { file: INDEX });
  }
  return index;
}

/** The folder's index, made from the component files already there when it has none (so they stay listed). */
async function indexFor(root: string): Promise<OwnIndex> {
  const existing = await readOwnIndex(root);
  if (existing) return existing;
  const files = await walkComponentFiles(root, []);
  return { format: CATALOG_INDEX_FORMAT, name: path.basename(root), components: files.map((file) => ({ file })), pipelines: [] };
}

async function writeIndex(root: string, index: OwnIndex): Promise<void> {
  await writeAtomic(path.join(root, INDEX), encodeUtf8(`${JSON.stringify({ ...index, format: CATALOG_INDEX_FORMAT }, null, 2)}\n`));
}

function listComponent(index: OwnIndex, file: string, extra: { group?: string } = {}): void {
  if (!index.components.some((entry) => entry.file === file)) index.components.push({ file, ...extra });
}

export async function saveComponentFile(folder: string, fileName: string, text: string, replace = false): Promise<{ path: string; digest: string }> {
  if (!/\.ya?ml$/i.test(fileName)) throw new KfsError('KFS440', `A component file name ends in .yaml or .yml, not ${JSON.stringify(fileName)}.`);
  importCatalogComponent(text, { file: fileName });
  const root = await realpath(folder);
  const index = await readOwnIndex(root);
  const target = await placeInside(root, fileName);
  if (!replace && (await lstat(target).catch(() => undefined))) {
    throw new KfsError('KFS454', `${fileName} already exists in this catalog; choose another name, or replace it.`, { file: fileName });
  }
  await writeAtomic(target, encodeUtf8(text));
  const relative = safeRelativePath(fileName) as string;
  if (index) {
    listComponent(index, relative);
    await writeIndex(root, index);
  }
  return { path: relative, digest: contentDigest(text) };
}

function slug(name: string): string {
  return componentFileName(name).replace(/\.component\.yaml$/, '');
}

/**
 * Publishes `document`: pipelines/NAME.tar.gz (what KFP uploads), pipelines/NAME.pipeline.json (to open and edit),
 * pipelines/NAME.yaml (the IR, which the palette offers as a nested pipeline) and components/ID.component.yaml for
 * each image, script or importer step's component; then the index lists them.
 */
export async function publishPipeline(folder: string, name: string, description: string | undefined, document: PipelineDocument): Promise<{ files: string[]; index: string }> {
  const ir = pipelineComponentYaml(document);
  const root = await realpath(folder);
  const index = await indexFor(root);
  const base = slug(name);
  const written: [string, Uint8Array][] = [
    [`pipelines/${base}.tar.gz`, writePipelineArchive(ir, 'tar.gz')],
    [`pipelines/${base}.pipeline.json`, encodeUtf8(serializeDocument(document))],
    [`pipelines/${base}.yaml`, encodeUtf8(ir)],
  ];
  for (const [id, component] of Object.entries(document.components)) {
    if (component.implementation.kind === 'graph') continue;
    written.push([`components/${componentFileName(id)}`, encodeUtf8(componentYaml(id, component, document.components, 'v2'))]);
  }
  for (const [file, bytes] of written) await writeAtomic(await placeInside(root, file), bytes);
  for (const [file] of written) {
    if (file.startsWith('components/')) listComponent(index, file);
  }
  listComponent(index, `pipelines/${base}.yaml`, { group: 'Pipelines' });
  const pipelines = (index.pipelines ?? []).filter((p) => p.name !== name);
  pipelines.push({ name, ...(description ? { description } : {}), archive: `pipelines/${base}.tar.gz`, document: `pipelines/${base}.pipeline.json` });
  index.pipelines = pipelines;
  await writeIndex(root, index);
  return { files: written.map(([file]) => file), index: INDEX };
}
