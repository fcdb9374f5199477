import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { createHostServices } from './host-services';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir = '';
let host: ReturnType<typeof createHostServices>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-host-'));
  host = createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: dir });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('catalogList', () => {
  it('lists every bundled component with its group, keywords and imported spec', async () => {
    const result = await host.catalogList({});
    if (!result.ok) throw new Error(result.error.message);
    const catalog = JSON.parse(await readFile(path.join(repoRoot, 'resources/components/catalog.json'), 'utf8')) as { components: { ref: string; group: string }[] };
    expect(result.value.entries.map((e) => e.ref)).toEqual(catalog.components.map((c) => c.ref));
    const preprocess = result.value.entries.find((e) => e.ref === 'preprocess');
    expect(preprocess?.group).toBe('Data');
    expect(preprocess?.component.inputs.map((p) => p.name)).toContain('label_column');
    expect(preprocess?.component.source).toEqual({ kind: 'catalog', ref: 'preprocess' });
    expect(preprocess?.components[preprocess.id]).toBeDefined();
  });

  it('refuses unexpected request fields with a coded error, not a stack', async () => {
    const result = await host.catalogList({ extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('documents', () => {
  it('saves atomically and opens what it saved', async () => {
    const document = twoStepDocument();
    const saved = await host.documentSave({ path: 'two.pipeline.json', document });
    expect(saved.ok).toBe(true);
    expect(await readdir(dir)).toEqual(['two.pipeline.json']);
    const opened = await host.documentOpen({ path: 'two.pipeline.json' });
    expect(opened).toMatchObject({ ok: true, value: { document } });
  });

  it('replaces an existing file holding something else only once the person confirmed it, then whole', async () => {
    await writeFile(path.join(dir, 'a.pipeline.json'), 'x'.repeat(100_000));
    const unasked = await host.documentSave({ path: 'a.pipeline.json', document: twoStepDocument() });
    expect(unasked).toMatchObject({ ok: false, error: { code: 'KFS307' } });
    expect(await readFile(path.join(dir, 'a.pipeline.json'), 'utf8')).toBe('x'.repeat(100_000));
    const result = await host.documentSave({ path: 'a.pipeline.json', document: twoStepDocument(), replace: true });
    expect(result.ok).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'a.pipeline.json'), 'utf8'))).toEqual(twoStepDocument());
  });

  it('refuses to save an invalid document or to a non-document path, leaving the disk untouched', async () => {
    const bad = await host.documentSave({ path: 'x.pipeline.json', document: { format: 'nope' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'KFS701' } });
    const wrongName = await host.documentSave({ path: 'notes.txt', document: twoStepDocument() });
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'KFS510' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('answers a missing or broken file with a coded error', async () => {
    expect(await host.documentOpen({ path: 'missing.pipeline.json' })).toMatchObject({ ok: false, error: { code: 'KFS505' } });
    await writeFile(path.join(dir, 'broken.pipeline.json'), '{ not json');
    expect(await host.documentOpen({ path: 'broken.pipeline.json' })).toMatchObject({ ok: false, error: { code: 'KFS503', location: { file: 'broken.pipeline.json' } } });
  });

  it('reports a write failure as KFS506', async () => {
    const result = await host.documentSave({ path: 'no-such-dir/a.pipeline.json', document: twoStepDocument() });
    expect(result).toMatchObject({ ok: false, error: { code: 'KFS506' } });
  });
});

describe('examples', () => {
  it('lists and opens the classic example', async () => {
    const list = await host.exampleList({});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.examples.map((e) => e.id)).toContain('classic');
    const opened = await host.exampleOpen({ id: 'classic' });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(Object.keys(opened.value.document.graph.tasks).length).toBeGreaterThan(1);
  });

  it('refuses an unknown or path-like example id', async () => {
    expect(await host.exampleOpen({ id: '../../package' })).toMatchObject({ ok: false, error: { code: 'KFS702' } });
  });
});

describe('importComponentFile', () => {
  it('imports a component.yaml and marks it as from a file', async () => {
    const text = 'name: Echo\ninputs:\n- {name: msg, type: String}\nimplementation:\n  container:\n    image: alpine\n    command: [echo, {inputValue: msg}]\n';
    const result = await host.importComponentFile({ name: 'echo.yaml', text });
    expect(result).toMatchObject({ ok: true, value: { component: { name: 'Echo', source: { kind: 'file', path: 'echo.yaml' } } } });
  });

  it('answers bad YAML with its code and location', async () => {
    const result = await host.importComponentFile({ name: 'bad.yaml', text: 'name: [unclosed' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toMatch(/^KFS4/);
      expect(result.error.location?.file).toBe('bad.yaml');
    }
  });
});
