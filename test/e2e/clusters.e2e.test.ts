// Cluster profiles end to end: `npm run web` on a fresh data folder, Debian's Chromium, and the KFP + Kubernetes API
// emulator started here (real clock, short steps) with a kubeconfig written for it. A KFP profile by URL is added and
// tested, the pipeline uploaded (a second upload clashes and becomes a new version), run (states arrive on the run
// view's canvas, a log is read), another run terminated, a recurring run scheduled and listed; then an Argo profile
// through the kubeconfig: added, tested, run, states, a log.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clusterSuiteInBrowser } from './cluster-suite';
import { HAS_CHROMIUM, SCREENSHOT_DIR } from './e2e-harness';
import { nodeStates, recordNodeStates } from './run-node-states';


const TASKS = ['make-data', 'preprocess', 'train', 'test'];
// The runs view's node ("Train: succeeded, 1.5 s"), not the editor's step badge ("… succeeded in the last run").
const runNode = (page: Page, label: string, state?: string) => page.getByRole('button', { name: new RegExp(`^${label}: ${state ?? '\\w+'}(,|$)`) });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `clusters-${name}.png`) });

async function openClusters(page: Page) {
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Clusters', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Clusters' });
  await dialog.waitFor();
  return dialog;
}

async function openRunDialog(page: Page) {
  await page.getByRole('group', { name: 'Make data', exact: true }).waitFor();
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Run / });
  await dialog.waitFor();
  return dialog;
}

/**
 * The states arrived live: each step was first seen before it succeeded, none went back once succeeded, and steps
 * were seen running. (One snapshot may carry several changes, so the order across steps is not asserted here.)
 */
async function expectStatesArrived(page: Page) {
  const states = await nodeStates(page);
  const seen = states.join(' ');
  for (const task of TASKS) {
    const own = states.filter((s) => s.startsWith(`${task}:`)).map((s) => s.slice(task.length + 1));
    expect(own[0], `${task} in ${seen}`).not.toBe('succeeded');
    expect(own.at(-1), `${task} in ${seen}`).toBe('succeeded');
    expect(own.slice(own.indexOf('succeeded')).every((state) => state === 'succeeded'), `${task} in ${seen}`).toBe(true);
  }
  expect(states.some((s) => s.endsWith(':running')), seen).toBe(true);
}

