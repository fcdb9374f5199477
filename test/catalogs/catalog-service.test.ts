// The catalog service over real folders, a loopback HTTP server and a real Git repository: what a person adding
// the team's catalogs would see in the palette, in refresh results and in coded problems.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest } from '../../shared/catalog/sha256';
import { CatalogService } from '../../electron/host/catalogs';
import { bundledComponentText, commitFiles, makeRepository, REPO_ROOT, serveFiles, smallComponent, writeFiles, type TestHttp } from './catalog-fixtures';

let work: string;
let service: CatalogService;
let http: TestHttp | undefined;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kfs-catalog-'));
  service = new CatalogService({ bundledDir: path.join(REPO_ROOT, 'resources/components'), dataDir: path.join(work, 'data'), baseDir: work });
});

afterEach(async () => {
  service.close();
  await http?.close();
  http = undefined;
  await rm(work, { recursive: true, force: true });
});

const names = async () => (await service.list()).entries.filter((e) => e.catalog !== 'bundled').map((e) => e.component.name).sort();

describe('folder catalogs', () => {
  it('lists every component file in the folder (nested, v1 and v2), beside the bundled ones, and skips other YAML', async () => {
    await writeFiles(path.join(work, 'team'), {
      'ingest/component.yaml': smallComponent('Ingest rows'),
      'train.component.yaml': await bundledComponentText('train-sklearn'),
      '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
      'notes.yaml': 'just: notes\n',
    });
    const source = await service.add({ kind: 'folder', location: 'team' });
    expect(source).toMatchObject({ kind: 'folder', name: 'team', form: 'files', componentCount: 2, writable: true, problems: [] });
    const listing = await service.list();
    const ingest = listing.entries.find((e) => e.component.name === 'Ingest rows');
    expect(ingest).toMatchObject({ catalog: source.id, catalogName: 'team', group: 'team', location: 'ingest/component.yaml', digest: contentDigest(smallComponent('Ingest rows')) });
    expect(ingest?.component.source).toEqual({ kind: 'catalog', ref: `${source.id}:ingest/component.yaml`, digest: ingest?.digest });
    expect(listing.entries.filter((e) => e.catalog === 'bundled')).toHaveLength(8);
    expect(listing.sources.map((s) => s.id)).toEqual(['bundled', source.id]);
  });

  it('reports a bad file as a coded problem and keeps the rest; never follows links or leaves the folder', async () => {
    const team = path.join(work, 'team');
    await writeFiles(team, { 'good.yaml': smallComponent('Good'), 'broken.yaml': 'name: Broken\nimplementation:\n  container: {}\n' });
    await writeFiles(path.join(work, 'outside'), { 'secret.yaml': smallComponent('Outside') });
    await symlink(path.join(work, 'outside'), path.join(team, 'linked-dir'));
    await symlink(path.join(work, 'outside/secret.yaml'), path.join(team, 'linked.yaml'));
    const source = await service.add({ kind: 'folder', location: team });
    expect(await names()).toEqual(['Good']);
    expect(source.problems.map((p) => [p.code, p.location?.file])).toEqual([['KFS411', 'broken.yaml']]);

    await writeFiles(team, { 'catalog.json': JSON.stringify({ components: [{ file: 'good.yaml' }, { file: '../outside/secret.yaml' }] }) });
    service.touched(source.id);
    const listing = await service.list();
    expect(listing.sources[1]?.problems.map((p) => p.code)).toEqual(['KFS443']);
    expect(listing.entries.filter((e) => e.catalog === source.id)).toEqual([]);

    await writeFiles(team, { 'catalog.json': JSON.stringify({ components: [{ file: 'good.yaml', group: 'Team' }, { file: 'linked.yaml' }] }) });
    service.touched(source.id);
    const linked = await service.list();
    expect(linked.sources[1]?.problems.map((p) => p.code)).toEqual(['KFS450']);
    expect(linked.entries.filter((e) => e.catalog === source.id).map((e) => [e.component.name, e.group])).toEqual([['Good', 'Team']]);
  });

  it('sees files added to a watched folder without a refresh (the revision moves)', async () => {
    const team = path.join(work, 'team');
    await writeFiles(team, { 'a.yaml': smallComponent('First') });
    await service.add({ kind: 'folder', location: team });
    const before = service.revision();
    await writeFile(path.join(team, 'b.yaml'), smallComponent('Second'));
    await expect.poll(() => service.revision(), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await names()).toEqual(['First', 'Second']);
  });

  it('refuses a folder that does not exist, and the same folder twice', async () => {
    await expect(service.add({ kind: 'folder', location: 'missing' })).rejects.toMatchObject({ code: 'KFS440' });
    await writeFiles(path.join(work, 'team'), { 'a.yaml': smallComponent('A') });
    await service.add({ kind: 'folder', location: 'team' });
    await expect(service.add({ kind: 'folder', location: path.join(work, 'team') })).rejects.toMatchObject({ code: 'KFS442' });
    expect((await service.list()).sources).toHaveLength(2);
  });
});

