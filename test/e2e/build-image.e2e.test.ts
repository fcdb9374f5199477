// Build image end to end with the real engine and the local registry: in Chromium through web mode, a person makes an
// image step, opens Build image, builds it from a script (the Dockerfile the app writes is on screen), watches the
// engine's log stream in (it stays readable once built), and gets the step's image pinned by digest. Then the script changes on disk: Problems and
// the step on the canvas say the image is stale (KFS856), and "Rebuild" builds it again, which clears both.
// Without engines the suite skips with the reason (CI sets KFP_STUDIO_REQUIRE_ENGINES=1, where it must run).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES_REQUIRED, skipNote, testEngines } from '../containers/engines';
import { region, taskOnCanvas } from './build-example.steps';
import { HAS_CHROMIUM, SCREENSHOT_DIR, webAppForSuite } from './e2e-harness';

const engines = await testEngines();
const hasEngine = Boolean(engines.registry && (engines.available.docker || engines.available.podman));
const scripts = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-build-'));
afterAll(() => rm(scripts, { recursive: true, force: true }));

it('has the container engines it tests', () => {
  if (!hasEngine && !ENGINES_REQUIRED) console.warn(skipNote(engines));
  if (ENGINES_REQUIRED) expect(engines.missing, 'the engine setup failed: see its log').toEqual([]);
});

describe.skipIf(!HAS_CHROMIUM || !hasEngine)('Build image with the real engine (Chromium, web mode)', { timeout: 600_000 }, () => {
  const suite = webAppForSuite();

  it('builds a step image from a script, pins it by digest, and marks it stale when the script changes', async () => {
    const script = path.join(scripts, 'train.py');
    await writeFile(script, 'print("training v1")\n');
    const tag = `${engines.registry}/kfs-e2e/train:v1`;
    const page = await suite.browser.newPage();
    try {
      await page.goto(suite.app.url);
      await taskOnCanvas(page, 'Make data').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'New image step' }).click();
      const step = page.getByRole('dialog', { name: 'New step from a container image' });
      await step.getByRole('textbox', { name: 'Step name' }).fill('Trainer');
      await step.getByRole('textbox', { name: 'Command text' }).fill('python3');
      await step.getByRole('button', { name: 'Add text to command' }).click();
      await step.getByRole('button', { name: 'Build image…' }).click();

      const dialog = page.getByRole('dialog', { name: 'Build image' });
      await dialog.getByRole('textbox', { name: 'Script file' }).fill(script);
      await dialog.getByRole('combobox', { name: 'Base image' }).fill(engines.pythonImage);
      await expect.poll(() => dialog.getByLabel('Generated Dockerfile').textContent()).toContain('COPY train.py /app/train.py');
      await dialog.getByRole('textbox', { name: 'Image name' }).fill(tag);
      await dialog.getByRole('button', { name: 'Build image' }).click();
      const pinned = new RegExp(`^${engines.registry!.replace(/\./g, '\\.')}/kfs-e2e/train@sha256:[0-9a-f]{64}$`);
      const progress = dialog.getByRole('status', { name: 'Build progress' });
      await progress.getByText(/^Built: the step now runs /).waitFor({ timeout: 300_000 });
      // The engine's own output, streamed in while it built and pushed, stays readable.
      const log = (await dialog.getByLabel('Build log').textContent()) ?? '';
      expect(log).toContain(`[kfp-studio] building ${tag}`);
      expect(log).toContain('COPY train.py /app/train.py');
      expect(log).toContain(`[kfp-studio] pushing ${tag}`);
      await dialog.getByRole('button', { name: 'Close' }).click();

      const image = step.getByRole('textbox', { name: 'Container image' });
      expect(await image.inputValue()).toMatch(pinned);
      await expect.poll(() => step.getByRole('status', { name: 'Image build state' }).textContent()).toBe(`Built as ${tag} from the current script.`);
      await step.getByRole('button', { name: 'Add step' }).click();
      await taskOnCanvas(page, 'Trainer').waitFor();
      expect(await region(page, 'Problems').getByText(/KFS856/).count()).toBe(0);

      // The script changes after the build: the app notices on its own.
      await writeFile(script, 'print("training v2")\n');
      const problems = region(page, 'Problems');
      await problems.getByText(new RegExp(`The image ${tag.replace(/[.]/g, '\\.')} is older than its build context: the script or its requirements changed`)).waitFor({ timeout: 60_000 });
      const badge = taskOnCanvas(page, 'Trainer').getByRole('button', { name: 'Rebuild the image of Trainer' });
      await badge.waitFor();
      expect(await badge.getAttribute('title')).toContain('KFS856');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-image-stale.png') });

      await problems.getByRole('button', { name: 'Rebuild the image of trainer' }).click();
      const rebuild = page.getByRole('dialog', { name: 'Build image' });
      expect(await rebuild.getByRole('textbox', { name: 'Script file' }).inputValue()).toBe(script);
      await rebuild.getByRole('textbox', { name: 'Image name' }).fill(`${engines.registry}/kfs-e2e/train:v2`);
      await rebuild.getByRole('button', { name: 'Build image' }).click();
      await rebuild.getByRole('status', { name: 'Build progress' }).getByText(/^Built: the step now runs /).waitFor({ timeout: 300_000 });
      await rebuild.getByRole('button', { name: 'Close' }).click();
      await problems.getByText(/KFS856/).waitFor({ state: 'detached', timeout: 60_000 });
      await badge.waitFor({ state: 'detached' });
      await page.getByText(new RegExp(`Rebuilt the image of Trainer: it now runs ${engines.registry!.replace(/\./g, '\\.')}/kfs-e2e/train@sha256:[0-9a-f]{64}`)).waitFor();
    } catch (error) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'build-image-failure.png') });
      throw error;
    } finally {
      await page.close();
    }
  });
});
