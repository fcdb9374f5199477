// Saving a step for reuse and publishing a pipeline into a folder catalog: what the folder then holds, and that the
// catalog lists it (the step as a component, the pipeline as a nested pipeline) for the next person.
import { lstat, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive/archive.read';
import { componentYaml, pipelineComponentYaml } from '../../shared/catalog/component-export';
import { parseDocument } from '../../shared/model/document.parse';
import { CatalogService } from '../../electron/host/catalogs';
import { saveComponentFile, publishPipeline } from '../../electron/host/catalogs/catalog-write';
import { REPO_ROOT, smallComponent, writeFiles } from './catalog-fixtures';

let work: string;
let service: CatalogService;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kfs-catalog-write-'));
  service = new CatalogService({ bundledDir: path.join(REPO_ROOT, 'resources/components'), dataDir: path.join(work, 'data'), baseDir: work });
});

afterEach(async () => {
  service.close();
  await rm(work, { recursive: true, force: true });
});

async function classic() {
  return parseDocument(await readFile(path.join(REPO_ROOT, 'resources/examples/classic-local.pipeline.json'), 'utf8'));
}

describe('saveComponentFile', () => {
  it('writes a step as a component file the catalog then lists; refuses to overwrite, to leave the folder, or junk', async () => {
    const team = path.join(work, 'team');
    await writeFiles(team, { 'a.yaml': smallComponent('Existing') });
    const source = await service.add({ kind: 'folder', location: team });
    const doc = await classic();
    const [id, spec] = Object.entries(doc.components)[0] as [string, (typeof doc.components)[string]];
    const text = componentYaml(id, spec, doc.components, 'v2');
    const saved = await saveComponentFile(team, 'steps/mine.component.yaml', text);
    expect(saved.path).toBe('steps/mine.component.yaml');
    service.touched(source.id);
    const listed = (await service.list()).entries.filter((e) => e.catalog === source.id);
    expect(listed.map((e) => e.location).sort()).toEqual(['a.yaml', 'steps/mine.component.yaml']);
    expect(listed.find((e) => e.location === 'steps/mine.component.yaml')?.digest).toBe(saved.digest);

    await expect(saveComponentFile(team, 'steps/mine.component.yaml', text)).rejects.toMatchObject({ code: 'KFS454' });
    await expect(saveComponentFile(team, '../escape.yaml', text)).rejects.toMatchObject({ code: 'KFS450' });
    await expect(saveComponentFile(team, 'junk.yaml', 'name: x\n')).rejects.toMatchObject({ code: 'KFS411' });
    await symlink(path.join(work, 'elsewhere'), path.join(team, 'linked'));
    await expect(saveComponentFile(team, 'linked/x.yaml', text)).rejects.toMatchObject({ code: 'KFS450' });
    expect(await lstat(path.join(work, 'elsewhere', 'x.yaml')).catch(() => undefined)).toBeUndefined();
  });


  it('saves a whole pipeline as one component file that the catalog offers as a nested pipeline', async () => {
    const team = path.join(work, 'team');
    await writeFiles(team, { 'a.yaml': smallComponent('Existing') });
    const source = await service.add({ kind: 'folder', location: team });
    const doc = await classic();
    await saveComponentFile(team, 'classic.pipeline-component.yaml', pipelineComponentYaml(doc));
    service.touched(source.id);
    const nested = (await service.list()).entries.find((e) => e.location === 'classic.pipeline-component.yaml');
    expect(nested?.component.implementation.kind).toBe('graph');
    expect(Object.keys(nested?.component.implementation.kind === 'graph' ? nested.component.implementation.graph.tasks : {}).sort()).toEqual(Object.keys(doc.graph.tasks).sort());
  });
});

describe('publishPipeline', () => {
  it('writes the archive, the document, the IR and the components, with an index that keeps the files already there', async () => {
    const team = path.join(work, 'team');
    await writeFiles(team, { 'a.yaml': smallComponent('Existing') });
    const source = await service.add({ kind: 'folder', location: team });
    const doc = await classic();
    const published = await publishPipeline(team, 'Classic demo', 'The tutorial pipeline', doc);
    expect(published.files).toEqual(expect.arrayContaining(['pipelines/classic-demo.tar.gz', 'pipelines/classic-demo.pipeline.json', 'pipelines/classic-demo.yaml']));
    const archive = await readFile(path.join(team, 'pipelines/classic-demo.tar.gz'));
    expect(readPipelineArchive(new Uint8Array(archive), 'classic-demo.tar.gz').text).toContain('pipelineInfo');
    expect(parseDocument(await readFile(path.join(team, 'pipelines/classic-demo.pipeline.json'), 'utf8'))).toEqual(doc);

    service.touched(source.id);
    const listing = await service.list();
    const mine = listing.sources.find((s) => s.id === source.id);
    expect(mine).toMatchObject({ form: 'kfp-studio', problems: [] });
    expect(mine?.pipelines).toEqual([{ name: 'Classic demo', description: 'The tutorial pipeline', archive: 'pipelines/classic-demo.tar.gz', document: 'pipelines/classic-demo.pipeline.json' }]);
    const entries = listing.entries.filter((e) => e.catalog === source.id);
    expect(entries.map((e) => e.location)).toContain('a.yaml');
    const nested = entries.find((e) => e.location === 'pipelines/classic-demo.yaml');
    expect(nested).toMatchObject({ group: 'Pipelines' });
    expect(nested?.component.implementation.kind).toBe('graph');
    expect(entries.length).toBe(2 + Object.values(doc.components).filter((c) => c.implementation.kind !== 'graph').length);

    // Publishing again replaces the pipeline's entry instead of listing it twice.
    await publishPipeline(team, 'Classic demo', undefined, doc);
    const index = JSON.parse(await readFile(path.join(team, 'catalog.json'), 'utf8')) as { pipelines: unknown[]; components: unknown[] };
    expect(index.pipelines).toHaveLength(1);
    expect(new Set(index.components.map((c) => JSON.stringify(c))).size).toBe(index.components.length);
  });
});
