// Building the classic example from an empty canvas in the browser (web mode, Debian's Chromium): once with the
// mouse (drag from the palette, drag wires), once with the keyboard only (palette search + Enter, Problems + Enter,
// the inspector's source pickers). Each ends by compiling to .tar.gz, catching the download and checking it with
// the strict IR check.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import type { PipelineDocument } from '../../shared/model/document';
import { loadIrChecker } from '../ir-check/ir-check';
import { irDescriptorExists } from '../ir-check/ir-check.paths';
import { HAS_CHROMIUM, launchChromium, SCREENSHOT_DIR, startWebApp, type BrowserSession, type WebApp } from './e2e-harness';
import { addOrderingEdges, classicExample, classicTasks, dragWire, fixProblems, focusedLabel, port, region, startPipeline, steadyBox, taskOnCanvas, toolbarButton } from './build-example.steps';

if (!irDescriptorExists) console.warn('[e2e] the strict IR check is skipped: ../shared/kfp/schema/kfp-ir.descriptor.json is absent.');

interface IrTask {
  componentRef: { name: string };
  dependentTasks?: string[];
  taskInfo: { name: string };
  inputs?: { parameters?: Record<string, unknown>; artifacts?: Record<string, { taskOutputArtifact?: { producerTask: string; outputArtifactKey: string } }> };
}
type IrSpec = { root: { dag: { tasks: Record<string, IrTask> }; inputDefinitions?: { parameters?: Record<string, unknown> } } };

/** How many ordering edges (`after`) the example has: each is added from an inspector. */
const orderingEdges = (example: PipelineDocument) => Object.values(example.graph.tasks).reduce((n, t) => n + t.after.length, 0);

/** Compiles with the toolbar's Compile (.tar.gz, the default) and returns the downloaded file. */
async function compileAndCatch(page: Page, screenshot?: string): Promise<{ name: string; bytes: Uint8Array }> {
  await toolbarButton(page, 'Compile').click();
  const dialog = page.getByRole('dialog', { name: 'Compile pipeline' });
  expect(await dialog.getByRole('radio', { name: /\.tar\.gz/ }).isChecked()).toBe(true);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOT_DIR, screenshot) });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Compile and download' }).click();
  const file = await download;
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(saved)) };
}

/** The downloaded archive passes the strict check, and wires every task as the example does. */
function checkCompiled(file: { name: string; bytes: Uint8Array }, example: PipelineDocument, builtIdOf: (exampleId: string) => string): void {
  expect(file.name).toBe(`${example.name}.tar.gz`);
  const content = readPipelineArchive(file.bytes, file.name);
  expect(content.format).toBe('tar.gz');
  expect(content.entry).toBe('pipeline.yaml');
  if (irDescriptorExists) expect(loadIrChecker().checkYaml(content.text)).toEqual([]);
  const [spec] = yaml.loadAll(content.text) as IrSpec[];
  const expected = compileToIr(example).pipelineSpec as unknown as IrSpec;
  if (!spec) throw new Error('no PipelineSpec in the archive');
  expect(Object.keys(spec.root.inputDefinitions?.parameters ?? {}).sort()).toEqual(example.graph.inputs.map((p) => p.name).sort());
  for (const [exampleId, want] of Object.entries(expected.root.dag.tasks)) {
    const got = spec.root.dag.tasks[builtIdOf(exampleId)];
    expect(got, `task for ${exampleId}`).toBeDefined();
    expect(Object.keys(got?.inputs?.parameters ?? {}).sort()).toEqual(Object.keys(want.inputs?.parameters ?? {}).sort());
    expect([...(got?.dependentTasks ?? [])].sort()).toEqual((want.dependentTasks ?? []).map(builtIdOf).sort());
    for (const [input, artifact] of Object.entries(want.inputs?.artifacts ?? {})) {
      const producer = artifact.taskOutputArtifact?.producerTask;
      expect(got?.inputs?.artifacts?.[input]?.taskOutputArtifact).toEqual({ producerTask: producer && builtIdOf(producer), outputArtifactKey: artifact.taskOutputArtifact?.outputArtifactKey });
    }
  }
}

