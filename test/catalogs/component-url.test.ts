// Components by URL: fetched once and cached (the digest given), refused offline with KFS444 when never fetched,
// and graph components whose tasks name their components by URL resolved the same way.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest } from '../../shared/catalog/sha256';
import { RemoteCache, importWithUrlRefs, loadComponentFromUrl } from '../../electron/host/catalogs';
import { bundledComponentText, serveFiles, type TestHttp } from './catalog-fixtures';

let work: string;
let http: TestHttp;
let remote: RemoteCache;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kfs-url-'));
  http = await serveFiles({ '/prep.yaml': await bundledComponentText('preprocess'), '/train.yaml': await bundledComponentText('train-sklearn') });
  remote = new RemoteCache(path.join(work, 'cache'));
});

afterEach(async () => {
  await http.close();
  await rm(work, { recursive: true, force: true });
});

function graphComponent(base: string): string {
  return [
    'name: Prepare and train',
    'inputs:',
    '- {name: data, type: Dataset}',
    'outputs:',
    '- {name: model, type: Model}',
    'implementation:',
    '  graph:',
    '    tasks:',
    '      prep:',
    `        componentRef: {url: '${base}/prep.yaml'}`,
    '        arguments:',
    '          data: {graphInput: {inputName: data}}',
    '          label_column: species',
    '      train:',
    `        componentRef: {url: '${base}/train.yaml'}`,
    '        arguments:',
    '          train_data: {taskOutput: {taskId: prep, outputName: train_data}}',
    '          label_column: species',
    '    outputValues:',
    '      model: {taskOutput: {taskId: train, outputName: model}}',
    '',
  ].join('\n');
}

describe('loadComponentFromUrl', () => {
  it('imports a component from a URL with its digest, then serves the cached copy when the server is gone', async () => {
    const text = await bundledComponentText('preprocess');
    const first = await loadComponentFromUrl(`${http.base}/prep.yaml`, remote);
    expect(first).toMatchObject({ digest: contentDigest(text), cached: false });
    expect(first.component.source).toEqual({ kind: 'url', url: `${http.base}/prep.yaml`, digest: contentDigest(text) });
    await http.close();
    const again = await loadComponentFromUrl(`${http.base}/prep.yaml`, remote);
    expect(again).toMatchObject({ digest: first.digest, cached: true });
    expect(again.component).toEqual(first.component);
    await expect(loadComponentFromUrl(`${http.base}/never.yaml`, remote)).rejects.toMatchObject({ code: 'KFS444', message: expect.stringContaining('cannot be used offline') });
    http = await serveFiles({});
  });

  it('refuses content over the cap (KFS445) and http errors (KFS444)', async () => {
    http.files.set('/big.yaml', 'x'.repeat(3 * 1024 * 1024));
    await expect(loadComponentFromUrl(`${http.base}/big.yaml`, remote)).rejects.toMatchObject({ code: 'KFS445' });
    await expect(loadComponentFromUrl(`${http.base}/missing.yaml`, remote)).rejects.toMatchObject({ code: 'KFS444', message: expect.stringContaining('HTTP 404') });
  });
});

describe('graph components with tasks by URL', () => {
  it('fetches each task component and imports the graph, wired', async () => {
    const imported = await importWithUrlRefs(graphComponent(http.base), { file: 'pair.yaml' }, remote);
    expect(imported.component.implementation.kind).toBe('graph');
    const graph = imported.component.implementation.kind === 'graph' ? imported.component.implementation.graph : undefined;
    expect(Object.keys(graph?.tasks ?? {})).toEqual(['prep', 'train']);
    expect(graph?.tasks['train']?.arguments['train_data']).toEqual({ kind: 'taskOutput', task: 'prep', output: 'train_data' });
    expect(imported.components[graph?.tasks['train']?.component ?? '']?.name).toBe('Train scikit-learn classifier');
    expect(http.requests.sort()).toEqual(['/prep.yaml', '/train.yaml']);
  });

  it('refuses with KFS452, naming the URL, when a task component cannot be fetched and was never cached', async () => {
    const text = graphComponent(http.base).replace('/train.yaml', '/gone.yaml');
    await expect(importWithUrlRefs(text, { file: 'pair.yaml' }, remote)).rejects.toMatchObject({ code: 'KFS452', message: expect.stringContaining('/gone.yaml') });
  });
});
