// Comparing runs end to end: `npm run web` on a data folder holding two local runs of the classic-local example
// (seeds 7 and 11, run with `kfp-studio run`) and a KFP profile of the emulator with two runs (rows 50 and 60).
// In Chromium: tick two runs in the runs list, Compare; the differing parameter is marked, the metrics of both runs
// are listed, each run's graph shows its step states, the ROC curves are drawn over one another and both confusion
// matrices shown; the same on the cluster target (parameters and step states).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { EXAMPLE_FILE } from '../clusters/kfp-pipeline.fixture';
import { HAS_CHROMIUM, SCREENSHOT_DIR } from './e2e-harness';
import { emulatorWebSuite, PROFILE, submitExample } from './emulator-web.fixture';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `compare-${name}.png`), fullPage: true });

async function localRun(dataDir: string, seed: string): Promise<void> {
  const io = bufferIo(dataDir);
  expect(await runCli(['run', EXAMPLE_FILE, '--engine', 'host', '--data', dataDir, '--param', `seed=${seed}`], io), io.stderr.join('\n')).toBe(0);
}

/** Ticks the first two runs of the list (or those named) and compares them. */
async function compareTwo(page: Page, names?: [RegExp, RegExp]) {
  const list = page.getByRole('region', { name: 'Runs' });
  const boxes = names ? names.map((name) => list.getByRole('checkbox', { name })) : [0, 1].map((i) => list.getByRole('checkbox', { name: /^Choose / }).nth(i));
  for (const box of boxes) await box.check();
  await list.getByRole('button', { name: 'Compare 2 runs' }).click();
  const view = page.getByRole('region', { name: 'Comparing 2 runs' });
  await view.waitFor({ timeout: 30_000 });
  return view;
}

describe.skipIf(!HAS_CHROMIUM)('comparing runs in the browser (web mode; local runs and the emulator)', () => {
  const suite = emulatorWebSuite({}, async (dataDir, emulator) => {
    await localRun(dataDir, '7');
    await localRun(dataDir, '11');
    for (const rows of ['50', '60']) await submitExample(dataDir, `rows ${rows}`, ['--param', `rows=${rows}`]);
    for (let i = 0; i < 30; i++) emulator.clock.advance(2000);
  });

  it('local runs: the differing seed marked, both runs metrics, graphs with step states, ROC curves overlaid, confusion matrices', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.web.url);
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    const list = page.getByRole('region', { name: 'Runs' });
    await list.getByRole('checkbox', { name: /^Choose / }).first().check();
    expect(await list.getByRole('button', { name: /^Compare/ }).isDisabled()).toBe(true);
    const view = await compareTwo(page);

    const params = view.getByRole('table', { name: 'Parameters compared' });
    const seed = params.getByRole('row', { name: /^seed \(differs\)/ });
    const seedCells = await seed.getByRole('cell').allTextContents();
    expect([...seedCells].sort()).toEqual(['11', '7']);
    expect(await params.getByRole('row', { name: /^rows/ }).getAttribute('data-differs')).toBe('false');

    const metrics = view.getByRole('table', { name: 'Metrics compared' });
    const accuracy = (await metrics.getByRole('row', { name: /^accuracy/ }).getByRole('cell').allTextContents()).slice(1).map(Number);
    expect(accuracy).toHaveLength(2);
    expect(accuracy.every((a) => a > 0 && a <= 1)).toBe(true);

    for (const n of [1, 2]) await view.getByRole('figure', { name: new RegExp(`^Graph of \\[${n}\\] classic-local`) }).getByRole('button', { name: /^Test: succeeded/ }).waitFor();
    await view.getByRole('table', { name: 'Step states compared' }).getByRole('row', { name: /^Train/ }).waitFor();

    await view.getByRole('img', { name: 'ROC curves of 2 runs' }).waitFor();
    expect(await view.getByRole('img', { name: 'ROC curves of 2 runs' }).locator('path[data-curve]').count()).toBe(2);
    const legend = await view.getByRole('list', { name: 'ROC curves' }).getByRole('listitem').allTextContents();
    expect(legend).toHaveLength(2);
    expect(legend.every((item) => /^\[\d\] classic-local .+ \(Test › classification\): area 0\.\d{3}$/.test(item))).toBe(true);
    expect(await view.getByRole('img', { name: /^Confusion matrix of 2 classes, \[\d\] classic-local/ }).count()).toBe(2);
    await shot(page, 'local');

    // Only differences hides the rows that are the same.
    await view.getByRole('checkbox', { name: 'Only differences' }).check();
    await params.getByRole('row', { name: /^rows/ }).waitFor({ state: 'detached' });
    await view.getByRole('button', { name: 'Close comparison' }).click();
    await view.waitFor({ state: 'detached' });
  }, 120_000);

  it('runs on the emulator: the differing rows marked, metrics from ML Metadata, each run graph with its step states', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.web.url);
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    await page.getByRole('combobox', { name: 'Run target' }).selectOption(PROFILE);
    const view = await compareTwo(page, [/^Choose rows 50/, /^Choose rows 60/]);
    const rows = view.getByRole('table', { name: 'Parameters compared' }).getByRole('row', { name: /^rows \(differs\)/ });
    expect((await rows.getByRole('cell').allTextContents()).sort()).toEqual(['50', '60']);
    // The test step's Metrics, from the emulator's ML Metadata.
    const accuracy = view.getByRole('table', { name: 'Metrics compared' }).getByRole('row', { name: /^accuracy/ });
    expect(await accuracy.getByRole('cell').allTextContents()).toEqual(['Test › metrics', '0.875', '0.875']);
    const steps = view.getByRole('table', { name: 'Step states compared' });
    expect(await steps.getByRole('row', { name: /^Train/ }).getByRole('cell').allTextContents()).toEqual(['succeeded', 'succeeded']);
    for (const n of [1, 2]) await view.getByRole('figure', { name: new RegExp(`^Graph of \\[${n}\\] rows`) }).getByRole('button', { name: /^Train: succeeded/ }).waitFor({ timeout: 30_000 });
    await shot(page, 'emulator');
  }, 120_000);
});
