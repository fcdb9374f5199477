// Steps of building the classic example pipeline in the browser, as a person would: the expected pipeline is read
// from resources/examples/classic.pipeline.json (what to build), never from the code under test.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Argument, PipelineDocument, Task } from '../../shared/model/document';
import { REPO_ROOT } from './e2e-harness';

export async function classicExample(): Promise<PipelineDocument> {
  return JSON.parse(await readFile(path.join(REPO_ROOT, 'resources/examples/classic.pipeline.json'), 'utf8')) as PipelineDocument;
}

export const region = (page: Page, name: string) => page.getByRole('region', { name });
export const taskOnCanvas = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
export const port = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
export const toolbarButton = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name, exact: true });

/** The classic example's tasks, each with the catalog component it uses and the palette entry's name. */
export function classicTasks(example: PipelineDocument): { task: Task; ref: string; componentName: string }[] {
  return Object.values(example.graph.tasks).map((task) => {
    const component = example.components[task.component];
    if (!component) throw new Error(`classic example: no component ${task.component}`);
    return { task, ref: task.component, componentName: component.name };
  });
}

/** The accessible name (aria-label) of the focused element, or null. */
export const focusedLabel = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null");

/** Waits until the element stops moving (a layout or a fit-to-view has settled) and returns its box. */
export async function steadyBox(target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await target.boundingBox();
  for (let i = 0; i < 50; i++) {
    await target.page().waitForTimeout(50);
    const now = await target.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width) return now;
    last = now;
  }
  throw new Error('the element kept moving');
}

/** Drags from one port handle to another with real pointer moves. */
export async function dragWire(page: Page, from: Locator, to: Locator, beforeRelease?: () => Promise<void>): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('port handle not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await beforeRelease?.();
  await page.mouse.up();
}

