// Time from a task's state change in the local runtime to the run canvas showing it, in headless Chromium against
// `npm run web`: a pipeline of short shell steps (chains of 4 side by side) is submitted, the page shows its run, and
// a MutationObserver in the page stamps each node's state change (Date.now()). The runtime stamps the same change as
// the task's startedAt (running) or finishedAt (ended); both clocks are this machine's. Figures only.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PipelineDocument, Task } from '../../shared/model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../../shared/model/document';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { CHROMIUM, HAS_CHROMIUM, launchChromium } from '../e2e/e2e-harness';
import { startWebProcess } from '../runs/web-app-process';
import { formatMs, summarize, type BenchSection, type BenchTable } from './bench-harness';

/** `count` steps that sleep; step i waits on step i-1 unless i is a multiple of 4. The first waits longer. */
export function nappingPipeline(count: number, seconds = 0.3): PipelineDocument {
  const tasks: { [id: string]: Task } = {};
  const layout: PipelineDocument['graph']['layout'] = {};
  for (let i = 0; i < count; i++) {
    const id = `nap-${i}`;
    tasks[id] = {
      id,
      component: 'nap',
      displayName: `Nap ${i}`,
      arguments: { seconds: { kind: 'constant', value: i === 0 ? 2 : seconds } },
      after: i % 4 !== 0 ? [`nap-${i - 1}`] : i > 0 ? ['nap-0'] : [],
      options: { caching: false },
    };
    layout[id] = { x: (i % 4) * 280 + (i > 0 ? 280 : 0), y: Math.floor(i / 4) * 120 };
  }
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: `naps-${count}`,
    graph: { inputs: [], outputs: [], tasks, groups: {}, layout },
    components: {
      nap: {
        name: 'Nap',
        inputs: [{ name: 'seconds', type: { kind: 'parameter', type: 'NUMBER_DOUBLE' } }],
        outputs: [],
        implementation: { kind: 'script', image: 'alpine:3.20', language: 'shell', code: 'sleep "$2"' },
      },
    },
  };
}

// In-page script (a string: this layer is typed for Node, not the DOM).
const OBSERVE = `(() => {
  const seen = []; window.__kfsSeen = seen;
  new MutationObserver((records) => {
    const t = Date.now();
    for (const r of records) {
      const el = r.target;
      if (r.type === 'attributes' && el.classList && el.classList.contains('kfs-run-node')) seen.push({ task: el.getAttribute('data-task'), state: el.getAttribute('data-state'), t });
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
})()`;

interface Seen {
  task: string;
  state: string;
  t: number;
}

async function callHost<T>(base: string, token: string, name: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kfs-token': token }, body: JSON.stringify(body) });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value;
}

/** Latencies (ms) of the state changes the page saw, against the runtime's stamps. */
export function latencies(seen: readonly Seen[], run: RunSnapshot, notBefore: number): number[] {
  const out: number[] = [];
  for (const s of seen) {
    const task = run.tasks.find((t) => t.name === s.task);
    if (!task) continue;
    const stamp = s.state === 'running' ? task.startedAt : s.state === 'pending' ? undefined : task.finishedAt;
    if (!stamp) continue;
    const at = Date.parse(stamp);
    if (at < notBefore) continue;
    out.push(Math.max(0, s.t - at));
  }
  return out;
}

export const runToCanvasBench: BenchSection = {
  id: 'run-to-canvas',
  title: 'run state to canvas',
  async run({ quick }) {
    if (!HAS_CHROMIUM) return [{ title: 'Run state to canvas', columns: ['note'], rows: [[`skipped: no Chromium at ${CHROMIUM}`]] }];
    const count = quick ? 12 : 40;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-bench-runs-'));
    const web = await startWebProcess(dataDir);
    const browser = await launchChromium();
    try {
      const base = new URL(web.url).origin;
      const token = /token=([\w-]+)/.exec(web.url)?.[1] ?? '';
      const page = await browser.newPage();
      await page.goto(web.url);
      await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
      await page.evaluate(OBSERVE);
      const { runId } = await callHost<{ runId: string }>(base, token, 'runSubmit', { document: nappingPipeline(count), enableCaching: false });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByRole('region', { name: 'Runs' }).getByRole('button', { name: /^naps-/ }).first().click();
      await page.getByRole('button', { name: /^Nap 0: / }).waitFor();
      const watchingSince = Date.now();
      await page.getByRole('status', { name: /^Run state: (succeeded|failed)/ }).waitFor({ timeout: 180_000 });
      const seen = (await page.evaluate('window.__kfsSeen')) as Seen[];
      const { run } = await callHost<{ run: RunSnapshot }>(base, token, 'runGet', { runId });
      const samples = latencies(seen, run, watchingSince);
      const table: BenchTable = {
        title: `Run state to canvas (${count} shell steps, server-sent events, headless Chromium)`,
        columns: ['changes seen', 'median', 'p95', 'max'],
        rows: [],
        notes: [`run ${run.state}; a change is the runtime's startedAt/finishedAt stamp to the page's MutationObserver stamp (Date.now(), same clock).`],
      };
      if (samples.length) {
        const t = summarize(samples);
        table.rows.push([String(samples.length), formatMs(t.median), formatMs(t.p95), formatMs(t.max)]);
      } else table.rows.push(['0', '-', '-', '-']);
      return [table];
    } finally {
      await browser.close();
      await web.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
