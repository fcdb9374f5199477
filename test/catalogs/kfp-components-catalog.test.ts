// The KFP repository's own component files (../shared/kfp/components, 141 real files this project did not write) as
// a folder catalog: every file is offered or refused with a code naming the file, exactly as importing it alone
// would, and each offered component can be found by its name.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../electron/host/catalogs';
import { indexCatalog, searchCatalog } from '../../shared/catalog/catalog-search';
import { contentDigest } from '../../shared/catalog/sha256';
import { isKfsError } from '../../shared/errors/codes';
import { importComponentYaml } from '../../shared/import/component.import';
import { hasKfp, KFP_DIR, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';
import { REPO_ROOT } from './catalog-fixtures';

if (!hasKfp) console.warn(`[catalogs] ${KFP_MISSING_NOTE}`);

describe.skipIf(!hasKfp)('the KFP corpus of components as a folder catalog', () => {
  let work: string;
  let service: CatalogService;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'kfs-kfp-catalog-'));
    service = new CatalogService({ bundledDir: path.join(REPO_ROOT, 'resources/components'), dataDir: work, baseDir: work });
  });

  afterAll(async () => {
    service.close();
    await rm(work, { recursive: true, force: true });
  });

  it('offers what imports alone and reports the rest with the same code, per file', async () => {
    const folder = path.join(KFP_DIR, 'components');
    const source = await service.add({ kind: 'folder', location: folder, name: 'KFP components' });
    const listing = await service.list();
    const entries = listing.entries.filter((e) => e.catalog === source.id);
    const files = listKfpFiles('components').filter((f) => /\.ya?ml$/.test(f));
    const expected = new Map<string, string>();
    for (const file of files) {
      try {
        importComponentYaml(readFileSync(file, 'utf8'), { file: path.basename(file) });
        expected.set(path.relative(folder, file), 'ok');
      } catch (error) {
        expected.set(path.relative(folder, file), isKfsError(error) ? error.code : 'crash');
      }
    }
    const seen = new Map<string, string>([
      ...entries.map((e): [string, string] => [e.location, 'ok']),
      ...(listing.sources.find((s) => s.id === source.id)?.problems ?? []).map((p): [string, string] => [p.location?.file ?? '?', p.code]),
    ]);
    expect(entries.length).toBeGreaterThan(100);
    expect(seen).toEqual(expected);
    for (const entry of entries.slice(0, 20)) expect(entry.digest).toBe(contentDigest(readFileSync(path.join(folder, entry.location), 'utf8')));
    const index = indexCatalog(entries);
    for (const entry of entries) expect(searchCatalog(index, entry.component.name).map((e) => e.ref)).toContain(entry.ref);
  });
});
