// The bundled component catalog: resources/components/catalog.json and the component files it lists.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../shared/errors/codes';
import type { CatalogEntry } from '../../shared/host-api/host-api.calls';
import { importComponentYaml, type ImportedComponent } from '../../shared/import/component.import';
import type { ComponentSpec } from '../../shared/model/document';

interface CatalogFile {
  groups: string[];
  components: { ref: string; file: string; group: string; keywords?: string[] }[];
}

function isCatalogFile(value: unknown): value is CatalogFile {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.groups) && Array.isArray(record.components);
}

export async function listCatalog(componentsDir: string): Promise<{ groups: string[]; entries: CatalogEntry[] }> {
  const indexFile = path.join(componentsDir, 'catalog.json');
  const text = await readText(indexFile);
  let index: unknown;
  try {
    index = JSON.parse(text);
  } catch (error) {
    throw new KfsError('KFS505', `The catalog index is not valid JSON: ${(error as Error).message}`, { file: indexFile });
  }
  if (!isCatalogFile(index)) throw new KfsError('KFS505', 'The catalog index needs "groups" and "components" lists.', { file: indexFile });
  const entries: CatalogEntry[] = [];
  for (const item of index.components) {
    if (path.basename(item.file) !== item.file) throw new KfsError('KFS505', `Catalog file name "${item.file}" must be a plain file name.`, { file: indexFile });
    const file = path.join(componentsDir, item.file);
    const imported = importComponentYaml(await readText(file), { file: `resources/components/${item.file}`, source: { kind: 'catalog', ref: item.ref } });
    entries.push({ id: item.ref, ref: item.ref, group: item.group, keywords: item.keywords ?? [], component: imported.component, components: keyedByRef(imported, item.ref) });
  }
  return { groups: index.groups, entries };
}

/** Documents key a catalog component by its ref (as the bundled examples do), so adding one reuses theirs. */
function keyedByRef(imported: ImportedComponent, ref: string): { [id: string]: ComponentSpec } {
  return Object.fromEntries(Object.entries(imported.components).map(([id, spec]) => [id === imported.id ? ref : id, id === imported.id ? imported.component : spec]));
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KfsError('KFS505', `Could not read ${path.basename(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { file });
  }
}
