// Finding runs end to end: the emulator holds 130 runs sent inline ("sweep N", one an hour from 1 March) and 3 runs
// of the uploaded pipeline classic-local (`kfp-studio submit`), 5 of the sweeps not started. In Chromium, on the
// cluster target: the list shows a first page and loads the next ones as it scrolls (KFP page tokens), search, the
// status filter, the order by name, the pipeline filter and the creation dates narrow it, each as the server answers.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, SCREENSHOT_DIR } from './e2e-harness';
import { emulatorWebSuite, exampleSpec, postRun, PROFILE, submitExample } from './emulator-web.fixture';

const HOUR = 3600_000;
const SWEEPS = 130;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `find-runs-${name}.png`) });
const shownText = (list: Locator) => list.getByRole('status', { name: 'Runs shown' });
const runNames = (list: Locator) => list.getByRole('row').getByRole('button').allTextContents();

describe.skipIf(!HAS_CHROMIUM)('finding runs in the browser (web mode, against the emulator)', () => {
  const created: number[] = [];
  const options = { startTime: Date.parse('2026-03-01T00:30:00Z'), timings: { startDelayMs: 60_000, taskDurationMs: 2000, cancelDelayMs: 500 } };
  const suite = emulatorWebSuite(options, async (dataDir, emulator) => {
    for (const n of [1, 2, 3]) await submitExample(dataDir, `uploaded ${n}`);
    const spec = await exampleSpec();
    for (let i = 0; i < SWEEPS; i++) {
      await postRun(emulator, `sweep ${i}`, spec);
      created.push(emulator.clock.now());
      // The last five a second apart: not started yet (a run starts a minute after it is created here).
      emulator.clock.advance(i < SWEEPS - 5 ? HOUR : 1000);
    }
  });

  it('pages as the list scrolls; search, status, order, pipeline and dates narrow it on the server', async () => {
    const total = SWEEPS + 3;
    const page = await suite.browser.newPage();
    await page.goto(suite.web.url);
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    await page.getByRole('combobox', { name: 'Run target' }).selectOption(PROFILE);
    const list = page.getByRole('region', { name: 'Runs' });
    await shownText(list).getByText(`50 of ${total} runs`).waitFor({ timeout: 30_000 });
    expect((await runNames(list))[0]).toBe(`sweep ${SWEEPS - 1}`);

    // Scrolling to the end of the list loads the next page, until there is none.
    for (const shown of [100, total]) {
      await list.getByRole('button', { name: 'Load more runs' }).scrollIntoViewIfNeeded();
      await shownText(list).getByText(`${shown} of ${total} runs`).waitFor({ timeout: 30_000 });
    }
    await list.getByRole('button', { name: 'Load more runs' }).waitFor({ state: 'detached' });
    expect(new Set(await runNames(list)).size).toBe(total);
    expect(suite.emulator.state.requests.some((r) => /\/apis\/v2beta1\/runs\?.*page_token=/.test(r.path))).toBe(true);
    await shot(page, 'all-pages');

    await list.getByRole('searchbox', { name: 'Search runs' }).fill('sweep 12');
    await shownText(list).getByText('11 of 11 runs').waitFor({ timeout: 30_000 });
    expect((await runNames(list)).every((name) => name.startsWith('sweep 12'))).toBe(true);
    await list.getByRole('searchbox', { name: 'Search runs' }).fill('');

    await list.getByRole('combobox', { name: 'Filter runs by status' }).selectOption('pending');
    await shownText(list).getByText('5 of 5 runs').waitFor({ timeout: 30_000 });
    await list.getByRole('combobox', { name: 'Filter runs by status' }).selectOption('');

    await list.getByRole('combobox', { name: 'Sort runs' }).selectOption('name');
    await expect.poll(async () => (await runNames(list)).slice(0, 3), { timeout: 30_000 }).toEqual(['sweep 0', 'sweep 1', 'sweep 10']);
    expect(await list.getByRole('combobox', { name: 'Sort runs' }).locator('option').allTextContents()).not.toContain('Longest first');

    await list.getByRole('textbox', { name: 'Filter runs by pipeline' }).fill('classic-local');
    await shownText(list).getByText('3 of 3 runs').waitFor({ timeout: 30_000 });
    expect((await runNames(list)).sort()).toEqual(['uploaded 1', 'uploaded 2', 'uploaded 3']);
    await list.getByRole('textbox', { name: 'Filter runs by pipeline' }).fill('');

    // Creation dates are days of this machine's calendar, as the date fields show them.
    const from = new Date(created[SWEEPS - 20] ?? 0);
    const day = `${from.getFullYear()}-${String(from.getMonth() + 1).padStart(2, '0')}-${String(from.getDate()).padStart(2, '0')}`;
    const since = new Date(`${day}T00:00:00`).getTime();
    const expected = created.filter((at) => Math.floor(at / 1000) >= Math.floor(since / 1000)).length;
    await list.getByLabel('Created from').fill(day);
    await shownText(list).getByText(`${Math.min(expected, 50)} of ${expected} runs`).waitFor({ timeout: 30_000 });
    await shot(page, 'filtered');
  }, 180_000);
});
