// The editor read at a glance (issue 13), in the browser with a real mouse: required means filled, the side panels,
// the Problems panel and one vocabulary of types. Screenshots at 1280×720 and 1920×1080, light and dark.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dragWire, focusedLabel, port, region, selectTask, taskOnCanvas, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';
import { screenshotsAtSizesAndThemes } from './screens';

const BIGQUERY = 'BigQuery query to GCS';

/** New, then the BigQuery step dragged from the palette onto the canvas with the mouse, and selected. */
async function newPipelineWithBigQuery(page: Page): Promise<void> {
  await toolbarButton(page, 'New').click();
  await page.getByRole('status').getByText(/New empty pipeline/).waitFor();
  const palette = region(page, 'Components');
  await palette.getByRole('option', { name: BIGQUERY }).dragTo(region(page, 'Pipeline canvas'), { targetPosition: { x: 260, y: 160 } });
  await taskOnCanvas(page, BIGQUERY).waitFor();
  await selectTask(page, BIGQUERY, false);
}

const problemButton = (page: Page, port: string) => region(page, 'Problems').getByRole('button', { name: new RegExp(`^KFS201 task [\\w-]+, port ${port}\\b`) });

describe.skipIf(!HAS_CHROMIUM)('the editor at a glance', () => {
  const suite = webAppForSuite();
  let page: Page;

  async function freshPage(): Promise<Page> {
    page = await suite.browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(suite.app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    return page;
  }

  it('required means filled: an empty constant is still a problem, "" is empty text on purpose', async () => {
    await freshPage();
    await newPipelineWithBigQuery(page);
    await problemButton(page, 'query').waitFor();
    const properties = region(page, 'Properties');
    await properties.getByRole('combobox', { name: `${BIGQUERY} input query source` }).selectOption({ label: 'Constant value' });
    const value = properties.getByRole('textbox', { name: `${BIGQUERY} input query value` });
    await value.click();
    await value.press('Enter');
    // Nothing typed: still required, and the field says so.
    expect(await problemButton(page, 'query').count()).toBe(1);
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    await toolbarButton(page, 'Compile').click();
    await page.getByRole('status').getByText(/Compile blocked/).waitFor();
    await screenshotsAtSizesAndThemes(page, 'required-empty-constant');
    await value.click();
    await value.fill('""');
    await value.press('Enter');
    await problemButton(page, 'query').waitFor({ state: 'detached' });
    expect(await properties.getByRole('textbox', { name: `${BIGQUERY} input query value` }).inputValue()).toBe('""');
    const project = properties.getByRole('combobox', { name: `${BIGQUERY} input project_id source` });
    await project.selectOption({ label: 'Constant value' });
    await properties.getByRole('textbox', { name: `${BIGQUERY} input project_id value` }).fill('my-project');
    await properties.getByRole('textbox', { name: `${BIGQUERY} input project_id value` }).press('Enter');
    await problemButton(page, 'project_id').waitFor({ state: 'detached' });
    await page.close();
  });

  it('Properties and Parameters scroll apart; a task shows its inputs first and its option groups folded to one line', async () => {
    await freshPage();
    const parameters = region(page, 'Parameters');
    for (let i = 0; i < 14; i++) await parameters.getByRole('button', { name: 'Add parameter' }).click();
    await expect.poll(() => parameters.getByRole('listitem').count()).toBeGreaterThan(14);
    await selectTask(page, 'Train', false);
    const properties = region(page, 'Properties');
    const inputs = properties.getByRole('heading', { name: 'Inputs', exact: true });
    const panelBox = await properties.boundingBox();
    const inputsBox = await inputs.boundingBox();
    const parametersBox = await parameters.boundingBox();
    if (!panelBox || !inputsBox || !parametersBox) throw new Error('panels not on screen');
    // Inputs are in sight at the top of Properties, and the two panels do not overlap.
    expect(inputsBox.y).toBeGreaterThanOrEqual(panelBox.y);
    expect(inputsBox.y + inputsBox.height).toBeLessThan(panelBox.y + Math.min(panelBox.height, 200));
    expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(parametersBox.y + 1);
    // Each scrolls on its own: Parameters scrolled to its end leaves Properties where it was.
    await parameters.hover();
    await page.mouse.wheel(0, 2000);
    await expect.poll(() => parameters.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    expect(await properties.evaluate((e) => e.scrollTop)).toBe(0);
    // Option groups are folded, each saying what is set.
    const tolerations = properties.locator('details', { has: page.getByText('Tolerations', { exact: true }) });
    expect(await tolerations.getAttribute('open')).toBeNull();
    expect(await tolerations.locator('summary').textContent()).toMatch(/Tolerations\s*none/);
    const run = properties.locator('details', { has: page.getByText('Caching, retries and resources') });
    await run.locator('summary').click();
    await properties.getByRole('textbox', { name: 'Retries' }).fill('3');
    await properties.getByRole('textbox', { name: 'Retries' }).press('Enter');
    await expect.poll(() => run.locator('summary').textContent()).toMatch(/3 retries/);
    await run.locator('summary').click();
    await screenshotsAtSizesAndThemes(page, 'panels-inputs-first');
    await page.close();
  });

  it('Problems: counts always in sight, resized by its edge, a click focuses the input field and flashes its port; refusals fade', async () => {
    await freshPage();
    // A wrong wire on the example: the reason shows, then fades by itself; the next one goes at the next press.
    const refusal = page.getByRole('alert').filter({ hasText: 'Wire refused' });
    await dragWire(page, port(page, 'Make data output data'), port(page, 'Train input label_column'));
    await refusal.waitFor();
    await refusal.waitFor({ state: 'detached', timeout: 8000 });
    await dragWire(page, port(page, 'Make data output data'), port(page, 'Train input label_column'));
    await refusal.waitFor();
    const canvas = await region(page, 'Pipeline canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await page.mouse.click(canvas.x + 30, canvas.y + 30);
    expect(await refusal.count()).toBe(0);

    await newPipelineWithBigQuery(page);
    const parameters = region(page, 'Parameters');
    for (let i = 0; i < 10; i++) await parameters.getByRole('button', { name: 'Add parameter' }).click();
    const problems = region(page, 'Problems');
    const counts = problems.getByLabel('4 errors, 10 warnings');
    await counts.waitFor();
    // The list scrolled to its end: the counts are still in sight.
    await problems.getByRole('list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    expect(await counts.isVisible()).toBe(true);
    const countsBox = await counts.boundingBox();
    const panelBox = await problems.boundingBox();
    if (!countsBox || !panelBox) throw new Error('Problems not on screen');
    expect(countsBox.y).toBeGreaterThanOrEqual(panelBox.y);
    // Taller by dragging its top edge up with the mouse.
    const edge = problems.getByRole('separator', { name: 'Resize Problems' });
    const edgeBox = await edge.boundingBox();
    if (!edgeBox) throw new Error('no resize edge');
    await page.mouse.move(edgeBox.x + 200, edgeBox.y + edgeBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(edgeBox.x + 200, edgeBox.y - 150, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await problems.boundingBox())?.height ?? 0).toBeGreaterThan(panelBox.height + 120);
    expect(await problems.getByRole('button', { name: /^KFS305 parameter param_10\b/ }).isVisible()).toBe(true);
    // A click on a missing input: its source picker has the focus and its port flashes on the canvas.
    await problemButton(page, 'bucket').click();
    await expect.poll(() => focusedLabel(page)).toBe(`${BIGQUERY} input bucket source`);
    const bucketPort = page.locator('.kfs-port', { has: port(page, `${BIGQUERY} input bucket`) });
    await expect.poll(() => bucketPort.getAttribute('class')).toContain('kfs-port-flash');
    await screenshotsAtSizesAndThemes(page, 'problems-panel');
    await page.close();
  });

  it('one vocabulary of types: the step dialog, Parameters and the Run dialog name types as the canvas does', async () => {
    await freshPage();
    // The canvas: Make data's rows is an Integer, its data a Dataset (full title on hover).
    const make = taskOnCanvas(page, 'Make data');
    expect(await make.locator('.kfs-port-type').allTextContents()).toEqual(expect.arrayContaining(['Integer', 'Dataset']));
    expect(await make.locator('.kfs-port-type', { hasText: 'Dataset' }).getAttribute('title')).toBe('system.Dataset');
    // Parameters.
    const parameters = region(page, 'Parameters');
    const firstType = parameters.getByRole('combobox', { name: /^Type of parameter / }).first();
    const parameterTypes = await firstType.locator('option').allTextContents();
    expect(parameterTypes).toEqual(expect.arrayContaining(['String', 'Integer', 'Float', 'Boolean']));
    // The image step dialog offers the same names (and artifact classes by their short name).
    await region(page, 'Components').getByRole('button', { name: 'New image step' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('textbox', { name: 'Step name' }) });
    await dialog.getByRole('button', { name: 'Add input' }).click();
    const stepTypes = await dialog.getByRole('combobox', { name: 'Input 1 type' }).locator('option').allTextContents();
    expect(stepTypes).toEqual(expect.arrayContaining(['String', 'Integer', 'Float', 'Boolean', 'List', 'Dataset', 'Model', 'Artifact']));
    expect(stepTypes.join(' ')).not.toMatch(/STRING|NUMBER_|system\./);
    await screenshotsAtSizesAndThemes(page, 'types-step-dialog');
    await page.keyboard.press('Escape');
    // The Run dialog.
    await toolbarButton(page, 'Run').click();
    const run = page.getByRole('dialog', { name: /^Run / });
    await run.waitFor();
    const runTypes = (await run.locator('.kfs-param-type').allTextContents()).map((t) => t.trim());
    expect(runTypes.length).toBeGreaterThan(0);
    for (const t of runTypes) expect(['String', 'Integer', 'Float', 'Boolean', 'List', 'Dict']).toContain(t);
    await screenshotsAtSizesAndThemes(page, 'types-run-dialog');
    await page.close();
  });

  it('the minimap is small and folds away, and types read at 11 px at zoom 1', async () => {
    await freshPage();
    const map = page.getByRole('img', { name: 'Minimap' });
    const box = await map.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(152);
    expect(box?.height).toBeLessThanOrEqual(102);
    // Its panel sits in the canvas's bottom-right corner, not across the canvas (a positioned panel, not in the flow).
    const panel = await page.locator('.kfs-minimap').boundingBox();
    const canvas = await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox();
    if (!panel || !canvas) throw new Error('no minimap panel or canvas');
    expect(panel.width).toBeLessThanOrEqual(160);
    expect(panel.x).toBeGreaterThan(canvas.x + canvas.width / 2);
    expect(panel.y).toBeGreaterThan(canvas.y + canvas.height / 2);
    expect(await taskOnCanvas(page, 'Train').locator('.kfs-port-type').first().evaluate((e) => (globalThis as unknown as { getComputedStyle: (x: unknown) => { fontSize: string } }).getComputedStyle(e).fontSize)).toBe('11px');
    await page.getByRole('button', { name: 'Hide minimap' }).click();
    await map.waitFor({ state: 'detached' });
    await screenshotsAtSizesAndThemes(page, 'minimap-folded');
    await page.getByRole('button', { name: 'Show minimap' }).click();
    await map.waitFor();
    await page.close();
  });
});
