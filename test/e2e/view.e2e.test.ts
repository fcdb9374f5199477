// The editor's view (issue 13): a big pipeline opens at a scale where port text reads at 11 px or more, on its start;
// zoomed out, steps are simple boxes with their names that can still be selected and dragged; after Run, each step
// shows its state in the latest run, opens its drawer, and the states can be hidden. Real mouse in Chromium;
// screenshots at 1280×720 and 1920×1080, light and dark.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../shared/model/document.parse';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { region, taskOnCanvas, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';
import { screenshotsAtSizesAndThemes } from './screens';

const VIEW_SCALE = `(() => { const m = /scale\\(([\\d.e-]+)\\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? ''); return m ? Number(m[1]) : NaN; })()`;
const scaleOf = async (page: Page) => (await page.evaluate(VIEW_SCALE)) as number;

async function openPipelineFile(page: Page, file: string, firstTask: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await toolbarButton(page, 'Open').click();
  await (await chooser).setFiles(file);
  await taskOnCanvas(page, firstTask).waitFor();
}

/** Turns the mouse wheel over the canvas's centre until `done` (at most `turns` notches). */
async function wheelUntil(page: Page, deltaY: number, done: () => Promise<boolean>, turns = 80): Promise<void> {
  const canvas = await region(page, 'Pipeline canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < turns && !(await done()); i++) {
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(40);
  }
}

describe.skipIf(!HAS_CHROMIUM)('the editor view', () => {
  const suite = webAppForSuite();
  let scratch = '';
  let bigFile = '';
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-view-'));
    bigFile = path.join(scratch, 'big.pipeline.json');
    await writeFile(bigFile, serializeDocument(makeSyntheticPipeline(1000, { seed: 1 })));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('opens a 1,000-step pipeline readable on its start, and draws simple boxes when zoomed out', async () => {
    const page = await suite.browser.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(suite.app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    await openPipelineFile(page, bigFile, 'produce-0');

    // Fitted, but never so small that port text is under 11 px: port types are the smallest text on a step.
    const first = taskOnCanvas(page, 'produce-0');
    const typePx = await first.locator('.kfs-port-type').first().evaluate((e) => e.getBoundingClientRect().height);
    const fontPx = Number.parseFloat(await first.locator('.kfs-port-type').first().evaluate((e) => (globalThis as unknown as { getComputedStyle: (x: unknown) => { fontSize: string } }).getComputedStyle(e).fontSize));
    const fitted = await scaleOf(page);
    expect(fontPx * fitted).toBeGreaterThanOrEqual(11);
    expect(typePx).toBeGreaterThanOrEqual(11);
    // The view opens on the pipeline's start: its first step is inside the canvas, near the top-left corner.
    const canvas = await region(page, 'Pipeline canvas').boundingBox();
    const firstBox = await first.boundingBox();
    if (!canvas || !firstBox) throw new Error('no canvas or first step');
    expect(firstBox.x).toBeGreaterThanOrEqual(canvas.x);
    expect(firstBox.x).toBeLessThan(canvas.x + canvas.width / 2);
    await screenshotsAtSizesAndThemes(page, 'view-big-pipeline-opened');

    // Zoomed out with the wheel: steps become boxes with names in one drawing; no port rows, no node elements.
    const overview = page.getByRole('img', { name: /^Pipeline overview: 1000 steps/ });
    await wheelUntil(page, 200, () => overview.isVisible());
    await overview.waitFor();
    expect(await page.locator('.kfs-port').count()).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    expect(await page.locator('.kfs-far-name').count()).toBeGreaterThan(0);
    await screenshotsAtSizesAndThemes(page, 'view-big-pipeline-zoomed-out');

    // A box is still a step: a click selects it (the Properties panel shows it), a drag moves it.
    const box = page.locator('.kfs-far-task[data-id="produce-0"]');
    const at = await box.boundingBox();
    if (!at) throw new Error('produce-0 is not drawn zoomed out');
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    await region(page, 'Properties').getByText('produce-0').first().waitFor();
    expect(await box.getAttribute('class')).toContain('kfs-selected');
    const xBefore = Number(await box.getAttribute('x'));
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(at.x + at.width / 2 + i * 6, at.y + at.height / 2 + i * 2);
    await page.mouse.up();
    await expect.poll(async () => Number(await box.getAttribute('x'))).toBeGreaterThan(xBefore + 20);
    await toolbarButton(page, 'Undo').click();
    await expect.poll(async () => Number(await box.getAttribute('x'))).toBe(xBefore);

    // Fully zoomed out, the names go too (they would be specks); wheel back in and the full steps return.
    await wheelUntil(page, 400, async () => (await scaleOf(page)) <= 0.051);
    expect(await page.locator('.kfs-far-name').count()).toBe(0);
    expect(await page.locator('.kfs-far-task').count()).toBe(1000);
    await screenshotsAtSizesAndThemes(page, 'view-big-pipeline-fully-zoomed-out');
    await wheelUntil(page, -200, () => page.locator('.kfs-port').first().isVisible());
    await overview.waitFor({ state: 'detached' });
    await page.close();
  });

  it('shows each step\'s state in the latest run on the editor canvas, opens its drawer, and hides the states', async () => {
    const page = await suite.browser.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(suite.app.url);
    await taskOnCanvas(page, 'Make data').waitFor();
    // Before any run, no step shows a run state.
    expect(await page.locator('.kfs-step-run').count()).toBe(0);

    await toolbarButton(page, 'Run').click();
    await page.getByRole('dialog', { name: /^Run / }).getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('main', { name: 'Runs view' }).waitFor();
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: '← Editor' }).click();

    // Back in the editor: every step of the document says how it went, with a mark and a word.
    const canvas = region(page, 'Pipeline canvas');
    for (const step of ['Make data', 'Preprocess', 'Train', 'Test']) {
      const state = canvas.getByRole('button', { name: `${step}: succeeded in the last run; show its details` });
      await state.waitFor({ state: 'attached' });
      expect(await state.textContent()).toBe('✓ succeeded');
    }
    await canvas.getByRole('status', { name: 'Last run of this pipeline: succeeded' }).waitFor();
    await screenshotsAtSizesAndThemes(page, 'view-run-states');

    // A click on a step's state opens that step's drawer (the runs view's): its log is there.
    await canvas.getByRole('button', { name: 'Train: succeeded in the last run; show its details' }).click();
    const drawer = page.getByRole('complementary', { name: 'Task Train' });
    await drawer.getByRole('log', { name: 'Log of Train' }).getByText(/epoch \d+: loss/).first().waitFor();
    await screenshotsAtSizesAndThemes(page, 'view-run-state-drawer');
    await drawer.getByRole('button', { name: 'Close the task drawer' }).click();
    await drawer.waitFor({ state: 'detached' });

    // The switch hides the states, and shows them again.
    const shown = canvas.getByRole('checkbox', { name: 'Show run states' });
    await shown.uncheck();
    await page.locator('.kfs-step-run').first().waitFor({ state: 'detached' });
    expect(await page.locator('.kfs-step-run').count()).toBe(0);
    await shown.check();
    await canvas.getByRole('button', { name: 'Make data: succeeded in the last run; show its details' }).waitFor();

    // Another document is not this run's: its steps show no state.
    await toolbarButton(page, 'New').click();
    await page.getByRole('status').getByText(/New empty pipeline/).waitFor();
    expect(await page.locator('.kfs-canvas-run-bar').count()).toBe(0);
    await page.close();
  });
});
