// The editor end to end: `npm run web` in a fresh data folder, Debian's Chromium, located by role and accessible name.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/model/document.parse';
import { dragWire, port, taskOnCanvas } from './build-example.steps';
import { HAS_CHROMIUM, REPO_ROOT, SCREENSHOT_DIR, webAppForSuite } from './e2e-harness';

interface ExampleTask {
  id: string;
  displayName?: string;
}

async function exampleTaskNames(): Promise<string[]> {
  const text = await readFile(path.join(REPO_ROOT, 'resources/examples/classic.pipeline.json'), 'utf8');
  const doc = JSON.parse(text) as { graph: { tasks: Record<string, ExampleTask> } };
  return Object.values(doc.graph.tasks).map((t) => t.displayName ?? t.id);
}

describe.skipIf(!HAS_CHROMIUM)('editor in the browser (web mode)', () => {
  const suite = webAppForSuite();

  it('loads the example, adds and wires a step, refuses a wrong wire, and clicks a problem through to its task', async () => {
    const page = await suite.browser.newPage({ colorScheme: 'light' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A screen on which the whole example fits at a readable scale (the view never opens smaller): this test wires
    // steps at both of its ends.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(suite.app.url.replace('?example=classic-local', '?example=classic'));
    // The token left the address bar once the page took it.
    expect(page.url()).not.toContain('token=');

    for (const name of await exampleTaskNames()) await expect.poll(() => taskOnCanvas(page, name).isVisible()).toBe(true);
    for (const region of ['Components', 'Pipeline canvas', 'Properties', 'Problems', 'Parameters']) {
      expect(await page.getByRole('region', { name: region }).isVisible()).toBe(true);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-example-light.png') });

    // Drag a component from the palette onto an empty part of the canvas.
    const palette = page.getByRole('region', { name: 'Components' });
    await palette.getByRole('searchbox', { name: 'Search components' }).fill('evaluate');
    const canvas = page.getByRole('region', { name: 'Pipeline canvas' });
    await palette.getByRole('option', { name: 'Evaluate classifier' }).dragTo(canvas, { targetPosition: { x: 200, y: 90 } });
    await taskOnCanvas(page, 'Evaluate classifier').waitFor();

    // A right wire: Train's model into the new step's model input.
    await dragWire(page, port(page, 'Train output model'), port(page, 'Evaluate classifier input model'));
    await page.getByRole('group', { name: 'Wire from Train output model to Evaluate classifier input model' }).waitFor();

    // A wrong wire: a Dataset into a String input is refused, with the reason at the pointer.
    await dragWire(page, port(page, 'Preprocess output train_data'), port(page, 'Evaluate classifier input label_column'), async () => {
      const hint = page.getByRole('tooltip');
      await hint.waitFor();
      expect(await hint.textContent()).toMatch(/Dataset.*cannot feed.*String/);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-wire-hint-light.png') });
    });
    const refusal = canvas.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Dataset.*cannot feed.*String/);
    expect(await page.getByRole('group', { name: /Wire from Preprocess output train_data to Evaluate classifier/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-wire-refused-light.png') });

    // The Problems panel lists the inputs still unconnected; clicking one selects its task.
    await taskOnCanvas(page, 'Query').click();
    const properties = page.getByRole('region', { name: 'Properties' });
    await properties.getByRole('heading', { name: 'Query' }).waitFor();
    const problem = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /KFS201 task evaluate-sklearn, port label_column/ });
    await problem.click();
    await properties.getByRole('heading', { name: 'Evaluate classifier' }).waitFor();
    expect(await taskOnCanvas(page, 'Evaluate classifier').getAttribute('class')).toContain('selected');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-problem-selected-light.png') });

    // Save goes through the host to the fresh data folder, atomically, as a document that opens again.
    await page.getByRole('toolbar').getByRole('button', { name: 'Save', exact: true }).click();
    // Never saved: Save asks for the name first.
    await page.getByRole('dialog', { name: 'Save As' }).getByRole('button', { name: 'Save in data folder' }).click();
    await page.getByRole('status').getByText(/Saved to/).waitFor();
    const saved = parseDocument(await readFile(path.join(suite.app.dataDir, 'documents/classic-pipeline.pipeline.json'), 'utf8'));
    expect(saved.graph.tasks['evaluate-sklearn']?.arguments.model).toEqual({ kind: 'taskOutput', task: 'train', output: 'model' });

    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the example in the dark theme when the system asks for it', async () => {
    const page = await suite.browser.newPage({ colorScheme: 'dark' });
    await page.goto(suite.app.url.replace('?example=classic-local', '?example=classic'));
    for (const name of await exampleTaskNames()) await taskOnCanvas(page, name).waitFor();
    await page.getByRole('region', { name: 'Components' }).getByRole('option', { name: 'Preprocess' }).waitFor();
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(246, 247, 249)');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-example-dark.png') });

    // By keyboard: focus a palette entry, Enter adds it at the centre; Ctrl+Z takes it away again.
    await page.getByRole('region', { name: 'Components' }).getByRole('option', { name: 'Preprocess' }).focus();
    await page.keyboard.press('Enter');
    await taskOnCanvas(page, 'Preprocess 2').waitFor();
    await page.getByRole('region', { name: 'Properties' }).getByRole('heading', { name: 'Preprocess 2' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'editor-added-by-keyboard-dark.png') });
    await page.getByRole('region', { name: 'Pipeline canvas' }).click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await taskOnCanvas(page, 'Preprocess 2').waitFor({ state: 'detached' });
    await page.close();
  });

  it('pans the canvas by dragging in the minimap, and zooms it with the wheel there', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.app.url.replace('?example=classic-local', '?example=classic'));
    for (const name of await exampleTaskNames()) await taskOnCanvas(page, name).waitFor();
    const viewport = () => page.evaluate<string>(`document.querySelector('.react-flow__viewport').style.transform`);
    const map = page.getByRole('img', { name: 'Minimap' });
    const box = await map.boundingBox();
    if (!box) throw new Error('no minimap on screen');
    const before = await viewport();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2, { steps: 5 });
    await page.mouse.up();
    const panned = await viewport();
    expect(panned).not.toBe(before);
    expect(/scale\(([\d.]+)\)/.exec(panned)?.[1]).toBe(/scale\(([\d.]+)\)/.exec(before)?.[1]);
    await page.mouse.wheel(0, -200);
    await expect.poll(async () => Number(/scale\(([\d.]+)\)/.exec(await viewport())?.[1])).toBeGreaterThan(Number(/scale\(([\d.]+)\)/.exec(panned)?.[1]));
    await page.close();
  });
});