describe('URL catalogs', () => {
  it('reads an index (own form) whose entries are relative files and URLs, pins digests, and works offline from the copy', async () => {
    const train = await bundledComponentText('train-sklearn');
    http = await serveFiles({
      '/lib/prep.yaml': smallComponent('Prepare'),
      '/lib/train.yaml': train,
      '/other/tampered.yaml': smallComponent('Tampered'),
    });
    http.files.set(
      '/lib/index.json',
      JSON.stringify({
        format: 'kfp-studio.catalog/v1',
        name: 'Team library',
        groups: ['Training'],
        components: [
          { file: 'prep.yaml', group: 'Data', version: '1.0.0', keywords: ['clean'] },
          { url: `${http.base}/lib/train.yaml`, group: 'Training', digest: contentDigest(train) },
          { url: `${http.base}/other/tampered.yaml`, digest: contentDigest('something else') },
        ],
      }),
    );
    const source = await service.add({ kind: 'url', location: `${http.base}/lib/index.json` });
    expect(source).toMatchObject({ name: 'Team library', form: 'kfp-studio', componentCount: 2, writable: false, offline: false });
    expect(source.problems.map((p) => p.code)).toEqual(['KFS446']);
    const listing = await service.list();
    expect(listing.entries.filter((e) => e.catalog === source.id).map((e) => [e.component.name, e.group, e.version ?? ''])).toEqual([
      ['Prepare', 'Data', '1.0.0'],
      ['Train scikit-learn classifier', 'Training', ''],
    ]);

    // Upstream changes are not taken until refresh; refresh reports them.
    http.files.set('/lib/prep.yaml', smallComponent('Prepare', 'python:3.12'));
    expect((await service.list()).entries.find((e) => e.component.name === 'Prepare')?.digest).toBe(contentDigest(smallComponent('Prepare')));
    const refreshed = await service.refresh(source.id);
    expect(refreshed.changes).toEqual([
      { catalog: source.id, ref: `${source.id}:${http.base}/lib/prep.yaml`, name: 'Prepare', change: 'changed', from: contentDigest(smallComponent('Prepare')), to: contentDigest(smallComponent('Prepare', 'python:3.12')) },
    ]);

    // Offline: a new service (a restarted app) lists from the copy; refresh says it is offline and keeps it.
    await http.close();
    http = undefined;
    const restarted = new CatalogService({ bundledDir: path.join(REPO_ROOT, 'resources/components'), dataDir: path.join(work, 'data'), baseDir: work });
    const offline = await restarted.list();
    expect(offline.entries.filter((e) => e.catalog === source.id)).toHaveLength(2);
    const stillOffline = await restarted.refresh(source.id);
    expect(stillOffline.sources[0]).toMatchObject({ offline: true, componentCount: 2 });
    expect(stillOffline.sources[0]?.problems[0]?.code).toBe('KFS444');
    expect(stillOffline.changes).toEqual([]);
    restarted.close();
  });

  it('reads a single component URL, a Tangle component library and an Elyra url-catalog', async () => {
    http = await serveFiles({ '/a.yaml': smallComponent('Alpha'), '/b.yaml': smallComponent('Beta') });
    http.files.set('/component_library.yaml', `annotations: {name: Tangle lib}\nfolders:\n- name: Quick start\n  components:\n  - url: ${http.base}/a.yaml\n  folders:\n  - name: More\n    components:\n    - url: ${http.base}/b.yaml\n`);
    http.files.set('/elyra.json', JSON.stringify({ schema_name: 'url-catalog', display_name: 'Elyra set', metadata: { runtime_type: 'KUBEFLOW_PIPELINES', categories: ['Shared'], paths: [`${http.base}/b.yaml`] } }));
    const single = await service.add({ kind: 'url', location: `${http.base}/a.yaml` });
    const tangle = await service.add({ kind: 'url', location: `${http.base}/component_library.yaml` });
    const elyra = await service.add({ kind: 'url', location: `${http.base}/elyra.json` });
    expect([single.form, tangle.form, elyra.form]).toEqual(['component', 'tangle', 'elyra']);
    const listing = await service.list();
    expect([single.name, tangle.name, elyra.name]).toEqual(['127.0.0.1/a.yaml', 'Tangle lib', 'Elyra set']);
    const of = (id: string) => listing.entries.filter((e) => e.catalog === id).map((e) => `${e.group}/${e.component.name}`);
    expect(of(tangle.id)).toEqual(['Quick start/Alpha', 'Quick start / More/Beta']);
    expect(of(elyra.id)).toEqual(['Shared/Beta']);
    expect(of(single.id)).toEqual([`127.0.0.1/a.yaml/Alpha`]);
  });

  it('refuses non-http URLs, oversized content and unreachable servers with their codes; a failing source leaves the others', async () => {
    await expect(service.add({ kind: 'url', location: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'KFS447' });
    http = await serveFiles({ '/big.yaml': `name: Big\n# ${'x'.repeat(5 * 1024 * 1024)}\n`, '/ok.yaml': smallComponent('Fine') });
    await expect(service.add({ kind: 'url', location: `${http.base}/big.yaml` })).rejects.toMatchObject({ code: 'KFS445' });
    await expect(service.add({ kind: 'url', location: `${http.base}/missing.yaml` })).rejects.toMatchObject({ code: 'KFS444' });
    await writeFiles(path.join(work, 'team'), { 'a.yaml': smallComponent('Kept') });
    const folder = await service.add({ kind: 'folder', location: 'team' });
    await rm(path.join(work, 'team'), { recursive: true });
    service.touched(folder.id);
    const listing = await service.list();
    expect(listing.sources.find((s) => s.id === folder.id)?.problems.map((p) => p.code)).toEqual(['KFS440']);
    expect(listing.entries.filter((e) => e.catalog === 'bundled')).toHaveLength(8);
  });
});

describe('Git catalogs', () => {
  it('clones a local repository, takes upstream changes only on refresh, and checks links out as plain files', async () => {
    const repo = path.join(work, 'repo');
    await makeRepository(repo, { 'components/prep.yaml': smallComponent('Prepare'), 'README.md': '# team\n' });
    await symlink('/etc/hostname', path.join(repo, 'components', 'link.yaml'));
    await commitFiles(repo, {}, 'add a link');
    const source = await service.add({ kind: 'git', location: repo });
    expect(source).toMatchObject({ kind: 'git', name: 'repo', componentCount: 1, writable: false, problems: [] });

    await commitFiles(repo, { 'components/prep.yaml': smallComponent('Prepare', 'python:3.12'), 'components/train.yaml': smallComponent('Train') });
    expect(await names()).toEqual(['Prepare']);
    const { changes } = await service.refresh(source.id);
    expect(changes.map((c) => [c.name, c.change])).toEqual([
      ['Prepare', 'changed'],
      ['Train', 'added'],
    ]);
    expect(await names()).toEqual(['Prepare', 'Train']);
    expect(await service.remove(source.id)).toBe(true);
    expect(await names()).toEqual([]);
  });

  it('refuses a repository that cannot be cloned, and locations that are options or command transports', async () => {
    await expect(service.add({ kind: 'git', location: path.join(work, 'no-repo') })).rejects.toMatchObject({ code: 'KFS448' });
    await expect(service.add({ kind: 'git', location: '--upload-pack=touch /tmp/x' })).rejects.toMatchObject({ code: 'KFS440' });
    await expect(service.add({ kind: 'git', location: 'ext::sh -c touch% /tmp/x' })).rejects.toMatchObject({ code: 'KFS440' });
    expect((await service.list()).sources).toHaveLength(1);
  });
});
