// The palette over several catalogs (search by port names and types, source/version/digest shown, a failing catalog
// reported while the others work) and a task whose catalog component changed upstream (flagged, kept, then updated).
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contentDigest, shortDigest } from '../../shared/catalog/sha256';
import type { CatalogEntry, CatalogListing } from '../../shared/host-api/catalog.calls';
import { ok } from '../../shared/host-api/host-result';
import { importComponentYaml } from '../../shared/import/component.import';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { App } from '../shell/App';
import { bundledCatalog, createTestHost } from '../test-host';
import { createCatalogUi } from './catalog-ui';

function ingestText(image: string): string {
  return `name: Team ingest\ndescription: Loads the nightly export\ninputs:\n- {name: export_day, type: String}\noutputs:\n- {name: rows, type: Dataset}\nimplementation:\n  container:\n    image: ${image}\n    command: [ingest, {inputValue: export_day}, {outputPath: rows}]\n`;
}

function teamEntry(image: string): CatalogEntry {
  const text = ingestText(image);
  const ref = 'folder-abc:ingest.yaml';
  const imported = importComponentYaml(text, { source: { kind: 'catalog', ref, digest: contentDigest(text) } });
  return { id: imported.id, ref, group: 'Team', keywords: [], component: imported.component, components: imported.components, catalog: 'folder-abc', catalogName: 'Team', digest: contentDigest(text), version: '1.2.0', location: 'ingest.yaml' };
}

function listing(entry: CatalogEntry): CatalogListing {
  const bundled = bundledCatalog();
  return {
    groups: [...bundled.groups, 'Team'],
    entries: [...bundled.entries, entry],
    sources: [
      ...bundled.sources,
      { id: 'folder-abc', kind: 'folder', name: 'Team', location: '/team', form: 'files', componentCount: 1, pipelines: [], offline: false, writable: true, problems: [{ code: 'KFS411', message: 'This is not a component specification.', location: { file: 'notes.yaml' } }] },
    ],
    revision: 7,
  };
}

function renderWith(entry: CatalogEntry, document?: PipelineDocument) {
  const host = { ...createTestHost(), catalogList: async () => ok(listing(entry)), catalogRevision: async () => ok({ revision: 7 }) };
  render(<App host={host} catalogs={createCatalogUi()} {...(document ? { initialDocument: document } : { exampleId: 'classic' })} />);
  return userEvent.setup();
}

describe('the palette over several catalogs', () => {
  it('finds a team component by an output type, shows its catalog, version and digest, and the failing file of a catalog', async () => {
    const entry = teamEntry('team/ingest:1');
    const user = renderWith(entry);
    const palette = screen.getByRole('region', { name: 'Components' });
    await within(palette).findByRole('option', { name: 'Team ingest' });
    await user.type(within(palette).getByRole('searchbox', { name: 'Search components' }), 'export_day dataset');
    expect(within(palette).getAllByRole('option').map((o) => o.getAttribute('aria-label'))).toEqual(['Team ingest']);
    expect(within(palette).getByLabelText('Source').textContent).toBe(`Team · v1.2.0 · ${shortDigest(entry.digest)}`);
    expect(within(palette).getByRole('list', { name: 'Catalog problems' }).textContent).toContain('Team: KFS411 notes.yaml: This is not a component specification.');
  });
});

describe('a component changed upstream', () => {
  it('is flagged on the task that uses it, kept until the update is accepted, then replaced', async () => {
    const old = teamEntry('team/ingest:1');
    const document = emptyDocument('nightly');
    document.components = { ...old.components };
    document.graph.tasks['ingest'] = { id: 'ingest', component: old.id, displayName: 'Nightly ingest', arguments: { export_day: { kind: 'constant', value: 'today' } }, after: [], options: {} };
    document.graph.layout['ingest'] = { x: 0, y: 0 };
    const user = renderWith(teamEntry('team/ingest:2'), document);
    const update = await screen.findByRole('button', { name: 'Update Nightly ingest from Team' }, { timeout: 5000 });
    expect(update.getAttribute('title')).toContain('KFS453');
    await user.click(update);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Update Nightly ingest from Team' })).toBeNull());
    expect(window.document.body.textContent).toContain("Nightly ingest now uses the catalog's copy of Team ingest");
  });

  it('is not flagged while the catalog holds the pinned copy', async () => {
    const same = teamEntry('team/ingest:1');
    const document = emptyDocument('nightly');
    document.components = { ...same.components };
    document.graph.tasks['ingest'] = { id: 'ingest', component: same.id, displayName: 'Nightly ingest', arguments: {}, after: [], options: {} };
    document.graph.layout['ingest'] = { x: 0, y: 0 };
    renderWith(same, document);
    await screen.findByRole('group', { name: 'Nightly ingest' }, { timeout: 5000 });
    await within(screen.getByRole('region', { name: 'Components' })).findByRole('option', { name: 'Team ingest' });
    expect(screen.queryByRole('button', { name: /^Update Nightly ingest/ })).toBeNull();
  });
});

describe('the Catalogs dialog', () => {
  it('opens before the catalogs have loaded (a slow host) and lists them once they arrive', async () => {
    let answer: (value: ReturnType<typeof ok<CatalogListing>>) => void = () => undefined;
    const slow = new Promise<ReturnType<typeof ok<CatalogListing>>>((resolve) => (answer = resolve));
    const host = { ...createTestHost(), catalogList: () => slow, catalogRevision: async () => ok({ revision: 7 }) };
    const catalogs = createCatalogUi();
    catalogs.getState().open('catalogs');
    render(<App host={host} catalogs={catalogs} exampleId="classic" />);
    const dialog = await screen.findByRole('dialog', { name: 'Catalogs' });
    answer(ok(listing(teamEntry('team/ingest:1'))));
    await within(dialog).findByRole('listitem', { name: 'Team' });
  });
});
