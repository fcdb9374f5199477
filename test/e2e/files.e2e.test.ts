// The file actions in the browser (web mode): Open a compiled KFP pipeline from ../shared/kfp/ir/valid and see its
// tasks, Open a damaged archive and see the coded error, Save As into the data folder and as a download.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/model/document.parse';
import { KFP_DIR, KFP_MISSING_NOTE } from '../kfp-reference';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, startWebApp, type BrowserSession, type WebApp } from './e2e-harness';
import { region, taskOnCanvas, toolbarButton } from './build-example.steps';

const VALID_IR = path.join(KFP_DIR, 'ir/valid');
const IR_FILES = ['critical_flip_coin.yaml', 'critical_parallel_for_after_dependency.yaml'];
const hasIr = IR_FILES.every((f) => existsSync(path.join(VALID_IR, f)));
if (!hasIr) console.warn(`[e2e] opening compiled pipelines skipped: ${KFP_MISSING_NOTE}`);

type IrMap = Record<string, unknown>;
const isMap = (v: unknown): v is IrMap => typeof v === 'object' && v !== null && !Array.isArray(v);
const GROUP_COMPONENT = /^comp-(condition|condition-branches|for-loop|exit-handler)-\d+$/;

/** The names the steps of a compiled pipeline carry (taskInfo.name), read from the IR itself: groups are walked into. */
function stepNames(text: string): string[] {
  const spec = yaml.loadAll(text)[0] as IrMap;
  const components = spec.components as IrMap;
  const names: string[] = [];
  const walk = (dag: unknown) => {
    const tasks = isMap(dag) && isMap(dag.tasks) ? dag.tasks : {};
    for (const [id, task] of Object.entries(tasks)) {
      if (!isMap(task)) continue;
      const ref = isMap(task.componentRef) ? String(task.componentRef.name) : '';
      const component = components[ref];
      if (GROUP_COMPONENT.test(ref) && isMap(component)) walk(component.dag);
      else names.push(isMap(task.taskInfo) && typeof task.taskInfo.name === 'string' ? task.taskInfo.name : id);
    }
  };
  walk((spec.root as IrMap).dag);
  return names;
}

/** Clicks Open and gives the browser's file chooser the file, as a person picking it would. */
async function openThroughToolbar(page: Page, file: string, confirmDiscard = false): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await toolbarButton(page, 'Open').click();
  if (confirmDiscard) await page.getByRole('alertdialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  await (await chooser).setFiles(file);
}

describe.skipIf(!HAS_CHROMIUM)('file actions in the browser', () => {
  let app: WebApp;
  let browser: BrowserSession;
  let scratch: string;
  let current: Page | undefined;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kfs-files-e2e-'));
    app = await startWebApp();
    browser = await launchChromium();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) await current.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-files-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function freshPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await browser.newPage({ colorScheme });
    page.setDefaultTimeout(15_000);
    current = page;
    await page.goto(app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    return page;
  }

  it.skipIf(!hasIr)('opens compiled pipelines with conditions and a loop, after asking about unsaved changes, and shows their steps', async () => {
    const page = await freshPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // An unsaved change first: Open asks before discarding it.
    await region(page, 'Parameters').getByRole('button', { name: 'Add parameter' }).click();
    for (const [i, name] of IR_FILES.entries()) {
      const file = path.join(VALID_IR, name);
      const steps = stepNames(await readFile(file, 'utf8'));
      expect(steps.length).toBeGreaterThan(2);
      await openThroughToolbar(page, file, i === 0);
      await page.getByRole('status').getByText(new RegExp(`Opened ${name.replace('.', '\\.')}: compiled pipeline \\(yaml\\)`)).waitFor();
      for (const step of steps) expect(await taskOnCanvas(page, step).count(), `step ${step} of ${name}`).toBeGreaterThan(0);
      expect(await taskOnCanvas(page, 'Train').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `files-opened-${name.replace('.yaml', '')}-light.png`) });
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a damaged archive as a coded error with what to do, in light and dark', async () => {
    const broken = path.join(scratch, 'damaged.tar.gz');
    // A gzip header, then bytes that are no deflate stream: what a download cut short by a proxy looks like.
    await writeFile(broken, Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 251)]));
    for (const scheme of ['light', 'dark'] as const) {
      const page = await freshPage(scheme);
      await openThroughToolbar(page, broken);
      const dialog = page.getByRole('alertdialog', { name: 'Could not open damaged.tar.gz' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toMatch(/KFS511/);
      expect(await dialog.textContent()).toMatch(/What to do: .+/);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `files-open-error-${scheme}.png`) });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // The open pipeline is untouched.
      expect(await taskOnCanvas(page, 'Train').count()).toBe(1);
      await page.getByRole('status').getByText(/Could not open damaged\.tar\.gz: KFS511/).waitFor();
      await page.close();
    }
  });

  it('Save As writes into the data folder under the typed name, or downloads the .pipeline.json', async () => {
    const page = await freshPage();
    await toolbarButton(page, 'Save As').click();
    const dialog = page.getByRole('dialog', { name: 'Save As' });
    await dialog.getByRole('textbox', { name: 'File name' }).fill('taxi tips');
    await dialog.getByRole('button', { name: 'Save in data folder' }).click();
    await page.getByRole('status').getByText(/Saved to .*taxi tips\.pipeline\.json/).waitFor();
    const saved = parseDocument(await readFile(path.join(app.dataDir, 'documents', 'taxi tips.pipeline.json'), 'utf8'));
    expect(Object.keys(saved.graph.tasks)).toContain('train');

    await toolbarButton(page, 'Save As').click();
    expect(await dialog.getByRole('textbox', { name: 'File name' }).inputValue()).toBe('taxi tips.pipeline.json');
    await dialog.getByRole('textbox', { name: 'File name' }).fill('copy');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'files-save-as-light.png') });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('copy.pipeline.json');
    const downloaded = parseDocument(await readFile(await file.path(), 'utf8'));
    expect(downloaded).toEqual(saved);
    await page.close();
  });
});
