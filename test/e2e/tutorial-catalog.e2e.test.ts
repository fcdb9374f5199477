// The bundled catalog follows the Google Cloud tutorial, end to end in Chromium with the real mouse: the trained Model
// from the training step wires into the Vertex AI deploy step, and the deploy step's inputs keep their descriptions.
import { describe, expect, it } from 'vitest';
import { dragWire, dropFromPalette, newEmptyPipeline, port, region, taskOnCanvas } from './build-example.steps';
import { HAS_CHROMIUM, webAppForSuite } from './e2e-harness';

describe.skipIf(!HAS_CHROMIUM)('the bundled catalog builds the tutorial (web mode)', () => {
  const suite = webAppForSuite();

  it("wires the training step's Model into the Vertex AI deploy step", async () => {
    const page = await suite.browser.newPage();
    const canvas = await newEmptyPipeline(page, suite.app.url);
    await dropFromPalette(page, 'train', 'Train scikit-learn classifier', { x: canvas.x + canvas.width * 0.25, y: canvas.y + canvas.height * 0.25 });
    await taskOnCanvas(page, 'Train scikit-learn classifier').waitFor();
    // Found by what a person would type: the service's name.
    await dropFromPalette(page, 'vertex', 'Deploy model to Vertex AI', { x: canvas.x + canvas.width * 0.7, y: canvas.y + canvas.height * 0.25 });
    await taskOnCanvas(page, 'Deploy model to Vertex AI').waitFor();

    const problems = region(page, 'Problems');
    const missingModel = problems.getByRole('button', { name: /KFS201 task deploy-vertex-ai, port model\b/ });
    await missingModel.waitFor();

    await dragWire(page, port(page, 'Train scikit-learn classifier output model'), port(page, 'Deploy model to Vertex AI input model'));
    await page.getByRole('group', { name: 'Wire from Train scikit-learn classifier output model to Deploy model to Vertex AI input model' }).waitFor({ state: 'attached' });
    await missingModel.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(/Wired train-sklearn\.model to deploy-vertex-ai\.model/).waitFor();

    // The deploy step's ports say what they are for when pointed at, whole (no description cut at a comma).
    const bucketTitle = await port(page, 'Deploy model to Vertex AI input staging_bucket').getAttribute('title');
    expect(bucketTitle).toContain('A Cloud Storage bucket, as gs://NAME, for the model files Vertex AI serves.');
    await page.close();
  });
});
