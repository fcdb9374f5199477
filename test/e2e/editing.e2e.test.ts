// Editing features end to end in Debian's Chromium against `npm run web`: steps from an image and a script, ordering
// edges, groups, task options, multi-select with copy/paste/delete/undo. Located by role and accessible name.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, SCREENSHOT_DIR, webAppForSuite } from './e2e-harness';

const task = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const handle = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at one point and releases at another with real pointer moves. */
async function dragBetween(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, modifiers: string[] = []): Promise<void> {
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  for (const key of modifiers) await page.keyboard.up(key);
}

/** Drags a task on the canvas by its header so that the header lands at `to`. */
async function dragTask(page: Page, name: string, to: { x: number; y: number }): Promise<void> {
  const header = task(page, name).locator('.kfs-task-header');
  await dragBetween(page, await centreOf(header), to);
}

async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The first page of a fresh server waits for the example and the catalog.
  await task(page, 'Train').waitFor({ timeout: 90_000 });
  await page.getByRole('region', { name: 'Components' }).getByRole('option', { name: 'Preprocess' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('editing in the browser (web mode)', () => {
  const suite = webAppForSuite();
  let errors: string[];

  async function newPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await suite.browser.newPage({ colorScheme });
    // A screen on which the whole example fits at a readable scale (the view never opens smaller): these tests
    // drag and select steps at both of its ends.
    await page.setViewportSize({ width: 1920, height: 1080 });
    errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openEditor(page, suite.app.url);
    return page;
  }

  it('creates a step from a container image and one from a script, and edits a step later', async () => {
    const page = await newPage();
    await page.getByRole('button', { name: 'New image step' }).click();
    const dialog = page.getByRole('dialog', { name: 'New step from a container image' });
    await dialog.getByRole('textbox', { name: 'Step name' }).fill('Resize images');
    await dialog.getByRole('textbox', { name: 'Container image' }).fill('ghcr.io/acme/resize:1.0');
    await dialog.getByRole('button', { name: 'Add input' }).click();
    await dialog.getByRole('textbox', { name: 'Input 1 name' }).fill('images');
    await dialog.getByRole('combobox', { name: 'Input 1 type' }).selectOption('system.Dataset');
    await dialog.getByRole('button', { name: 'Add input' }).click();
    await dialog.getByRole('textbox', { name: 'Input 2 name' }).fill('width');
    await dialog.getByRole('combobox', { name: 'Input 2 type' }).selectOption('NUMBER_INTEGER');
    await dialog.getByRole('button', { name: 'Add output' }).click();
    await dialog.getByRole('textbox', { name: 'Output 1 name' }).fill('resized');
    await dialog.getByRole('combobox', { name: 'Output 1 type' }).selectOption('system.Dataset');
    for (const word of ['python', 'resize.py']) {
      await dialog.getByRole('textbox', { name: 'Command text' }).fill(word);
      await dialog.getByRole('textbox', { name: 'Command text' }).press('Enter');
    }
    for (const label of ['path of input images', 'value of input width', 'path of output resized']) {
      await dialog.getByRole('combobox', { name: 'Add placeholder to arguments' }).selectOption({ label });
    }
    expect(await dialog.getByRole('list', { name: 'Arguments items' }).textContent()).toContain('{value of input width}');
    await shot(page, 'editing-image-step-dialog-light');
    await dialog.getByRole('button', { name: 'Add step' }).click();
    await task(page, 'Resize images').waitFor();
    await handle(page, 'Resize images input images').waitFor();
    await handle(page, 'Resize images output resized').waitFor();
    // The new step is selected: edit it from the inspector.
    const properties = page.getByRole('region', { name: 'Properties' });
    await properties.getByRole('button', { name: 'Edit step' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit step Resize images' });
    expect(await edit.getByRole('textbox', { name: 'Container image' }).inputValue()).toBe('ghcr.io/acme/resize:1.0');
    await edit.getByRole('textbox', { name: 'Container image' }).fill('ghcr.io/acme/resize:1.1');
    await edit.getByRole('button', { name: 'Save step' }).click();
    await properties.getByText(/image ghcr\.io\/acme\/resize:1\.1/).waitFor();

    await page.getByRole('button', { name: 'New script step' }).click();
    const script = page.getByRole('dialog', { name: 'New step from a script' });
    expect(await script.getByRole('textbox', { name: 'Base image' }).inputValue()).toBe('python:3.11-slim');
    await script.getByRole('textbox', { name: 'Step name' }).fill('Count rows');
    await script.getByRole('textbox', { name: 'Code' }).fill('import sys\nprint(len(sys.argv))\n');
    await script.getByRole('button', { name: 'Add output' }).click();
    await script.getByRole('textbox', { name: 'Output 1 name' }).fill('count');
    await script.getByRole('combobox', { name: 'Output 1 type' }).selectOption('NUMBER_INTEGER');
    await script.getByRole('textbox', { name: 'Packages' }).fill('pandas');
    await shot(page, 'editing-script-step-dialog-light');
    await script.getByRole('button', { name: 'Add step' }).click();
    await handle(page, 'Count rows output count').waitFor();
    await shot(page, 'editing-steps-added-light');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds an ordering edge by dragging between ordering handles, draws it dashed, and removes it', async () => {
    const page = await newPage();
    await dragBetween(page, await centreOf(handle(page, 'Make data runs before')), await centreOf(handle(page, 'Train runs after')));
    const edge = page.getByRole('group', { name: 'Train runs after Make data' });
    await edge.waitFor();
    const dashes = await edge
      .locator('path.react-flow__edge-path')
      .evaluate((path) => (globalThis as unknown as { getComputedStyle(e: unknown): { strokeDasharray: string } }).getComputedStyle(path).strokeDasharray);
    expect(dashes).toMatch(/\d/);
    await shot(page, 'editing-ordering-edge-light');
    await task(page, 'Train').click();
    const properties = page.getByRole('region', { name: 'Properties' });
    await properties.getByRole('button', { name: 'Remove ordering edge from Make data' }).click();
    await edge.waitFor({ state: 'detached' });
    // The inspector offers the same without a mouse.
    await properties.getByRole('combobox', { name: 'Add ordering edge' }).selectOption({ label: 'Preprocess' });
    await page.getByRole('group', { name: 'Train runs after Preprocess' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts steps into a parallel-for and a condition by dropping them on the frame, and takes them out again', async () => {
    const page = await newPage();
    const properties = page.getByRole('region', { name: 'Properties' });
    await task(page, 'Train').click();
    await page.getByRole('button', { name: 'Add parallel-for' }).click();
    const loop = page.getByRole('group', { name: 'Parallel for loop' });
    await loop.waitFor();
    await properties.getByRole('heading', { name: 'Parallel for loop' }).waitFor();
    await properties.getByRole('textbox', { name: 'Loop items list' }).fill('["a", "b"]');
    await properties.getByRole('textbox', { name: 'Loop items list' }).press('Enter');
    await loop.getByText('each item of ["a","b"]').waitFor();
    // Train sits in the loop: its inputs can take the loop item.
    await task(page, 'Train').click();
    expect(await properties.getByRole('combobox', { name: 'Train group' }).inputValue()).toBe('loop');
    const picker = properties.getByRole('combobox', { name: /^Train input .* source$/ }).first();
    expect(await picker.locator('option').allTextContents()).toContain('Loop item of loop');

    // Drop Test onto the loop's frame: it moves in. Drag it far away: it leaves.
    const frame = await loop.boundingBox();
    if (!frame) throw new Error('no frame');
    await dragTask(page, 'Test', { x: frame.x + frame.width - 40, y: frame.y + frame.height - 30 });
    await task(page, 'Test').click();
    await expect.poll(() => properties.getByRole('combobox', { name: 'Test group' }).inputValue()).toBe('loop');
    await shot(page, 'editing-parallel-for-light');
    const canvas = await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox();
    if (!canvas) throw new Error('no canvas');
    await dragTask(page, 'Test', { x: canvas.x + canvas.width - 200, y: canvas.y + 40 });
    await task(page, 'Test').click();
    await expect.poll(() => properties.getByRole('combobox', { name: 'Test group' }).inputValue()).toBe('');

    // A condition around Test, compared on a pipeline parameter.
    await task(page, 'Test').click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByRole('group', { name: 'Condition condition' }).waitFor();
    await properties.getByRole('combobox', { name: 'condition branch 1 left' }).selectOption({ label: 'Parameter rows' });
    await properties.getByRole('combobox', { name: 'condition branch 1 operator' }).selectOption('>');
    await properties.getByRole('textbox', { name: 'condition branch 1 right value' }).fill('100');
    await properties.getByRole('textbox', { name: 'condition branch 1 right value' }).press('Enter');
    await page.getByRole('group', { name: 'condition branch 1' }).getByText('if rows > 100').waitFor();
    await page.getByRole('group', { name: 'condition branch 2' }).getByText('else', { exact: true }).waitFor();
    await shot(page, 'editing-condition-light');
    // Auto layout keeps each group's members together inside its frame.
    await page.getByRole('toolbar').getByRole('button', { name: 'Auto layout' }).click();
    await page.getByRole('group', { name: 'condition branch 1' }).getByText('if rows > 100').waitFor();
    await shot(page, 'editing-groups-auto-layout-light');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('validates task options live: a bad CPU request shows KFS205 in Problems until fixed', async () => {
    const page = await newPage('dark');
    await task(page, 'Train').click();
    const properties = page.getByRole('region', { name: 'Properties' });
    const problems = page.getByRole('region', { name: 'Problems' });
    // Option groups are folded to a line saying what is set: open the two used here.
    await properties.getByText('Caching, retries and resources').click();
    await properties.getByText('Environment variables', { exact: true }).click();
    await properties.getByRole('textbox', { name: 'CPU request' }).fill('lots');
    await properties.getByRole('textbox', { name: 'CPU request' }).press('Enter');
    await problems.getByRole('button', { name: /KFS205 task train.*CPU request 'lots'/ }).waitFor();
    await properties.getByRole('textbox', { name: 'Retries' }).fill('3');
    await properties.getByRole('textbox', { name: 'Retries' }).press('Enter');
    await properties.getByRole('button', { name: 'Add environment variable' }).click();
    await properties.getByRole('textbox', { name: 'Environment variable 1 name' }).fill('LOG_LEVEL');
    await properties.getByRole('textbox', { name: 'Environment variable 1 name' }).press('Enter');
    await properties.getByRole('checkbox', { name: 'Caching' }).uncheck();
    await properties.getByRole('textbox', { name: 'CPU request' }).scrollIntoViewIfNeeded();
    await shot(page, 'editing-task-options-dark');
    await properties.getByRole('textbox', { name: 'CPU request' }).fill('500m');
    await properties.getByRole('textbox', { name: 'CPU request' }).press('Enter');
    await problems.getByRole('button', { name: /KFS205/ }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await problems.getByRole('button', { name: /KFS205/ }).first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('multi-selects with shift-click and a box, copies, pastes, deletes, and undoes and redoes all of it', async () => {
    const page = await newPage();
    const properties = page.getByRole('region', { name: 'Properties' });
    await task(page, 'Train').click();
    await task(page, 'Test').click({ modifiers: ['Shift'] });
    await properties.getByText('2 steps selected.').waitFor();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await task(page, 'Train (copy)').waitFor();
    await task(page, 'Test (copy)').waitFor();
    await page.getByRole('group', { name: 'Wire from Train (copy) output model to Test (copy) input model' }).waitFor();
    await shot(page, 'editing-pasted-light');
    await page.keyboard.press('Delete');
    await task(page, 'Train (copy)').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await task(page, 'Train (copy)').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await task(page, 'Train (copy)').waitFor({ state: 'detached' });

    // Zoom to fit, then a box drawn with Shift over the whole canvas selects every task.
    await page.keyboard.press('Shift+!');
    const canvas = await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox();
    if (!canvas) throw new Error('no canvas');
    await dragBetween(page, { x: canvas.x + 8, y: canvas.y + 8 }, { x: canvas.x + canvas.width - 8, y: canvas.y + canvas.height - 180 }, ['Shift']);
    await shot(page, 'editing-box-selected-light');
    await properties.getByText(/^4 steps, \d+ wires selected\.$/).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
