// Rendering in headless Chromium against the built renderer (`npm run web`, as the e2e tests run it): time from
// choosing a synthetic pipeline in Open to the first frame that draws it, for 100 and 1,000 tasks; then, for each,
// frame times (median, p95, longest) while panning and while dragging a step: as opened (fitted, never below a
// readable scale), zoomed out just above the far view's threshold (full nodes, the most of them), and fully zoomed
// out (the far view). Frame times are requestAnimationFrame intervals collected in the page. Figures only.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serializeDocument } from '../../shared/model/document.parse';
import { HAS_CHROMIUM, CHROMIUM, launchChromium, startWebApp } from '../e2e/e2e-harness';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { formatMs, summarize, type BenchSection, type BenchTable } from './bench-harness';

const SIZES = [100, 1000] as const;

// In-page scripts are strings: this layer is typed for Node, not the DOM.
// Each run gets its own token, so a loop left from an earlier run stops instead of doubling the samples.
const START_FRAMES = `(() => {
  const w = window; const run = {}; w.__kfsFrameRun = run; w.__kfsFrames = [];
  const tick = (t) => { if (w.__kfsFrameRun !== run) return; w.__kfsFrames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => { window.__kfsFrameRun = undefined; const f = window.__kfsFrames; return f.slice(1).map((t, i) => t - f[i]); })()`;

/**
 * Arms the page: when the Open input changes, note the first frame that shows the new pipeline's nodes, then the
 * frame after which the page runs smoothly (five frames in a row under 50 ms): drawn, measured and fitted.
 */
const ARM_FIRST_RENDER = `(() => {
  const w = window; w.__kfsFirstRender = undefined;
  document.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'file') return;
    const t0 = performance.now();
    let first, last, runStart, smooth = 0;
    const check = (t) => {
      if (first === undefined) {
        const opened = /Opened /.test(document.querySelector('.kfs-status')?.textContent ?? '');
        const nodes = document.querySelectorAll('.react-flow__node').length;
        if (opened && nodes > 0) { first = { ms: t - t0, nodes }; last = t; runStart = t; }
      } else {
        if (t - last < 50) { if (smooth === 0) runStart = last; smooth++; } else smooth = 0;
        last = t;
        if (smooth === 5) { w.__kfsFirstRender = { ...first, settledMs: runStart - t0 }; return; }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { capture: true, once: true });
})()`;

const VIEWPORT_SCALE = `(() => { const m = /scale\\(([\\d.e-]+)\\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? ''); return m ? Number(m[1]) : 1; })()`;

async function openFile(page: Page, file: string): Promise<{ ms: number; nodes: number; settledMs: number }> {
  await page.evaluate(ARM_FIRST_RENDER);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Open', exact: true }).click();
  const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  if (await discard.isVisible().catch(() => false)) await discard.getByRole('button', { name: 'Discard changes' }).click();
  await (await chooser).setFiles(file);
  // Polled from outside: the page's CSP forbids the string-compiled predicates waitForFunction would use.
  for (const started = Date.now(); Date.now() - started < 180_000; await page.waitForTimeout(100)) {
    const result = (await page.evaluate('window.__kfsFirstRender')) as { ms: number; nodes: number; settledMs: number } | undefined;
    if (result) return result;
  }
  throw new Error('the opened pipeline was not drawn within 180 s');
}

async function framesDuring(page: Page, action: () => Promise<void>): Promise<{ frames: number[]; wallMs: number }> {
  await page.evaluate(START_FRAMES);
  const started = performance.now();
  await action();
  const wallMs = performance.now() - started;
  return { frames: (await page.evaluate(STOP_FRAMES)) as number[], wallMs };
}

function frameRow(label: string, run: { frames: number[]; wallMs: number }, moves: number): string[] {
  const { frames, wallMs } = run;
  if (!frames.length) return [label, '0', '-', '-', '-', '-', formatMs(wallMs / moves)];
  const t = summarize(frames);
  const slow = frames.filter((f) => f > 50).length;
  return [label, String(frames.length), formatMs(t.median), formatMs(t.p95), formatMs(t.max), String(slow), formatMs(wallMs / moves)];
}

