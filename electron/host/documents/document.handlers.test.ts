// The document and secret calls as every binding reaches them: through createHostServices, with untrusted input.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../../shared/model/test-documents';
import { createHostServices } from '../host-services';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir = '';
let dataDir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-dochost-'));
  dataDir = path.join(dir, 'data');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const host = () => createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: dir, dataDir });

describe('document calls', () => {
  it('answers a save over a file changed by someone else with KFS507, leaving their file', async () => {
    const h = host();
    const saved = await h.documentSave({ path: 'a.pipeline.json', document: twoStepDocument() });
    if (!saved.ok) throw new Error(saved.error.message);
    const opened = await h.documentOpen({ path: 'a.pipeline.json' });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.revision).toBe(saved.value.revision);
    await writeFile(path.join(dir, 'a.pipeline.json'), 'someone else');
    expect(await h.documentStatus({ path: 'a.pipeline.json', revision: opened.value.revision as string })).toMatchObject({ ok: true, value: { changed: true } });
    const refused = await h.documentSave({ path: 'a.pipeline.json', document: twoStepDocument(), expectedRevision: opened.value.revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KFS507', location: { file: 'a.pipeline.json' } } });
    expect(await readFile(path.join(dir, 'a.pipeline.json'), 'utf8')).toBe('someone else');
  });

  it('recovers autosaved work in a new session and discards it on request', async () => {
    const before = host();
    const doc = { ...twoStepDocument(), description: 'not saved yet' };
    expect(await before.documentAutosave({ key: 'tab-1', path: path.join(dir, 'a.pipeline.json'), document: doc })).toMatchObject({ ok: true });
    const after = host();
    const list = await after.recoveryList({});
    expect(list).toMatchObject({ ok: true, value: { entries: [{ key: 'tab-1', path: path.join(dir, 'a.pipeline.json'), name: 'two-steps' }] } });
    expect(await after.recoveryTake({ key: 'tab-1' })).toMatchObject({ ok: true, value: { document: doc } });
    expect(await after.recoveryDiscard({ key: 'tab-1' })).toEqual({ ok: true, value: {} });
    expect(await after.recoveryList({})).toEqual({ ok: true, value: { entries: [] } });
  });

  it('refuses malformed requests with KFS701', async () => {
    const h = host();
    expect(await h.documentAutosave({ key: '../x', document: twoStepDocument() })).toMatchObject({ ok: false, error: { code: 'KFS701', location: { field: 'key' } } });
    expect(await h.recoveryTake({ key: 'k', extra: 1 })).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    expect(await h.documentAutosave({ key: 'k', document: { format: 'nope' } })).toMatchObject({ ok: false, error: { code: 'KFS701' } });
  });

  it('tells the UI that secrets cannot be stored outside the desktop app, and never answers a secret', async () => {
    const h = host();
    expect(await h.secretStoreStatus({})).toMatchObject({ ok: true, value: { available: false, warning: expect.any(String) } });
    expect(await h.secretSet({ key: 'cluster:a', value: 'token' })).toMatchObject({ ok: false, error: { code: 'KFS703' } });
    expect(Object.keys(h).filter((name) => /secret/i.test(name)).sort()).toEqual(['clusterProfileSetSecret', 'secretDelete', 'secretHas', 'secretSet', 'secretStoreStatus']);
  });
});
