// Opening an archive of a pipeline the real KFP SDK compiled shows what the pipeline says, end to end in Chromium:
// each step titled with its task name, its component named only where the IR names a different one, and its ports in
// the order the component's author declared them (read by hand from the Python signatures in the file).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePipelineArchive } from '../../shared/archive';
import { KFP_DIR } from '../kfp-reference';
import { taskOnCanvas, toolbarButton } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';

const IRIS = path.join(KFP_DIR, 'ir/valid/essential_iris_pipeline_compiled.yaml');

// def normalize_dataset(input_iris_dataset: Input[Dataset], normalized_iris_dataset: Output[Dataset], standard_scaler: bool)
// def train_model(normalized_iris_dataset: Input[Dataset], model: Output[Model], metrics: Output[ClassificationMetrics], n_neighbors: int)
const DECLARED: Record<string, { inputs: string[]; outputs: string[] }> = {
  'create-dataset': { inputs: [], outputs: ['iris_dataset'] },
  'normalize-dataset': { inputs: ['input_iris_dataset', 'standard_scaler'], outputs: ['normalized_iris_dataset'] },
  'train-model': { inputs: ['normalized_iris_dataset', 'n_neighbors'], outputs: ['model', 'metrics'] },
};

interface IrTask {
  taskInfo: { name: string };
  componentRef: { name: string };
}

describe.skipIf(!HAS_CHROMIUM || !existsSync(IRIS))('an SDK-compiled archive opens as the IR says (web mode)', () => {
  const suite = webAppForSuite();
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'kfs-import-fidelity-'));
  });
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('shows task names, component names only where they differ, and ports in declared order', async () => {
    const text = await readFile(IRIS, 'utf8');
    const archive = path.join(scratch, 'iris.tar.gz');
    await writeFile(archive, writePipelineArchive(text, 'tar.gz'));
    const tasks = (yaml.loadAll(text)[0] as { root: { dag: { tasks: Record<string, IrTask> } } }).root.dag.tasks;

    const page = await suite.browser.newPage();
    await page.goto(suite.app.url);
    await taskOnCanvas(page, 'Train').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await toolbarButton(page, 'Open').click();
    await (await chooser).setFiles(archive);
    await page.getByRole('status').getByText(/Opened iris\.tar\.gz/).waitFor();

    expect(Object.keys(tasks).sort()).toEqual(Object.keys(DECLARED).sort());
    for (const [id, task] of Object.entries(tasks)) {
      const title = task.taskInfo.name;
      const node = taskOnCanvas(page, title);
      await node.waitFor();
      const component = task.componentRef.name.replace(/^comp-/, '');
      const subtitle = node.locator('.kfs-task-component');
      if (component === title) expect(await subtitle.count(), `${title}: no second name`).toBe(0);
      else expect(await subtitle.textContent()).toBe(component);
      const ports = async (side: 'input' | 'output') =>
        (await node.getByRole('button', { name: new RegExp(`^${title} ${side} `) }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).map((label) => String(label).slice(`${title} ${side} `.length));
      expect(await ports('input'), `${title} inputs`).toEqual(DECLARED[id]?.inputs);
      expect(await ports('output'), `${title} outputs`).toEqual(DECLARED[id]?.outputs);
    }
    await page.close();
  });
});