describe.skipIf(!HAS_CHROMIUM)('building the classic example in the browser', () => {
  let app: WebApp;
  let browser: BrowserSession;
  let example: PipelineDocument;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    example = await classicExample();
    app = await startWebApp();
    browser = await launchChromium();
  });

  let current: Page | undefined;
  afterEach(async (ctx) => {
    // A failed step leaves a picture of the page for whoever reads the failure.
    if (ctx.task.result?.state === 'fail' && current && !current.isClosed()) await current.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A fresh page (its script errors collected) on the app, then New with the example's name and parameters. */
  async function openNewPipeline(colorScheme: 'light' | 'dark', viewport?: { width: number; height: number }) {
    const page = await browser.newPage({ colorScheme });
    if (viewport) await page.setViewportSize(viewport);
    page.setDefaultTimeout(15_000);
    current = page;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    await startPipeline(page, example);
    return { page, pageErrors };
  }

  it('by mouse: drags steps and wires, sees a wrong wire refused, fixes every problem, compiles a valid .tar.gz', async () => {
    const { page, pageErrors } = await openNewPipeline('light', { width: 1600, height: 1000 });
    expect(await taskOnCanvas(page, 'Train').count()).toBe(0);

    // Each step dragged from the palette onto the canvas, laid out, then its data inputs wired by dragging from
    // the upstream outputs, as the example has them.
    const tasks = classicTasks(example);
    const nameOf = new Map(tasks.map(({ task, componentName }) => [task.id, componentName]));
    const canvas = region(page, 'Pipeline canvas');
    const palette = region(page, 'Components');
    for (const [i, { task, componentName }] of tasks.entries()) {
      const box = await canvas.boundingBox();
      if (!box) throw new Error('canvas not on screen');
      await palette.getByRole('searchbox', { name: 'Search components' }).fill(componentName);
      await palette.getByRole('option', { name: componentName, exact: true }).dragTo(canvas, { targetPosition: { x: box.width * 0.5, y: box.height * (0.2 + 0.1 * i) } });
      await taskOnCanvas(page, componentName).waitFor();
      await toolbarButton(page, 'Auto layout').click();
      for (const [input, argument] of Object.entries(task.arguments)) {
        if (argument.kind !== 'taskOutput') continue;
        const from = `${nameOf.get(argument.task)} output ${argument.output}`;
        const to = `${componentName} input ${input}`;
        await steadyBox(port(page, to));
        await dragWire(page, port(page, from), port(page, to));
        await page.getByRole('group', { name: `Wire from ${from} to ${to}` }).waitFor();
      }
    }
    await palette.getByRole('searchbox', { name: 'Search components' }).fill('');

    // Compile is refused while inputs are missing: the Problems panel takes focus and says why.
    await toolbarButton(page, 'Compile').click();
    await page.getByRole('status').getByText(/Compile blocked: \d+ errors/).waitFor();
    expect(await focusedLabel(page)).toBe('Problems');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-compile-blocked-light.png') });

    // A Dataset into a String input is refused, with the reason at the pointer.
    const preprocess = nameOf.get('preprocess') as string;
    const train = nameOf.get('train') as string;
    await dragWire(page, port(page, `${preprocess} output train_data`), port(page, `${train} input label_column`));
    const refusal = canvas.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Dataset.*cannot feed.*String/);
    expect(await page.getByRole('group', { name: /Wire from .* to .* input label_column/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-wire-refused-light.png') });

    // Every problem left (parameters and constants), fixed from the Problems panel and the inspector.
    const builtIdOf = (exampleId: string) => example.graph.tasks[exampleId]?.component ?? exampleId;
    const byBuilt = new Map(tasks.map(({ task, componentName }) => [task.component, componentName]));
    const steps = { keyboard: false, example, builtIdOf, labelOfBuilt: (id: string) => byBuilt.get(id) ?? id };
    const fixed = await fixProblems(page, steps);
    expect(await addOrderingEdges(page, steps)).toBe(orderingEdges(example));
    expect(fixed).toBeGreaterThan(5);
    await toolbarButton(page, 'Auto layout').click();
    await page.getByRole('region', { name: 'Pipeline canvas' }).click({ position: { x: 10, y: 10 } });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-example-light.png') });

    const file = await compileAndCatch(page, 'build-compile-dialog-light.png');
    await page.getByRole('status').getByText(/Compiled 5 tasks to classic-pipeline\.tar\.gz/).waitFor();
    checkCompiled(file, example, builtIdOf);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('by keyboard: palette search + Enter, Problems + Enter, source pickers; compiles a valid .tar.gz (dark theme)', async () => {
    const { page, pageErrors } = await openNewPipeline('dark');

    const tasks = classicTasks(example);
    const search = region(page, 'Components').getByRole('searchbox', { name: 'Search components' });
    for (const { task, componentName } of tasks) {
      await search.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(componentName);
      await page.keyboard.press('Tab');
      // Down the filtered list to the entry wanted (a search can match more than one).
      for (let i = 0; i < 10 && (await focusedLabel(page)) !== componentName; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await taskOnCanvas(page, componentName).waitFor();
      // The new step is selected: give it the example's display name from the inspector.
      const displayName = region(page, 'Properties').getByRole('textbox', { name: 'Display name' });
      await displayName.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(task.displayName ?? task.id);
      await page.keyboard.press('Enter');
      await taskOnCanvas(page, task.displayName ?? task.id).waitFor();
    }

    // The source picker offers only compatible outputs: no Dataset for Train's String label_column.
    const builtIdOf = (exampleId: string) => example.graph.tasks[exampleId]?.component ?? exampleId;
    const byBuilt = new Map(tasks.map(({ task }) => [task.component, task.displayName ?? task.id]));
    const steps = { keyboard: true, example, builtIdOf, labelOfBuilt: (id: string) => byBuilt.get(id) ?? id };
    const fixed = await fixProblems(page, steps);
    expect(await addOrderingEdges(page, steps)).toBe(orderingEdges(example));
    expect(fixed).toBeGreaterThan(10);
    await taskOnCanvas(page, 'Train').focus();
    await page.keyboard.press('Enter');
    const picker = region(page, 'Properties').getByRole('combobox', { name: 'Train input label_column source' });
    const offered = await picker.locator('option').allTextContents();
    expect(offered).toContain('Parameter bucket');
    expect(offered.filter((o) => /train_data|test_data|table|model$/.test(o))).toEqual([]);

    await page.keyboard.press('Shift+L');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-example-dark.png') });
    const file = await compileAndCatch(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-compiled-dark.png') });
    checkCompiled(file, example, builtIdOf);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
