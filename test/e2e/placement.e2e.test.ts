// Where new steps go and how Auto layout arranges them, end to end in Chromium with the real mouse: a palette drop
// lands under the pointer and leaves the view where it was; a step made in a dialog lands in the middle of what is in
// sight, clear of other steps; Auto layout puts every step to the right of the steps that feed it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { classicExample, dropFromPalette, newEmptyPipeline, region, steadyBox, taskOnCanvas, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';
import { screenshotsAtSizesAndThemes } from './screens';

type Box = { x: number; y: number; width: number; height: number };

const viewportTransform = (page: Page) => page.locator('.react-flow__viewport').getAttribute('style');
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(page: Page, name: string): Promise<Box> {
  const box = await steadyBox(taskOnCanvas(page, name));
  if (!box) throw new Error(`${name} is not on screen`);
  return box;
}

async function newImageStep(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New image step' }).click();
  const dialog = page.getByRole('dialog', { name: 'New step from a container image' });
  await dialog.getByRole('textbox', { name: 'Step name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Container image' }).fill('ghcr.io/acme/resize:1.0');
  await dialog.getByRole('button', { name: 'Add output' }).click();
  await dialog.getByRole('textbox', { name: 'Output 1 name' }).fill('resized');
  await dialog.getByRole('textbox', { name: 'Command text' }).fill('resize');
  await dialog.getByRole('textbox', { name: 'Command text' }).press('Enter');
  await dialog.getByRole('button', { name: 'Add step' }).click();
  await taskOnCanvas(page, name).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('placement and layout (web mode)', () => {
  const suite = webAppForSuite();

  it('a palette drop onto a new pipeline lands under the pointer, and the view does not move', async () => {
    const page = await suite.browser.newPage();
    const canvas = await newEmptyPipeline(page, suite.app.url);
    const before = await viewportTransform(page);

    const drops = [
      { search: 'train', option: 'Train scikit-learn classifier', name: 'Train scikit-learn classifier', at: { x: canvas.x + canvas.width * 0.3, y: canvas.y + canvas.height * 0.3 } },
      { search: 'evaluate', option: 'Evaluate classifier', name: 'Evaluate classifier', at: { x: canvas.x + canvas.width * 0.7, y: canvas.y + canvas.height * 0.6 } },
    ];
    for (const drop of drops) {
      await dropFromPalette(page, drop.search, drop.option, drop.at);
      await taskOnCanvas(page, drop.name).waitFor();
      const box = await boxOf(page, drop.name);
      // Under the pointer: the step's header (its top 40 px), centred on the pointer across.
      expect(Math.abs(box.x + box.width / 2 - drop.at.x)).toBeLessThan(4);
      expect(drop.at.y).toBeGreaterThanOrEqual(box.y);
      expect(drop.at.y).toBeLessThanOrEqual(box.y + 40);
      expect(await viewportTransform(page)).toBe(before);
    }
    await page.close();
  });

  it('a step made in a dialog lands in the middle of the view, on no other step', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.app.url.replace('?example=classic-local', '?example=classic'));
    const example = await classicExample();
    const names = Object.values(example.graph.tasks).map((t) => t.displayName ?? t.id);
    for (const name of names) await taskOnCanvas(page, name).waitFor();
    const canvas = await region(page, 'Pipeline canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');

    const made = ['Resize images', 'Resize again'];
    for (const name of made) {
      await newImageStep(page, name);
      const box = await boxOf(page, name);
      // In sight, and nearer the middle of the canvas than its edges.
      expect(box.x).toBeGreaterThanOrEqual(canvas.x);
      expect(box.y).toBeGreaterThanOrEqual(canvas.y);
      expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
      expect(Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(canvas.width / 3);
      expect(Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(canvas.height / 3);
      for (const other of [...names, ...made.slice(0, made.indexOf(name))]) {
        expect(overlaps(box, await boxOf(page, other)), `${name} on ${other}`).toBe(false);
      }
    }
    await page.close();
  });

  it('Auto layout puts each step right of the steps that feed it', async () => {
    const page = await suite.browser.newPage();
    // A screen on which the whole example fits at a readable scale (the view never opens smaller): the test drags
    // its right-most step.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(suite.app.url.replace('?example=classic-local', '?example=classic'));
    const example = await classicExample();
    const label = (id: string) => example.graph.tasks[id]?.displayName ?? id;
    for (const task of Object.values(example.graph.tasks)) await taskOnCanvas(page, label(task.id)).waitFor();

    // Deploy dragged by its header to the far left, before the steps it runs after.
    const deploy = await boxOf(page, label('deploy'));
    const query = await boxOf(page, label('query'));
    await page.mouse.move(deploy.x + 40, deploy.y + 12);
    await page.mouse.down();
    await page.mouse.move(query.x - deploy.width, query.y + query.height + 30, { steps: 12 });
    await page.mouse.up();
    expect((await boxOf(page, label('deploy'))).x).toBeLessThan(query.x);

    await toolbarButton(page, 'Auto layout').click();
    await page.getByRole('status').getByText(/laid out/i).waitFor();
    for (const task of Object.values(example.graph.tasks)) await steadyBox(taskOnCanvas(page, label(task.id)));

    const feeds: [string, string][] = [];
    for (const task of Object.values(example.graph.tasks)) {
      for (const arg of Object.values(task.arguments)) if (arg.kind === 'taskOutput') feeds.push([arg.task, task.id]);
      for (const up of task.after) feeds.push([up, task.id]);
    }
    expect(feeds.length).toBeGreaterThan(3);
    for (const [from, to] of feeds) {
      const a = await boxOf(page, label(from));
      const b = await boxOf(page, label(to));
      expect(a.x + a.width, `${from} left of ${to}`).toBeLessThan(b.x);
    }
    await screenshotsAtSizesAndThemes(page, 'placement-auto-layout', async () => {
      await region(page, 'Pipeline canvas').getByRole('button', { name: 'Fit View' }).click();
      await steadyBox(taskOnCanvas(page, label('train')));
    });
    await page.close();
  });
});
