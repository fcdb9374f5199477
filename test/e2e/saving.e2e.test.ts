// Saving never loses work (issue 13, item 1), in the browser with a real mouse: a pipeline never saved asks for its
// name and lists the saved ones; a second new pipeline under the same default name does not replace the first; a
// reload reopens what was open; unsaved changes are offered back with words that are true.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/model/document.parse';
import { region, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';
import { screenshotsAtSizesAndThemes } from './screens';

async function newPipelineWithParameters(page: Page, count: number): Promise<void> {
  await toolbarButton(page, 'New').click();
  await page.getByRole('status').getByText(/New empty pipeline/).waitFor();
  const parameters = region(page, 'Parameters');
  for (let i = 0; i < count; i++) await parameters.getByRole('button', { name: 'Add parameter' }).click();
  await expect.poll(() => parameters.getByRole('listitem').count()).toBe(count);
}

const saveDialog = (page: Page) => page.getByRole('dialog', { name: 'Save As' });

describe.skipIf(!HAS_CHROMIUM)('saving never loses work', () => {
  const suite = webAppForSuite();

  it('two new pipelines saved one after the other both survive, and a reload reopens the one that was open', async () => {
    // A tab without the test harness's recovery handler: this test answers the recovery offer itself.
    const page = await suite.browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(suite.app.url);
    await page.getByRole('group', { name: 'Train', exact: true }).waitFor();

    await newPipelineWithParameters(page, 1);
    await toolbarButton(page, 'Save').click();
    const dialog = saveDialog(page);
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe('my-pipeline.pipeline.json');
    await dialog.getByText('No pipeline is saved in the data folder yet.').waitFor();
    await dialog.getByRole('button', { name: 'Save in data folder' }).click();
    await page.getByRole('status').getByText(/Saved to .*my-pipeline\.pipeline\.json/).waitFor();

    // The second new pipeline has the same default name: Save lists the first and asks before replacing it.
    await newPipelineWithParameters(page, 2);
    await toolbarButton(page, 'Save').click();
    await dialog.getByRole('button', { name: /my-pipeline\.pipeline\.json/ }).waitFor();
    await screenshotsAtSizesAndThemes(page, 'save-new-pipeline');
    await dialog.getByRole('button', { name: 'Save in data folder' }).click();
    const question = dialog.getByRole('alert');
    await question.getByText(/my-pipeline\.pipeline\.json already holds the pipeline .my-pipeline.\. Replace it/).waitFor();
    await screenshotsAtSizesAndThemes(page, 'save-name-taken');
    await question.getByRole('button', { name: 'Keep it, choose another name' }).click();
    await dialog.getByRole('textbox', { name: 'File name' }).fill('second');
    await dialog.getByRole('button', { name: 'Save in data folder' }).click();
    await page.getByRole('status').getByText(/Saved to .*second\.pipeline\.json/).waitFor();

    const folder = path.join(suite.app.dataDir, 'documents');
    expect((await readdir(folder)).filter((f) => f.endsWith('.pipeline.json')).sort()).toEqual(['my-pipeline.pipeline.json', 'second.pipeline.json']);
    const first = parseDocument(await readFile(path.join(folder, 'my-pipeline.pipeline.json'), 'utf8'));
    const second = parseDocument(await readFile(path.join(folder, 'second.pipeline.json'), 'utf8'));
    expect(first.graph.inputs).toHaveLength(1);
    expect(second.graph.inputs).toHaveLength(2);
    expect(first.id).toBeTruthy();
    expect(second.id).not.toBe(first.id);

    // Reload: the saved pipeline that was open comes back, not the example.
    await page.reload();
    await page.getByRole('status').getByText(/Reopened .*second\.pipeline\.json/).waitFor();
    expect(await region(page, 'Parameters').getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('group', { name: 'Train', exact: true }).count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Recover unsaved work' }).count()).toBe(0);

    // An unsaved change, then a reload: the saved file reopens and the change is offered back, named truly.
    await region(page, 'Parameters').getByRole('button', { name: 'Add parameter' }).click();
    await expect.poll(() => region(page, 'Parameters').getByRole('listitem').count()).toBe(3);
    await expect.poll(async () => (await readdir(path.join(suite.app.dataDir, 'autosave')).catch(() => [])).length, { timeout: 20_000 }).toBe(1);
    await page.reload();
    const offer = page.getByRole('dialog', { name: 'Recover unsaved work' });
    await offer.waitFor();
    const text = (await offer.textContent()) ?? '';
    expect(text).toMatch(/changes to .*second\.pipeline\.json/);
    expect(text).not.toMatch(/never saved|did not close cleanly/);
    await screenshotsAtSizesAndThemes(page, 'save-recovery-offer');
    await offer.getByRole('button', { name: /^Recover / }).click();
    await expect.poll(() => region(page, 'Parameters').getByRole('listitem').count()).toBe(3);
    // Saved over its own file without any question; the offer is then gone for good.
    await toolbarButton(page, 'Save').click();
    await page.getByRole('status').getByText(/Saved to .*second\.pipeline\.json/).waitFor();
    expect(parseDocument(await readFile(path.join(folder, 'second.pipeline.json'), 'utf8')).graph.inputs).toHaveLength(3);
    expect(parseDocument(await readFile(path.join(folder, 'my-pipeline.pipeline.json'), 'utf8')).graph.inputs).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
