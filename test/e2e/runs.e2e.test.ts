// Runs end to end: `npm run web` on a fresh data folder, Debian's Chromium; the loaded example runs on this machine.
// Press Run, watch the states change on the canvas, read a log, preview metrics, find the run in the list; a failing
// step fails the run with its log; Retry runs the failed step again and the run succeeds; a folder artifact's files
// are previewed; a toast says when a run ends; Terminate stops a run; runs are still listed after the server restarts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../shared/model/document';
import { serializeDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { startWebProcess, type WebProcess } from '../runs/web-app-process';
import { toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, type BrowserSession } from './e2e-harness';
import { nodeStates, recordNodeStates } from './run-node-states';


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

/** Shell steps: one writes a folder artifact (a file and a nested CSV); the next fails until the marker file exists. */
function retryDocument(marker: string): PipelineDocument {
  const readArgs = (name: string, variable: string) => `while [ $# -gt 0 ]; do case "$1" in --${name}) ${variable}="$2";; esac; shift 2; done`;
  const writeReport = [
    readArgs('report', 'out'),
    'mkdir -p "$out/tables"',
    "printf 'all good\\n' > \"$out/summary.txt\"",
    "printf 'name,score\\nada,3\\nbob,5\\n' > \"$out/tables/scores.csv\"",
    'echo "wrote the report folder"',
  ].join('\n');
  const checkMarker = [readArgs('marker', 'marker'), 'if [ ! -e "$marker" ]; then echo "no marker at $marker yet"; exit 3; fi', 'echo "found the marker"'].join('\n');
  const folder = { kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' } as const;
  const text = { kind: 'parameter', type: 'STRING' } as const;
  return {
    format: 'kfp-studio/pipeline',
    version: 1,
    name: 'retry-folder',
    displayName: 'Retry and a folder',
    graph: {
      inputs: [{ name: 'marker', type: text, optional: true, default: marker }],
      outputs: [],
      tasks: {
        'write-report': { id: 'write-report', component: 'write-report', displayName: 'Write report', arguments: {}, after: [], options: {} },
        'check-marker': {
          id: 'check-marker',
          component: 'check-marker',
          displayName: 'Check marker',
          arguments: { marker: { kind: 'graphInput', input: 'marker' }, report: { kind: 'taskOutput', task: 'write-report', output: 'report' } },
          after: [],
          options: {},
        },
      },
      groups: {},
      layout: { 'write-report': { x: 0, y: 100 }, 'check-marker': { x: 340, y: 100 } },
    },
    components: {
      'write-report': {
        name: 'Write report',
        inputs: [],
        outputs: [{ name: 'report', type: folder }],
        implementation: { kind: 'script', image: 'alpine:3.20', language: 'shell', code: writeReport },
        source: { kind: 'script' },
      },
      'check-marker': {
        name: 'Check marker',
        inputs: [{ name: 'marker', type: text }, { name: 'report', type: folder }],
        outputs: [],
        implementation: { kind: 'script', image: 'alpine:3.20', language: 'shell', code: checkMarker },
        source: { kind: 'script' },
      },
    },
  };
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
    await dialog.getByText('Steps run on this machine without containers, as chosen: images are ignored.').waitFor();
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

  it('retries a failed run from the run view: the failed step runs again and the run succeeds; a folder artifact is browsed', async () => {
    const marker = path.join(dataDir, 'retry-marker');
    const document = retryDocument(marker);
    expect(validate(document).filter((d) => d.severity === 'error')).toEqual([]);
    const file = path.join(dataDir, 'retry-folder.pipeline.json');
    await writeFile(file, serializeDocument(document));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(web?.url ?? '');
    await page.getByRole('group', { name: 'Make data', exact: true }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await toolbarButton(page, 'Open').click();
    await (await chooser).setFiles(file);
    await page.getByRole('group', { name: 'Check marker', exact: true }).waitFor();
    await toolbarButton(page, 'Run').click();
    await page.getByRole('dialog', { name: /^Run / }).getByRole('button', { name: 'Start run' }).click();

    await page.getByRole('status', { name: 'Run state: failed' }).waitFor({ timeout: 60_000 });
    // The app started this run, so it says when the run ends, wherever the person is.
    await page.getByRole('status').getByText(/^Run retry-folder .* failed\.$/).waitFor();
    await runNode(page, 'Check marker', 'failed').click();
    const failed = page.getByRole('complementary', { name: 'Task Check marker' });
    await failed.getByRole('alert').getByText('The step exited with code 3.').waitFor();
    await failed.getByRole('log').getByText(`no marker at ${marker} yet`).waitFor();

    // The step before it succeeded: its folder output lists its files, and a file inside it is previewed.
    await runNode(page, 'Write report', 'succeeded').click();
    const writer = page.getByRole('complementary', { name: 'Task Write report' });
    await writer.getByRole('button', { name: 'Preview report' }).click();
    const files = writer.getByRole('list', { name: 'Files in report' });
    await files.waitFor();
    expect(await files.getByRole('button').allTextContents()).toEqual(['summary.txt', 'tables/scores.csv']);
    await files.getByRole('button', { name: 'tables/scores.csv' }).click();
    const scores = writer.getByRole('table', { name: 'tables/scores.csv (CSV)' });
    await scores.getByRole('cell', { name: 'bob' }).waitFor();
    expect(await scores.getByRole('row').allTextContents()).toEqual(['namescore', 'ada3', 'bob5']);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-folder-artifact.png') });

    await writeFile(marker, 'ready\n');
    await recordNodeStates(page);
    await page.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor({ timeout: 60_000 });
    await runNode(page, 'Check marker', 'succeeded').click();
    const retried = page.getByRole('complementary', { name: 'Task Check marker' });
    await retried.getByRole('log').getByText('found the marker').waitFor();
    expect(await retried.getByRole('alert').count()).toBe(0);
    const states = await nodeStates(page);
    // Only the failed step ran again; the one that succeeded kept its outputs.
    expect(states.filter((s) => s.startsWith('check-marker:')), states.join(' ')).toContain('check-marker:succeeded');
    expect(states.filter((s) => s.startsWith('write-report:') && s !== 'write-report:succeeded'), states.join(' ')).toEqual([]);
    expect(await runNode(page, 'Write report', 'succeeded').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-retried.png') });
    expect(errors).toEqual([]);
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
    await list.getByRole('row', { name: /classic-local .* succeeded/ }).getByRole('button').click();
    await runNode(page, 'Test', 'succeeded').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'runs-after-restart.png') });
  });
});
