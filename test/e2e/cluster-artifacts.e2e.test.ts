// A KFP run's steps in the browser as a person sees them: `npm run web` on a fresh data folder, Debian's Chromium and
// the KFP emulator (real clock) with the KFP UI server's routes. A run on a KFP profile by URL succeeds with every step
// shown succeeded; a step's drawer lists its input and output parameters and artifacts (type, URI, metadata) from ML
// Metadata, previews an output artifact read through /artifacts/get, and shows the object store's failure as a coded
// error; a step's log is not empty.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clusterSuiteInBrowser } from './cluster-suite';
import { HAS_CHROMIUM, SCREENSHOT_DIR } from './e2e-harness';

// The runs view's node ("Make data: succeeded, 1.0 s"), not the editor's step badge ("… succeeded in the last run").
const runNode = (page: Page, label: string, state?: string) => page.getByRole('button', { name: new RegExp(`^${label}: ${state ?? '\\w+'}(,|$)`) });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `cluster-artifacts-${name}.png`) });

async function openNewProfile(page: Page) {
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Clusters', exact: true }).click();
  const clusters = page.getByRole('dialog', { name: 'Clusters' });
  return { clusters, form: clusters.getByRole('form', { name: 'New profile' }) };
}

/** Runs the open document on a profile from the Run dialog. */
async function startRunOn(page: Page, profile: string) {
  await page.getByRole('group', { name: 'Make data', exact: true }).waitFor();
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Run / });
  await dialog.getByRole('combobox', { name: 'Run on' }).selectOption(profile);
  await dialog.getByText(/^Steps run on the cluster/).waitFor({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Start run' }).click();
}

describe.skipIf(!HAS_CHROMIUM)('KFP run steps, their inputs, outputs and artifacts in the browser', () => {
  const suite = clusterSuiteInBrowser(1200);
  const errors: string[] = [];

  /** A page on the web app whose uncaught errors are collected (the suite asserts there were none). */
  async function openApp(browser: typeof suite.browser, url: string | undefined) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url ?? '');
    return page;
  }

  it('shows succeeded steps with their inputs and outputs, previews an artifact, and names a store failure', async () => {
    const { emulator, web, browser } = suite;
    const page = await openApp(browser, web?.url);

    const { clusters, form } = await openNewProfile(page);
    await form.getByLabel('Profile name').fill('emu-kfp');
    await form.getByLabel('KFP API URL').fill(emulator.url);
    await form.getByRole('button', { name: 'Add profile' }).click();
    await clusters.getByRole('listitem', { name: 'emu-kfp' }).waitFor();
    await clusters.getByRole('button', { name: 'Close' }).click();

    await startRunOn(page, 'emu-kfp');
    await page.getByRole('main', { name: 'Runs view' }).waitFor();
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor({ timeout: 60_000 });
    // KFP's task details have no parent ids: every step still shows what it did, none "skipped".
    for (const label of ['Make data', 'Preprocess', 'Train', 'Test']) await runNode(page, label, 'succeeded').waitFor({ timeout: 20_000 });

    await runNode(page, 'Make data').click();
    const drawer = page.getByRole('complementary', { name: 'Task Make data' });
    await drawer.getByRole('log').getByText(/make-data.*: done/).waitFor({ timeout: 20_000 });
    const inputs = drawer.getByRole('region', { name: 'Inputs' });
    await inputs.getByText('rows', { exact: true }).waitFor({ timeout: 20_000 });
    const outputs = drawer.getByRole('region', { name: 'Outputs' });
    const uri = outputs.getByLabel(/ URI$/).first();
    expect(await uri.textContent()).toMatch(/^minio:\/\/mlpipeline\/v2\/artifacts\/classic-local\/[0-9a-f-]+\/make-data\//);
    await outputs.getByRole('button', { name: /^Preview / }).first().click();
    // The CSV the step wrote, drawn as a table as local runs' previews are.
    await outputs.getByRole('region', { name: /^Preview of / }).getByRole('cell', { name: '30', exact: true }).waitFor({ timeout: 20_000 });
    await shot(page, 'make-data-outputs');
    const [download] = await Promise.all([page.waitForEvent('download'), outputs.getByRole('button', { name: /^Download / }).first().click()]);
    expect(download.suggestedFilename()).toBe('data');
    expect(await readFile((await download.path()) ?? '', 'utf8')).toContain('row,task,value');

    await page.getByRole('button', { name: /^Close/ }).first().click().catch(() => undefined);
    await runNode(page, 'Test').click();
    const test = page.getByRole('complementary', { name: 'Task Test' });
    const testInputs = test.getByRole('region', { name: 'Inputs' });
    expect(await testInputs.getByLabel(/ URI$/).count()).toBeGreaterThanOrEqual(2);
    const testOutputs = test.getByRole('region', { name: 'Outputs' });
    await testOutputs.getByLabel(/ metadata$/).getByText(/accuracy: 0\.875/).waitFor({ timeout: 20_000 });

    // The object store fails: the preview says so with its code, and the page stays whole.
    emulator.faults.add({ kind: 'status', status: 500, path: /\/artifacts\/get/ });
    const markdown = testOutputs.getByRole('button', { name: /^Preview / }).last();
    await markdown.click();
    await testOutputs.getByText(/^KFS954 The KFP UI could not read minio:\/\//).waitFor({ timeout: 30_000 });
    await shot(page, 'store-failure');
    emulator.faults.clear();
    expect(errors).toEqual([]);
  });

  it('shows an Argo run step\'s inputs and outputs as Argo records them on its node', async () => {
    const { web, browser, kubeconfigPath } = suite;
    const page = await openApp(browser, web?.url);
    const { clusters, form } = await openNewProfile(page);
    await form.getByLabel('Kind').selectOption('argo');
    await form.getByLabel('Kubeconfig file (optional)').fill(kubeconfigPath);
    await form.getByRole('button', { name: 'Load contexts' }).click();
    await form.getByText(/^Server /).waitFor({ timeout: 20_000 });
    await form.getByLabel('Profile name').fill('emu-argo');
    await form.getByLabel('Namespace', { exact: true }).fill('default');
    await form.getByRole('button', { name: 'Add profile' }).click();
    await clusters.getByRole('listitem', { name: 'emu-argo' }).waitFor();
    await clusters.getByRole('button', { name: 'Close' }).click();

    await startRunOn(page, 'emu-argo');
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor({ timeout: 60_000 });
    await runNode(page, 'Preprocess', 'succeeded').click();
    const drawer = page.getByRole('complementary', { name: 'Task Preprocess' });
    const inputs = drawer.getByRole('region', { name: 'Inputs' });
    expect(await inputs.getByLabel(/ URI$/).first().textContent({ timeout: 20_000 })).toMatch(/^[\w-]+\/[\w-]+\/[\w-]+\.tgz$/);
    const outputs = drawer.getByRole('region', { name: 'Outputs' });
    await outputs.getByLabel(/ metadata$/).first().getByText(/default artifact repository/).waitFor({ timeout: 20_000 });
    await shot(page, 'argo-step-io');
    expect(errors).toEqual([]);
  });
});
