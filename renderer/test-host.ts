// A HostApi for renderer tests built from the real shared importers over the bundled resources (read by Vite's
// import.meta.glob, so no Node APIs in the renderer layer). Saved documents are kept in memory.
import type { CatalogEntry, HostApi } from '../shared/host-api/host-api.calls';
import type { CatalogListing, CatalogSource } from '../shared/host-api/catalog.calls';
import { contentDigest } from '../shared/catalog/sha256';
import { failFrom, fail, ok } from '../shared/host-api/host-result';
import { importComponentYaml } from '../shared/import/component.import';
import type { PipelineDocument } from '../shared/model/document';
import { parseDocument, serializeDocument } from '../shared/model/document.parse';
import catalogIndex from '../resources/components/catalog.json';
import { unavailableRunCalls } from './runs/run-calls.test-host';
import { CLUSTER_RUN_CALLS } from '../shared/host-api/cluster-run.calls';
import { memoryDocumentCalls } from './host/document-calls.test-host';
import { unavailableImageCalls } from './images/image-calls.test-host';

const componentFiles = import.meta.glob('../resources/components/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exampleFiles = import.meta.glob('../resources/examples/*.pipeline.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function bundledCatalog(): CatalogListing {
  const entries = catalogIndex.components.map((item): CatalogEntry => {
    const text = componentFiles[`../resources/components/${item.file}`];
    if (text === undefined) throw new Error(`missing ${item.file}`);
    const imported = importComponentYaml(text, { file: item.file, source: { kind: 'catalog', ref: item.ref } });
    const components = Object.fromEntries(Object.entries(imported.components).map(([id, spec]) => [id === imported.id ? item.ref : id, id === imported.id ? imported.component : spec]));
    return { id: item.ref, ref: item.ref, group: item.group, keywords: item.keywords, component: imported.component, components, catalog: 'bundled', catalogName: 'Bundled', digest: contentDigest(text), location: item.file };
  });
  const source: CatalogSource = { id: 'bundled', kind: 'bundled', name: 'Bundled', location: 'resources/components', form: 'kfp-studio', componentCount: entries.length, pipelines: [], offline: false, writable: false, problems: [] };
  return { groups: catalogIndex.groups, entries, sources: [source], revision: 1 };
}

export function bundledExample(id: string): PipelineDocument {
  const text = exampleFiles[`../resources/examples/${id}.pipeline.json`];
  if (text === undefined) throw new Error(`missing example ${id}`);
  return parseDocument(text);
}

/** Adding catalogs, URLs and writing into folders need the host's file system and network (see test/catalogs). */
function unavailableCatalogCalls(): Pick<HostApi, 'catalogAdd' | 'catalogRemove' | 'catalogRefresh' | 'componentFromUrl' | 'catalogSaveComponent' | 'catalogPublish'> {
  const no = async () => fail('KFS505', 'Catalog sources are not available in this test host.');
  return { catalogAdd: no, catalogRemove: no, catalogRefresh: no, componentFromUrl: no, catalogSaveComponent: no, catalogPublish: no };
}

/** Upload, schedules and archiving need a cluster: here they answer that they are not available. */
function unavailableClusterRunCalls(): Pick<HostApi, keyof typeof CLUSTER_RUN_CALLS> {
  const no = async () => fail('KFS505', 'Cluster runs are not available in this test host.');
  return Object.fromEntries(Object.keys(CLUSTER_RUN_CALLS).map((name) => [name, no])) as unknown as Pick<HostApi, keyof typeof CLUSTER_RUN_CALLS>;
}

function listedName(text: string): { name?: string; id?: string } {
  const parsed = JSON.parse(text) as { name?: string; displayName?: string; id?: string };
  return { ...(parsed.displayName ?? parsed.name ? { name: parsed.displayName ?? parsed.name } : {}), ...(parsed.id ? { id: parsed.id } : {}) };
}

export function createTestHost(): HostApi & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    ...unavailableRunCalls(),
    ...unavailableClusterRunCalls(),
    ...memoryDocumentCalls(),
    ...unavailableCatalogCalls(),
    ...unavailableImageCalls(),
    catalogList: async () => ok(bundledCatalog()),
    catalogRevision: async () => ok({ revision: 1 }),
    exampleList: async () => ok({ examples: Object.keys(exampleFiles).map((f) => ({ id: f.replace(/^.*\/|\.pipeline\.json$/g, ''), title: f })) }),
    exampleOpen: async ({ id }) => {
      try {
        return ok({ id, document: bundledExample(id) });
      } catch {
        return fail('KFS702', `no example ${id}`);
      }
    },
    documentOpen: async ({ path }) => {
      const text = saved.get(path);
      if (text === undefined) return fail('KFS505', `There is no file at ${path}.`);
      return ok({ path, document: parseDocument(text) });
    },
    documentList: async () =>
      ok({ documents: [...saved].map(([file, text]) => ({ file, modifiedAt: new Date(0).toISOString(), ...listedName(text) })) }),
    documentSave: async ({ path, document, replace, expectedRevision }) => {
      const before = saved.get(path);
      // As the host does: another document's file is replaced only when confirmed (revisions are the texts here).
      if (before !== undefined && !replace && expectedRevision !== String(before.length) && listedName(before).id !== document.id) {
        return fail('KFS307', `${path} already holds another pipeline.`);
      }
      const text = serializeDocument(document);
      saved.set(path, text);
      return ok({ path, bytes: text.length, revision: String(text.length) });
    },
    importComponentFile: async ({ name, text }) => {
      try {
        return ok(importComponentYaml(text, { file: name, source: { kind: 'file', path: name } }));
      } catch (error) {
        return failFrom(error);
      }
    },
  };
}
