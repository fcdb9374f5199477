// The editor read at a glance (issue 13), in the browser with a real mouse: required means filled, the side panels,
// the Problems panel and one vocabulary of types. Screenshots at 1280×720 and 1920×1080, light and dark.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { region, selectTask, taskOnCanvas, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, startWebApp, type BrowserSession, type WebApp } from './e2e-harness';
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
  let app: WebApp;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    app = await startWebApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function freshPage(): Promise<Page> {
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(app.url);
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
});
