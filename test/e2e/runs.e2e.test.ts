// Runs end to end: `npm run web` on a fresh data folder, Debian's Chromium; the loaded example runs on this machine.
// Press Run, watch the states change on the canvas, read a log, preview metrics, find the run in the list; a failing
// step fails the run with its log; Terminate stops a run; runs are still listed after the server restarts.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebProcess, type WebProcess } from '../runs/web-app-process';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, type BrowserSession } from './e2e-harness';

/** Records every state each run-canvas node shows, in order (node added or its data-state changed). In-page script:
 *  a string, as this layer is typed for Node, not the DOM. */
const RECORD_NODE_STATES = `(() => {
  const seen = []; window.__kfsStates = seen;
  const note = (el) => {
    const task = el.getAttribute('data-task'); const state = el.getAttribute('data-state');
    if (task && state && el.classList.contains('kfs-run-node')) seen.push(task + ':' + state);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target);
      for (const added of r.addedNodes) if (added.querySelectorAll) added.querySelectorAll('.kfs-run-node').forEach(note);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})()`;

async function recordNodeStates(page: Page): Promise<void> {
  await page.evaluate(RECORD_NODE_STATES);
}

const nodeStates = async (page: Page) => (await page.evaluate('window.__kfsStates')) as string[];
const runNode = (page: Page, label: string, state?: string) => page.getByRole('button', { name: new RegExp(`^${label}: ${state ?? '\\w+'}`) });

async function openRunDialog(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Make data', exact: true }).waitFor().catch(async (error: unknown) => {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-no-example.png') });
    throw error;
  });
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('dialog', { name: /^Run / }).waitFor();
}

async function startRun(page: Page, params: { [name: string]: string } = {}): Promise<void> {
  await openRunDialog(page);
  const dialog = page.getByRole('dialog');
  for (const [name, value] of Object.entries(params)) await dialog.getByLabel(new RegExp(`^${name}`)).fill(value);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('main', { name: 'Runs view' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('runs in the browser (web mode)', () => {
  let dataDir: string;
  let web: WebProcess | undefined;
  let browser: BrowserSession;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-runs-'));
    web = await startWebProcess(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the loaded example: states change on the canvas, a log is read, metrics are previewed, the run is listed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(web?.url ?? '');
    await openRunDialog(page);
    const dialog = page.getByRole('dialog');
    // Typed parameters with their defaults; a wrong value blocks the run until it is fixed.
    const rows = dialog.getByLabel(/^rows/);
    expect(await rows.inputValue()).toBe('400');
    await rows.fill('many');
    await dialog.getByText('Expected a whole number, got "many".').waitFor();
    expect(await dialog.getByRole('button', { name: 'Start run' }).isDisabled()).toBe(true);
    await rows.fill('300');
    expect(await dialog.getByRole('button', { name: 'Start run' }).isDisabled()).toBe(false);
    await dialog.getByText('Steps run on this machine without containers: Docker is not available.').waitFor();
    await recordNodeStates(page);
    await dialog.getByRole('button', { name: 'Start run' }).click();

    await runNode(page, 'Test', 'succeeded').waitFor({ timeout: 60_000 });
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor();
    const states = await nodeStates(page);
    // Each step was seen running before it succeeded, in dependency order.
    for (const task of ['make-data', 'preprocess', 'train', 'test']) {
      expect(states.indexOf(`${task}:running`), `${task} in ${states.join(' ')}`).toBeGreaterThanOrEqual(0);
      expect(states.indexOf(`${task}:running`)).toBeLessThan(states.indexOf(`${task}:succeeded`));
    }
    expect(states.indexOf('train:succeeded')).toBeLessThan(states.indexOf('test:running'));
    await page.getByText('rows=300').waitFor();

    await runNode(page, 'Train').click();
    const drawer = page.getByRole('complementary', { name: 'Task Train' });
    await drawer.getByRole('log', { name: 'Log of Train' }).getByText(/epoch 300: loss/).waitFor();

    await runNode(page, 'Test').click();
    const testDrawer = page.getByRole('complementary', { name: 'Task Test' });
    await testDrawer.getByRole('button', { name: 'Preview metrics' }).click();
    const metrics = testDrawer.getByRole('table', { name: 'Metrics' });
    const accuracy = Number(await metrics.getByRole('row', { name: /^accuracy/ }).getByRole('cell').textContent());
    expect(accuracy).toBeGreaterThan(0.6);
    await testDrawer.getByRole('button', { name: 'Preview classification' }).click();
    await testDrawer.getByRole('img', { name: /^Confusion matrix of 2 classes/ }).waitFor();
    await testDrawer.getByRole('img', { name: /^ROC curve/ }).waitFor();
    await page.getByText(/^Run classic-local .* succeeded\.$/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-succeeded.png') });

    const list = page.getByRole('region', { name: 'Runs' });
    await list.getByRole('row', { name: /classic-local .* succeeded/ }).waitFor();
    await list.getByRole('combobox', { name: 'Filter runs by status' }).selectOption('failed');
    await list.getByText('No runs match.').waitFor();
    await list.getByRole('combobox', { name: 'Filter runs by status' }).selectOption('');
    expect(errors).toEqual([]);
  });

  it('fails the run when a step fails, and shows that step log', async () => {
    const page = await browser.newPage();
    await page.goto(web?.url ?? '');
    await startRun(page, { rows: '5' });
    await page.getByRole('status', { name: 'Run state: failed' }).waitFor({ timeout: 60_000 });
    await runNode(page, 'Make data', 'failed').click();
    const drawer = page.getByRole('complementary', { name: 'Task Make data' });
    await drawer.getByRole('alert').getByText(/exited with code 1/).waitFor();
    await drawer.getByRole('log').getByText('rows must be at least 10, got 5').waitFor();
    await runNode(page, 'Train', 'skipped').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-failed.png') });
  });

  it('terminates a run while a step runs', async () => {
    const page = await browser.newPage();
    await page.goto(web?.url ?? '');
    await startRun(page, { epochs: '200000' });
    await runNode(page, 'Train', 'running').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Terminate' }).click();
    await page.getByRole('status', { name: 'Run state: cancelled' }).waitFor({ timeout: 30_000 });
    await runNode(page, 'Train', 'cancelled').waitFor();
    await runNode(page, 'Test', '(cancelled|skipped)').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-terminated.png') });
  });

  it('still lists the runs after the server restarts on the same data folder', async () => {
    await web?.stop();
    web = await startWebProcess(dataDir, { build: false });
    const page = await browser.newPage();
    await page.goto(web.url);
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    const list = page.getByRole('region', { name: 'Runs' });
    for (const state of ['succeeded', 'failed', 'cancelled']) await list.getByRole('row', { name: new RegExp(`classic-local .* ${state}`) }).waitFor();
    await list.getByRole('row', { name: /succeeded/ }).getByRole('button').click();
    await runNode(page, 'Test', 'succeeded').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-after-restart.png') });
  });
});