async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByRole('region', { name: 'Pipeline canvas' }).boundingBox();
  if (!box) throw new Error('canvas not on screen');
  return box;
}

/** Drags the empty canvas (the pane) by a total offset in `steps` pointer moves. */
async function pan(page: Page, steps: number): Promise<void> {
  const box = await canvasBox(page);
  // Near the top-left corner, clear of the minimap and controls; a node there would be dragged instead, so the
  // pan starts from a point no node covers.
  const start = (await page.evaluate(`(() => {
    const c = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let y = c.top + 20; y < c.bottom - 200; y += 15) for (let x = c.left + 20; x < c.right - 250; x += 15) {
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest('.react-flow__pane') && !hit.closest('.react-flow__node, .kfs-far-task')) return { x, y };
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  const from = start ?? { x: box.x + 30, y: box.y + 30 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + (i % 40) * 6, from.y + (i % 25) * 5);
  await page.mouse.up();
}

/** Drags the step nearest the canvas centre (a task node, or its box in the far view) around in `steps` pointer moves. */
async function dragNode(page: Page, steps: number): Promise<string> {
  const target = (await page.evaluate(`(() => {
    const c = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = c.left + c.width / 2, cy = c.top + c.height / 2;
    let best = null;
    for (const n of document.querySelectorAll('.react-flow__node-task')) {
      const r = n.querySelector('.kfs-task-header')?.getBoundingClientRect() ?? n.getBoundingClientRect();
      const d = Math.hypot(r.left + 20 - cx, r.top + r.height / 2 - cy);
      if (r.width > 0 && (!best || d < best.d)) best = { d, x: r.left + 20, y: r.top + r.height / 2, id: n.getAttribute('data-id') };
    }
    for (const n of document.querySelectorAll('.kfs-far-task')) {
      const r = n.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (r.width > 0 && (!best || d < best.d)) best = { d, x: r.left + r.width / 2, y: r.top + r.height / 2, id: n.getAttribute('data-id') };
    }
    return best;
  })()`)) as { x: number; y: number; id: string } | null;
  if (!target) throw new Error('no task node on screen');
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(target.x + Math.sin(i / 6) * 120, target.y + Math.cos(i / 6) * 80 - 80);
  await page.mouse.up();
  return target.id;
}

/** Zooms out with the mouse wheel over the canvas until the scale is at most `wanted` (or stops going down). */
async function zoomOutTo(page: Page, wanted: number): Promise<number> {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let scale = (await page.evaluate(VIEWPORT_SCALE)) as number;
  for (let i = 0; i < 80 && scale > wanted; i++) {
    await page.mouse.wheel(0, scale * 0.9 > wanted ? 200 : 40);
    await page.waitForTimeout(30);
    const next = (await page.evaluate(VIEWPORT_SCALE)) as number;
    if (next === scale) break;
    scale = next;
  }
  // let the drawing settle before measuring
  await page.waitForTimeout(500);
  return scale;
}

const FAR_DRAWN = `document.querySelector('.kfs-far-view') !== null`;

/** Zooms out in small wheel steps until the far view is drawn, then back in by one: the most full nodes in view. */
async function zoomToFarLimit(page: Page): Promise<void> {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 120 && !((await page.evaluate(FAR_DRAWN)) as boolean); i++) {
    await page.mouse.wheel(0, 30);
    await page.waitForTimeout(30);
  }
  for (let i = 0; i < 10 && ((await page.evaluate(FAR_DRAWN)) as boolean); i++) {
    await page.mouse.wheel(0, -30);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(500);
}

async function interactions(page: Page, tasks: number, steps: number, table: BenchTable): Promise<void> {
  const drawn = async () => `${(await page.evaluate(`document.querySelectorAll('.react-flow__node').length`)) as number} nodes, ${(await page.evaluate(`document.querySelectorAll('.kfs-far-task').length`)) as number} boxes`;
  const measure = async (where: string) => {
    const scale = (await page.evaluate(VIEWPORT_SCALE)) as number;
    const what = `${tasks} tasks, ${where} (zoom ${scale.toFixed(2)}; ${await drawn()})`;
    table.rows.push(frameRow(`pan, ${what}`, await framesDuring(page, () => pan(page, steps)), steps));
    let dragged = '';
    const run = await framesDuring(page, async () => {
      dragged = await dragNode(page, steps);
    });
    table.rows.push(frameRow(`drag ${dragged}, ${what}`, run, steps));
  };
  await measure('as opened');
  await zoomToFarLimit(page);
  await measure('zoomed out to full nodes\' limit');
  await zoomOutTo(page, 0);
  await measure('fully zoomed out');
}

export const renderBench: BenchSection = {
  id: 'render',
  title: 'Rendering in headless Chromium',
  async run({ quick }) {
    if (!HAS_CHROMIUM) {
      return [{ title: 'Rendering in headless Chromium', columns: ['note'], rows: [[`skipped: no Chromium at ${CHROMIUM}`]] }];
    }
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'kfs-bench-render-'));
    const app = await startWebApp();
    const browser = await launchChromium();
    const repeats = quick ? 1 : 3;
    const steps = quick ? 20 : 60;
    try {
      const files = new Map<number, string>();
      for (const n of SIZES) {
        const file = path.join(scratch, `synthetic-${n}.pipeline.json`);
        await writeFile(file, serializeDocument(makeSyntheticPipeline(n, { seed: 1 })));
        files.set(n, file);
      }
      const first: BenchTable = {
        title: 'Open → first frame drawing the pipeline (file read, parse, validate, React Flow render), and → settled',
        columns: ['tasks', 'repeats', 'first frame (median)', 'min', 'max', 'settled (median)', 'max', 'nodes drawn', 'fitted zoom'],
        rows: [],
        notes: [
          'A fresh page per repeat. First frame: the nodes in the view as it was (only visible elements are drawn).',
          'Settled: the first of five frames in a row under 50 ms, after the view is fitted (never below a zoom where port text is 11 px).',
        ],
      };
      const frames: BenchTable = {
        title: `Frame times while panning and dragging a step (${steps} pointer moves each)`,
        columns: ['interaction', 'frames', 'median', 'p95', 'longest', 'frames > 50 ms', 'wall time per move'],
        rows: [],
        notes: [
          'Frame time: the interval between requestAnimationFrame callbacks in the page while the pointer moves (16.7 ms is 60 fps).',
          'Wall time per move: how long the browser took to take each pointer move (Playwright waits for each to be handled).',
          "Zoomed out far enough, steps are boxes in one drawing (the far view); above it, full nodes (only those in view are drawn).",
        ],
      };
      let page: Page | undefined;
      for (const n of SIZES) {
        const samples: number[] = [];
        const settled: number[] = [];
        let nodes = 0;
        for (let r = 0; r < repeats; r++) {
          await page?.close();
          page = await browser.newPage();
          await page.goto(app.url);
          await page.getByRole('group', { name: 'Train', exact: true }).first().waitFor({ timeout: 60_000 });
          const result = await openFile(page, files.get(n) as string);
          samples.push(result.ms);
          settled.push(result.settledMs);
          nodes = result.nodes;
        }
        const t = summarize(samples);
        const u = summarize(settled);
        const fitted = (await (page as Page).evaluate(VIEWPORT_SCALE)) as number;
        first.rows.push([String(n), String(repeats), formatMs(t.median), formatMs(t.min), formatMs(t.max), formatMs(u.median), formatMs(u.max), String(nodes), fitted.toFixed(2)]);
        // The pipeline just opened is in `page`: let it settle, then pan and drag.
        await (page as Page).waitForTimeout(500);
        await interactions(page as Page, n, steps, frames);
      }
      await page?.close();
      return [first, frames];
    } finally {
      await browser.close();
      await app.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  },
};