describe.skipIf(!HAS_CHROMIUM)('cluster profiles in the browser (web mode, against the emulator)', () => {
  const suite = clusterSuiteInBrowser(1500);
  const errors: string[] = [];

  it('adds and tests a KFP profile by URL, uploads, runs, reads a log, terminates a run, schedules a recurring run', async () => {
    const { emulator, web, browser } = suite;
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(web?.url ?? '');

    const clusters = await openClusters(page);
    const form = clusters.getByRole('form', { name: 'New profile' });
    await form.getByLabel('Profile name').fill('emu-kfp');
    await form.getByLabel('KFP API URL').fill('emulator:80');
    await form.getByRole('button', { name: 'Add profile' }).click();
    await form.getByText('Give an http:// or https:// URL.').waitFor();
    await form.getByLabel('KFP API URL').fill(emulator.url);
    // Web mode keeps no secrets: a token is refused by the host, with its code and what to do instead.
    await form.getByLabel('Authentication').selectOption('bearer');
    await form.getByLabel('Token').fill('a-token');
    await form.getByRole('button', { name: 'Add profile' }).click();
    const refusal = await form.getByRole('alert').textContent({ timeout: 20_000 });
    expect(refusal).toMatch(/^KFS703 In web mode, cluster tokens are stored only when the server was started with KFP_STUDIO_SECRET_KEY/);
    await shot(page, 'web-mode-token-refused');
    await form.getByLabel('Authentication').selectOption('none');
    await form.getByRole('button', { name: 'Add profile' }).click();
    const item = clusters.getByRole('listitem', { name: 'emu-kfp' });
    await item.getByText(emulator.url).waitFor();
    // The host's message for a rejected credential is shown as is, with its code.
    emulator.faults.add({ kind: 'status', status: 401, path: /healthz/, times: 1 });
    await item.getByRole('button', { name: 'Test connection' }).click();
    expect(await item.getByRole('alert').textContent({ timeout: 20_000 })).toMatch(/^KFS902 /);
    await item.getByRole('button', { name: 'Test connection' }).click();
    const report = await item.getByRole('status').textContent({ timeout: 20_000 });
    expect(report).toMatch(/^Connected: KFP 2\.5\.0-emulator · single-user · .*endpoint http:\/\/127\.0\.0\.1:\d+/);
    await shot(page, 'dialog-kfp');
    await clusters.getByRole('button', { name: 'Close' }).click();

    // Upload twice: the second clashes on the name, and becomes a new version of it.
    let dialog = await openRunDialog(page);
    await dialog.getByRole('combobox', { name: 'Run on' }).selectOption('emu-kfp');
    await dialog.getByText(/^Steps run on the cluster/).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Upload pipeline' }).click();
    await dialog.getByRole('status').getByText(/^Uploaded pipeline classic-local/).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Upload pipeline' }).click();
    await dialog.getByRole('alert').getByText(/^KFS909 /).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Upload as new version' }).click();
    await dialog.getByRole('status').getByText(/^Uploaded a new version of pipeline classic-local/).waitFor({ timeout: 20_000 });
    expect([...emulator.state.pipelines.values()].filter((p) => p.display_name === 'classic-local' || p.name === 'classic-local')).toHaveLength(1);
    await shot(page, 'uploaded');

    await recordNodeStates(page);
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('main', { name: 'Runs view' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Run target' }).inputValue()).toBe('emu-kfp');
    await runNode(page, 'Test', 'succeeded').waitFor({ timeout: 60_000 });
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor();
    await expectStatesArrived(page);
    await runNode(page, 'Train').click();
    await page.getByRole('complementary', { name: 'Task Train' }).getByRole('log').getByText(/\[emulator\] .*train.*: done/).waitFor({ timeout: 20_000 });
    await shot(page, 'kfp-run-succeeded');
    await page.getByRole('region', { name: 'Runs' }).getByRole('row', { name: /succeeded/ }).first().waitFor();

    // Terminate a run while it runs.
    dialog = await openRunDialogFromRuns(page);
    expect(await dialog.getByRole('combobox', { name: 'Run on' }).inputValue()).toBe('emu-kfp');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await runNode(page, '(Make data|Preprocess)', 'running').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Terminate' }).click();
    await page.getByRole('status', { name: 'Run state: cancelled' }).waitFor({ timeout: 30_000 });
    await shot(page, 'kfp-run-terminated');

    // Schedule a recurring run with the dialog's parameters, and see it listed.
    dialog = await openRunDialogFromRuns(page);
    await dialog.getByLabel(/^rows/).fill('250');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    const schedule = dialog.getByRole('group', { name: 'Schedule' });
    await schedule.getByLabel('Schedule name').fill('nightly classic');
    await schedule.getByLabel(/^Cron/).fill('0 3 * *');
    await schedule.getByRole('button', { name: 'Create schedule' }).click();
    await schedule.getByText(/^A cron schedule has five fields/).waitFor();
    await schedule.getByLabel(/^Cron/).fill('0 3 * * 1-5');
    await schedule.getByRole('button', { name: 'Create schedule' }).click();
    const schedules = page.getByRole('region', { name: 'Schedules' });
    await schedules.getByRole('row', { name: /nightly classic cron 0 3 \* \* 1-5.* enabled/ }).waitFor({ timeout: 20_000 });
    const created = [...emulator.state.recurringRuns.values()];
    expect(created).toHaveLength(1);
    await shot(page, 'kfp-scheduled');
    await schedules.getByRole('button', { name: 'Disable nightly classic' }).click();
    await schedules.getByRole('row', { name: /nightly classic .* disabled/ }).waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  it('adds and tests an Argo profile through the kubeconfig, runs on it, shows states and a log', async () => {
    const { emulator, web, browser, kubeconfigPath } = suite;
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(web?.url ?? '');
    const clusters = await openClusters(page);
    await clusters.getByRole('listitem', { name: 'emu-kfp' }).waitFor();
    const form = clusters.getByRole('form', { name: 'New profile' });
    await form.getByLabel('Kind').selectOption('argo');
    await form.getByLabel('Kubeconfig file (optional)').fill(kubeconfigPath);
    await form.getByRole('button', { name: 'Load contexts' }).click();
    await form.getByText(new RegExp(`^Server ${emulator.url.replace(/[.]/g, '\\.')}`)).waitFor({ timeout: 20_000 });
    await form.getByLabel('Profile name').fill('emu-argo');
    await form.getByLabel('Namespace', { exact: true }).fill('default');
    await form.getByRole('button', { name: 'Add profile' }).click();
    const item = clusters.getByRole('listitem', { name: 'emu-argo' });
    await item.getByText(/namespace default/).waitFor();
    await item.getByRole('button', { name: 'Test connection' }).click();
    expect(await item.getByRole('status').textContent({ timeout: 20_000 })).toMatch(/^Connected: Kubernetes .*namespace default.*endpoint /);
    await shot(page, 'dialog-argo');
    await clusters.getByRole('button', { name: 'Close' }).click();

    const dialog = await openRunDialog(page);
    await dialog.getByRole('combobox', { name: 'Run on' }).selectOption('emu-argo');
    await dialog.getByText(/^Steps run on the cluster/).waitFor({ timeout: 20_000 });
    expect(await dialog.getByRole('button', { name: 'Upload pipeline' }).count()).toBe(0);
    await recordNodeStates(page);
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('main', { name: 'Runs view' }).waitFor();
    await runNode(page, 'Test', 'succeeded').waitFor({ timeout: 60_000 });
    await page.getByRole('status', { name: 'Run state: succeeded' }).waitFor();
    await expectStatesArrived(page);
    expect(emulator.state.workflows.size).toBe(1);
    await runNode(page, 'Preprocess').click();
    await page.getByRole('complementary', { name: 'Task Preprocess' }).getByRole('log').getByText(/\[emulator\] .*preprocess.*: done/).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('region', { name: 'Schedules' }).count()).toBe(0);
    await shot(page, 'argo-run-succeeded');
    expect(errors).toEqual([]);
  });
});

/** The Run dialog from the runs view: back to the editor, then Run. */
async function openRunDialogFromRuns(page: Page) {
  await page.getByRole('button', { name: '← Editor' }).click();
  return openRunDialog(page);
}