/** Opens the app at `url`, starts a new empty pipeline and gives the canvas's box on the page. */
export async function newEmptyPipeline(page: Page, url: string): Promise<{ x: number; y: number; width: number; height: number }> {
  await page.goto(url);
  await toolbarButton(page, 'New').click();
  await page.getByRole('status').getByText(/New empty pipeline/).waitFor();
  const canvas = await region(page, 'Pipeline canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  return canvas;
}

/** Drags a palette entry onto the canvas with real mouse moves, releasing at `at` (page coordinates). */
export async function dropFromPalette(page: Page, search: string, option: string, at: { x: number; y: number }): Promise<void> {
  const palette = region(page, 'Components');
  await palette.getByRole('searchbox', { name: 'Search components' }).fill(search);
  const source = await palette.getByRole('option', { name: option }).boundingBox();
  if (!source) throw new Error(`palette entry ${option} not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 40, source.y + source.height / 2, { steps: 4 });
  await page.mouse.move(at.x, at.y, { steps: 12 });
  await page.mouse.up();
}

/** New, then the pipeline's name, description and parameters (with their defaults) as the example has them. */
export async function startPipeline(page: Page, example: PipelineDocument): Promise<void> {
  await toolbarButton(page, 'New').click();
  await page.getByRole('status').getByText(/New empty pipeline/).waitFor();
  const properties = region(page, 'Properties');
  await properties.getByRole('textbox', { name: 'Pipeline name' }).fill(example.name);
  await properties.getByRole('textbox', { name: 'Pipeline name' }).press('Enter');
  if (example.displayName) {
    await properties.getByRole('textbox', { name: 'Display name' }).fill(example.displayName);
    await properties.getByRole('textbox', { name: 'Display name' }).press('Enter');
  }
  const parameters = region(page, 'Parameters');
  for (const parameter of example.graph.inputs) {
    const before = await parameters.getByRole('listitem').count();
    await parameters.getByRole('button', { name: 'Add parameter' }).click();
    const added = parameters.getByRole('listitem').nth(before);
    const name = added.getByRole('textbox', { name: /^Name of parameter / });
    await name.fill(parameter.name);
    await name.press('Enter');
    if (parameter.default !== undefined) {
      const value = parameters.getByRole('textbox', { name: `Default of parameter ${parameter.name}` });
      await value.fill(String(parameter.default));
      await value.press('Enter');
    }
    await parameters.getByRole('textbox', { name: `Name of parameter ${parameter.name}` }).waitFor();
  }
}

interface ListedProblem {
  button: Locator;
  code: 'KFS201' | 'KFS305';
  /** KFS201: the task and input named; KFS305: the parameter not used yet. */
  task?: string;
  port?: string;
  parameter?: string;
}

/** The first problem listed that the example says how to fix: a required input not set, a parameter not used yet. */
async function firstProblem(page: Page): Promise<ListedProblem | undefined> {
  const buttons = region(page, 'Problems').getByRole('button', { name: /^(KFS201 task [\w-]+, port \w+|KFS305 parameter \w+)/ });
  if ((await buttons.count()) === 0) return undefined;
  const button = buttons.first();
  const text = (await button.textContent()) ?? '';
  const missing = /KFS201 task ([\w-]+), port (\w+)/.exec(text);
  if (missing?.[1] && missing[2]) return { button, code: 'KFS201', task: missing[1], port: missing[2] };
  const unused = /KFS305 parameter (\w+)/.exec(text);
  if (unused?.[1]) return { button, code: 'KFS305', parameter: unused[1] };
  throw new Error(`unreadable problem: ${text}`);
}

function argumentOption(argument: Argument, labelOfExampleTask: (exampleId: string) => string): string {
  switch (argument.kind) {
    case 'graphInput':
      return `Parameter ${argument.input}`;
    case 'constant':
      return 'Constant value';
    case 'taskOutput':
      return `${labelOfExampleTask(argument.task)} → ${argument.output}`;
    default:
      throw new Error(`the classic example has a ${argument.kind} argument this test does not set`);
  }
}

/** Selects a task on the canvas: focus + Enter for the keyboard; else Fit View (all in sight), then a click on its header. */
export async function selectTask(page: Page, label: string, keyboard: boolean): Promise<void> {
  const node = taskOnCanvas(page, label);
  if (keyboard) {
    await node.focus();
    await page.keyboard.press('Enter');
  } else {
    await region(page, 'Pipeline canvas').getByRole('button', { name: 'Fit View' }).click();
    await steadyBox(node);
    await node.click({ position: { x: 40, y: 14 } });
  }
  await region(page, 'Properties').getByRole('heading', { name: label, exact: true }).waitFor();
}

/** The example's ordering edges (`after`), added from the inspector of each task that has them. */
export async function addOrderingEdges(page: Page, options: FixOptions): Promise<number> {
  let added = 0;
  for (const task of Object.values(options.example.graph.tasks)) {
    if (!task.after.length) continue;
    const label = options.labelOfBuilt(options.builtIdOf(task.id));
    await selectTask(page, label, options.keyboard);
    for (const up of task.after) {
      const upLabel = options.labelOfBuilt(options.builtIdOf(up));
      await region(page, 'Properties').getByRole('combobox', { name: 'Add ordering edge' }).selectOption({ label: upLabel });
      await region(page, 'Properties').getByRole('button', { name: `Remove ordering edge from ${upLabel}` }).waitFor();
      added++;
    }
  }
  return added;
}

export interface FixOptions {
  /** Keyboard only (focus + Enter), or the mouse (clicks). */
  keyboard: boolean;
  example: PipelineDocument;
  /** The id the built pipeline gave the example's task. */
  builtIdOf: (exampleId: string) => string;
  /** The name the built task shows on the canvas. */
  labelOfBuilt: (builtId: string) => string;
}

/**
 * Works through the Problems panel until it lists no problem. A KFS201 (required input not set) is opened from the
 * panel, which selects its task; a KFS305 (parameter not used yet) is fixed on the task the example feeds it to,
 * selected on the canvas. Then the inspector's source picker for that input is set as in the example.
 */
export async function fixProblems(page: Page, options: FixOptions): Promise<number> {
  const { example, builtIdOf, labelOfBuilt } = options;
  const exampleTaskOf = (builtId: string): Task => {
    const found = Object.values(example.graph.tasks).find((t) => builtIdOf(t.id) === builtId);
    if (!found) throw new Error(`no example task for ${builtId}`);
    return found;
  };
  const press = async (target: Locator) => {
    if (options.keyboard) {
      await target.focus();
      await page.keyboard.press('Enter');
    } else await target.click();
  };
  let fixed = 0;
  for (let guard = 0; guard < 80; guard++) {
    const problem = await firstProblem(page);
    if (!problem) break;
    let builtId: string;
    let input: string;
    if (problem.code === 'KFS201') {
      builtId = problem.task as string;
      input = problem.port as string;
      await press(problem.button);
    } else {
      const use = Object.values(example.graph.tasks)
        .flatMap((t) => Object.entries(t.arguments).map(([name, a]) => ({ task: t, name, a })))
        .find(({ a }) => a.kind === 'graphInput' && a.input === problem.parameter);
      if (!use) throw new Error(`the example does not use parameter ${problem.parameter}`);
      builtId = builtIdOf(use.task.id);
      input = use.name;
      await selectTask(page, labelOfBuilt(builtId), options.keyboard);
    }
    const label = labelOfBuilt(builtId);
    const properties = region(page, 'Properties');
    await properties.getByRole('heading', { name: label, exact: true }).waitFor();
    const argument = exampleTaskOf(builtId).arguments[input];
    if (!argument) throw new Error(`the example sets no ${input} on the task used for ${builtId}`);
    const picker = properties.getByRole('combobox', { name: `${label} input ${input} source` });
    await picker.selectOption({ label: argumentOption(argument, (id) => labelOfBuilt(builtIdOf(id))) });
    if (argument.kind === 'constant') {
      const value = properties.getByRole('textbox', { name: `${label} input ${input} value` });
      // A one-line field: the example's multi-line SQL is typed on one line.
      await value.fill(String(argument.value).replace(/\s*\n\s*/g, ' '));
      await value.press('Enter');
    }
    const gone = problem.code === 'KFS201' ? `KFS201 task ${builtId}, port ${input}\\b` : `KFS305 parameter ${problem.parameter}\\b`;
    await region(page, 'Problems').getByRole('button', { name: new RegExp(gone) }).waitFor({ state: 'detached' });
    fixed++;
  }
  await region(page, 'Problems').getByText('No problems: the pipeline is valid.').waitFor();
  return fixed;
}
