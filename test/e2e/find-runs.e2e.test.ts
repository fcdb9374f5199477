// Finding runs end to end: the emulator holds 130 runs sent inline ("sweep N", one an hour from 1 March) and 3 runs
// of the uploaded pipeline classic-local (`kfp-studio submit`), 5 of the sweeps not started. In Chromium, on the
// cluster target: the list shows a first page and loads the next ones as it scrolls (KFP page tokens), search, the
// status filter, the order by name, the pipeline filter and the creation dates narrow it, each as the server answers.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import { compileToIr } from '../../shared/compile/ir.compile';
import { parseDocument } from '../../shared/model/document.parse';
import { EXAMPLE_FILE } from '../clusters/kfp-pipeline.fixture';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { startWebProcess, type WebProcess } from '../runs/web-app-process';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, type BrowserSession } from './e2e-harness';

const HOUR = 3600_000;
const SWEEPS = 130;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `find-runs-${name}.png`) });
const shownText = (list: Locator) => list.getByRole('status', { name: 'Runs shown' });
const runNames = (list: Locator) => list.getByRole('row').getByRole('button').allTextContents();

describe.skipIf(!HAS_CHROMIUM)('finding runs in the browser (web mode, against the emulator)', () => {
  let dataDir: string;
  let emulator: Emulator;
  let web: WebProcess | undefined;
  let browser: BrowserSession;
  const created: number[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-find-'));
    emulator = await startEmulator({ startTime: Date.parse('2026-03-01T00:30:00Z'), timings: { startDelayMs: 60_000, taskDurationMs: 2000, cancelDelayMs: 500 } });
    expect(await profileAdd(['emu', '--url', emulator.url, '--auth', 'none', '--no-test'], bufferIo(dataDir), { dataDir })).toBe(0);
    for (const n of [1, 2, 3]) {
      const io = bufferIo(dataDir);
      const version = n > 1 ? ['--version-of', 'classic-local'] : [];
      expect(await submitCommand([EXAMPLE_FILE, '--profile', 'emu', '--run-name', `uploaded ${n}`, ...version], io, { dataDir }), io.stderr.join('\n')).toBe(0);
    }
    const spec = compileToIr(parseDocument(await readFile(EXAMPLE_FILE, 'utf8'))).pipelineSpec;
    for (let i = 0; i < SWEEPS; i++) {
      const answer = await fetch(`${emulator.url}/apis/v2beta1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ display_name: `sweep ${i}`, pipeline_spec: spec }) });
      expect(answer.status).toBe(200);
      created.push(emulator.clock.now());
      // The last five a second apart: not started yet (a run starts a minute after it is created here).
      emulator.clock.advance(i < SWEEPS - 5 ? HOUR : 1000);
    }
    web = await startWebProcess(dataDir);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await emulator?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('pages as the list scrolls; search, status, order, pipeline and dates narrow it on the server', async () => {
    const total = SWEEPS + 3;
    const page = await browser.newPage();
    await page.goto(web?.url ?? '');
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    await page.getByRole('combobox', { name: 'Run target' }).selectOption('emu');
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
    expect(emulator.state.requests.some((r) => /\/apis\/v2beta1\/runs\?.*page_token=/.test(r.path))).toBe(true);
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
