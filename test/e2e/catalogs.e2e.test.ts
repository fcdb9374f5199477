// Catalogs in the browser (web mode), as a team uses them: a folder catalog (watched, a component changed upstream
// flagged on the canvas, a step saved for reuse, the pipeline published), an index served over HTTP on 127.0.0.1
// (Import component from URL, offline refresh), and a local Git repository (refresh shows what changed).
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentDigest, shortDigest } from '../../shared/catalog/sha256';
import { commitFiles, makeRepository, serveFiles, smallComponent, writeFiles, type TestHttp } from '../catalogs/catalog-fixtures';
import { region, selectTask, taskOnCanvas } from './build-example.steps';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, startWebApp, type BrowserSession, type WebApp } from './e2e-harness';

describe.skipIf(!HAS_CHROMIUM)('catalogs in the browser', () => {
  let app: WebApp;
  let browser: BrowserSession;
  let scratch: string;
  let http: TestHttp | undefined;
  let current: Page | undefined;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kfs-catalogs-e2e-'));
    app = await startWebApp();
    browser = await launchChromium();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) await current.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-catalogs-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) });
  });

  afterAll(async () => {
    await http?.close();
    await browser?.close();
    await app?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function freshPage(): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    current = page;
    await page.goto(app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    return page;
  }

  const palette = (page: Page) => region(page, 'Components');
  const catalogsDialog = (page: Page) => page.getByRole('dialog', { name: 'Catalogs' });

  async function addCatalog(page: Page, kind: 'Folder' | 'URL (component or index)' | 'Git repository', location: string): Promise<void> {
    await palette(page).getByRole('button', { name: 'Catalogs…' }).click();
    const dialog = catalogsDialog(page);
    await dialog.getByLabel('Kind').selectOption({ label: kind });
    await dialog.getByLabel('Location').fill(location);
    await dialog.getByRole('button', { name: 'Add catalog' }).click();
    await dialog.getByRole('status').getByText(/^Added /).waitFor({ timeout: 60_000 });
  }

  async function search(page: Page, words: string): Promise<string[]> {
    const box = palette(page).getByRole('searchbox', { name: 'Search components' });
    await box.fill(words);
    return palette(page).getByRole('option').evaluateAll((options) => options.map((o) => o.getAttribute('aria-label') ?? ''));
  }

  it('uses a folder catalog: search, add, a new file seen without refresh, an upstream change flagged, save for reuse, publish', async () => {
    const team = path.join(scratch, 'team');
    await writeFiles(team, { 'ingest.yaml': smallComponent('Ingest rows', 'python:3.11', 'Loads the nightly export') });
    const page = await freshPage();
    await addCatalog(page, 'Folder', team);
    const source = catalogsDialog(page).getByRole('listitem', { name: 'team' });
    await expect.poll(() => source.textContent()).toContain('1 components');
    await catalogsDialog(page).getByRole('button', { name: 'Close' }).click();

    // One search over every catalog, by output type, with the source and digest shown.
    expect(await search(page, 'nightly dataset')).toEqual(['Ingest rows']);
    const option = palette(page).getByRole('option', { name: 'Ingest rows' });
    expect(await option.getByLabel('Source').textContent()).toBe(`team · ${shortDigest(contentDigest(smallComponent('Ingest rows', 'python:3.11', 'Loads the nightly export')))}`);
    await option.focus();
    await page.keyboard.press('Enter');
    await taskOnCanvas(page, 'Ingest rows').waitFor();

    // The folder is watched: a file added is offered without a refresh.
    await writeFile(path.join(team, 'clean.yaml'), smallComponent('Clean rows'));
    await expect.poll(() => search(page, 'clean rows for tests'), { timeout: 20_000 }).toEqual(['Clean rows']);

    // Changed upstream: the task keeps its copy and says so until the update is accepted.
    await writeFile(path.join(team, 'ingest.yaml'), smallComponent('Ingest rows', 'python:3.12', 'Loads the nightly export'));
    const update = taskOnCanvas(page, 'Ingest rows').getByRole('button', { name: 'Update Ingest rows from team' });
    await update.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'catalogs-update-available.png') });
    await update.click();
    await update.waitFor({ state: 'detached' });

    // The added step has an input left unset: take it out again, so the pipeline is valid to publish.
    await selectTask(page, 'Ingest rows', true);
    await page.keyboard.press('Delete');
    await taskOnCanvas(page, 'Ingest rows').waitFor({ state: 'detached' });

    // Save a step for reuse (v1 on request) and publish the pipeline into the folder.
    await selectTask(page, 'Train', false);
    await palette(page).getByRole('button', { name: 'Catalogs…' }).click();
    const reuse = catalogsDialog(page).getByRole('region', { name: 'Save step for reuse' });
    await reuse.getByLabel('Format').selectOption('v1');
    await reuse.getByLabel('File name').fill('shared/train.component.yaml');
    await reuse.getByRole('button', { name: /^Save (?!whole)/ }).click();
    await reuse.getByRole('status').getByText(/^Saved .* as shared\/train\.component\.yaml/).waitFor();
    expect(await readFile(path.join(team, 'shared/train.component.yaml'), 'utf8')).toContain('implementation:');
    await reuse.getByRole('button', { name: 'Save whole pipeline as a component' }).click();
    await reuse.getByRole('status').getByText(/it is offered as a nested pipeline/).waitFor();
    const publish = catalogsDialog(page).getByRole('region', { name: 'Publish this pipeline' });
    await publish.getByLabel('Pipeline name').fill('Team demo');
    await publish.getByRole('button', { name: 'Publish pipeline' }).click();
    await publish.getByRole('status').getByText(/^Published Team demo/).waitFor();
    expect((await stat(path.join(team, 'pipelines/team-demo.tar.gz'))).size).toBeGreaterThan(0);
    const index = JSON.parse(await readFile(path.join(team, 'catalog.json'), 'utf8')) as { pipelines: { name: string }[] };
    expect(index.pipelines.map((p) => p.name)).toEqual(['Team demo']);
    await catalogsDialog(page).getByRole('button', { name: 'Close' }).click();
    // The published pipeline is offered as a nested pipeline.
    await expect.poll(async () => (await search(page, 'pipelines/team-demo')).length, { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('reads an index served over HTTP, imports a component from a URL, and keeps working offline', async () => {
    http = await serveFiles({ '/lib/prep.yaml': smallComponent('Remote prepare'), '/lib/score.yaml': smallComponent('Remote score') });
    http.files.set('/lib/catalog.json', JSON.stringify({ format: 'kfp-studio.catalog/v1', name: 'HTTP library', components: [{ file: 'prep.yaml', group: 'Remote', version: '2.0.0' }] }));
    const page = await freshPage();
    await addCatalog(page, 'URL (component or index)', `${http.base}/lib/catalog.json`);
    await catalogsDialog(page).getByRole('button', { name: 'Close' }).click();
    expect(await search(page, 'remote')).toEqual(['Remote prepare']);
    expect(await palette(page).getByRole('option', { name: 'Remote prepare' }).getByLabel('Source').textContent()).toContain('HTTP library · v2.0.0 · sha256:');

    await palette(page).getByRole('button', { name: 'From URL…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import component from URL' });
    await importDialog.getByLabel('Component URL').fill(`${http.base}/lib/score.yaml`);
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await taskOnCanvas(page, 'Remote score').waitFor();
    await page.getByRole('status').getByText(new RegExp(`from ${http.base}/lib/score\\.yaml \\(${shortDigest(contentDigest(smallComponent('Remote score')))}\\)`)).waitFor();

    // Offline: refresh keeps the copy and says so; a URL never fetched is refused with its code.
    await http.close();
    http = undefined;
    await palette(page).getByRole('button', { name: 'Catalogs…' }).click();
    await catalogsDialog(page).getByRole('button', { name: 'Refresh HTTP library' }).click();
    await catalogsDialog(page).getByRole('listitem', { name: 'HTTP library' }).getByText('KFS444', { exact: false }).first().waitFor();
    await catalogsDialog(page).getByRole('button', { name: 'Close' }).click();
    expect(await search(page, 'remote')).toEqual(['Remote prepare']);
    await palette(page).getByRole('button', { name: 'From URL…' }).click();
    await importDialog.getByLabel('Component URL').fill('http://127.0.0.1:9/never.yaml');
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await importDialog.getByRole('alert').getByText(/^KFS444 /).waitFor();
    await page.close();
  });

  it('clones a local Git repository and shows what changed on refresh', async () => {
    const repo = path.join(scratch, 'repo');
    await makeRepository(repo, { 'components/a.yaml': smallComponent('Git alpha') });
    const page = await freshPage();
    await addCatalog(page, 'Git repository', repo);
    await catalogsDialog(page).getByRole('listitem', { name: 'repo' }).getByText('1 components').waitFor();
    await commitFiles(repo, { 'components/a.yaml': smallComponent('Git alpha', 'python:3.12'), 'components/b.yaml': smallComponent('Git beta') });
    await catalogsDialog(page).getByRole('button', { name: 'Refresh repo' }).click();
    const changes = catalogsDialog(page).getByRole('region', { name: 'Changes found by refresh' });
    await changes.getByText(/^changed Git alpha: sha256:\w{12} → sha256:\w{12}$/).waitFor();
    await changes.getByText('added Git beta').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'catalogs-dialog-git-refresh.png') });
    await catalogsDialog(page).getByRole('button', { name: 'Close' }).click();
    expect(await search(page, 'git')).toEqual(['Git alpha', 'Git beta']);
    await page.close();
  });
});
