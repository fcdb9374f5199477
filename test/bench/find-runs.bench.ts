// Finding runs among 5,000 on the KFP emulator: the host's first page (newest first, a search, a status filter) and
// the next page by token; then in headless Chromium against `npm run web`, the time from choosing the cluster target
// to the first page drawn (stamped in the page: the change event to the "50 of 5000 runs" line), and the frames
// while the runs list scrolls down, loading pages as it goes. Figures only.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { RunsService } from '../../electron/host/runs';
import { createProfileStore } from '../../electron/host/clusters/profile-store';
import { aesKeyCipher } from '../../electron/host/secrets/ciphers';
import { createSecretStore } from '../../electron/host/secrets/secret-store';
import { compileToIr } from '../../shared/compile/ir.compile';
import { parseDocument } from '../../shared/model/document.parse';
import type { RunPageQuery } from '../../shared/runtime/runtime';
import { EXAMPLE_FILE } from '../clusters/kfp-pipeline.fixture';
import { CHROMIUM, HAS_CHROMIUM, launchChromium } from '../e2e/e2e-harness';
import { startEmulator } from '../emulator/emulator';
import { startWebProcess } from '../runs/web-app-process';
import { formatMs, summarize, type BenchSection, type BenchTable } from './bench-harness';
import { randomBytes } from 'node:crypto';

const RUNS = 5000;
const PAGE = 50;

// In-page script (a string: this layer is typed for Node, not the DOM). Stamps the target change and the moment the
// list says it shows its first page.
const STAMP_FIRST_PAGE = `(() => {
  window.__kfsFirst = {};
  document.addEventListener('change', (e) => { if (e.target.getAttribute('aria-label') === 'Run target') window.__kfsFirst = { t0: performance.now() }; }, true);
  new MutationObserver(() => {
    const shown = document.querySelector('[aria-label="Runs shown"]');
    if (shown && /^${PAGE} of ${RUNS} runs/.test(shown.textContent || '') && window.__kfsFirst.t0 !== undefined && window.__kfsFirst.t1 === undefined) window.__kfsFirst.t1 = performance.now();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

// Scrolls the side panel down a step per frame for the given frames; answers the gaps between frames and the rows.
const SCROLL = (frames: number) => `new Promise((resolve) => {
  const side = document.querySelector('.kfs-runs-side');
  const gaps = [];
  let last = performance.now();
  let n = 0;
  const step = (t) => {
    gaps.push(t - last);
    last = t;
    side.scrollTop += 120;
    if (++n < ${frames}) requestAnimationFrame(step);
    else resolve({ gaps, rows: document.querySelectorAll('.kfs-runs-table tbody tr').length });
  };
  requestAnimationFrame(step);
})`;

async function seed(url: string, spec: unknown): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < RUNS) {
      const i = next++;
      const answer = await fetch(`${url}/apis/v2beta1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ display_name: `sweep ${i}`, pipeline_spec: spec }) });
      if (answer.status !== 200) throw new Error(`seeding run ${i}: HTTP ${answer.status} ${await answer.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function hostTimings(dataDir: string, repeats: number): Promise<string[][]> {
  const runs = new RunsService({ dataDir, detected: { mode: 'host', reason: 'bench' } });
  runs.connectProfiles(createProfileStore(dataDir, createSecretStore(dataDir, aesKeyCipher(randomBytes(32)))));
  const rows: string[][] = [];
  try {
    const time = async (label: string, query: RunPageQuery) => {
      const samples: number[] = [];
      let shown = 0;
      let total: number | undefined;
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const page = await runs.clusters.page('emu', query);
        samples.push(performance.now() - t0);
        shown = page.runs.length;
        total = page.totalSize;
      }
      const t = summarize(samples.slice(1).length ? samples.slice(1) : samples);
      rows.push([label, `${shown} of ${total ?? '?'}`, formatMs(samples[0] ?? 0), formatMs(t.median), formatMs(t.p95)]);
    };
    await time('first page, newest first', { pageSize: PAGE });
    await time('search "sweep 49"', { pageSize: PAGE, text: 'sweep 49' });
    await time('status succeeded, by name', { pageSize: PAGE, states: ['succeeded'], sortBy: 'displayName' });
    const first = await runs.clusters.page('emu', { pageSize: PAGE });
    await time('second page (token)', { pageSize: PAGE, pageToken: first.nextPageToken ?? '' });
  } finally {
    await runs.close();
  }
  return rows;
}

export const findRunsBench: BenchSection = {
  id: 'find-runs',
  title: 'finding runs among 5,000 (emulator)',
  async run({ quick }) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-bench-find-'));
    const emulator = await startEmulator({ timings: { startDelayMs: 1000, taskDurationMs: 1000, cancelDelayMs: 500 } });
    try {
      const spec = compileToIr(parseDocument(await readFile(EXAMPLE_FILE, 'utf8'))).pipelineSpec;
      const seeding = performance.now();
      await seed(emulator.url, spec);
      emulator.clock.advance(3600_000);
      const seeded = performance.now() - seeding;
      if ((await profileAdd(['emu', '--url', emulator.url, '--auth', 'none', '--no-test'], bufferIo(dataDir), { dataDir })) !== 0) throw new Error('could not add the profile');
      const host: BenchTable = {
        title: `Host: runList over KFP among ${RUNS} runs (page of ${PAGE})`,
        columns: ['query', 'runs', 'first call', 'median', 'p95'],
        rows: await hostTimings(dataDir, quick ? 4 : 12),
        notes: [`${RUNS} runs seeded through POST /apis/v2beta1/runs in ${formatMs(seeded)}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`],
      };
      if (!HAS_CHROMIUM) return [host, { title: 'Runs view', columns: ['note'], rows: [[`skipped: no Chromium at ${CHROMIUM}`]] }];

      const web = await startWebProcess(dataDir);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(web.url);
        await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
        await page.evaluate(STAMP_FIRST_PAGE);
        const target = page.getByRole('combobox', { name: 'Run target' });
        const firstPage: number[] = [];
        for (let i = 0; i < (quick ? 3 : 7); i++) {
          await target.selectOption('emu');
          await page.getByRole('status', { name: 'Runs shown' }).getByText(`${PAGE} of ${RUNS} runs`).waitFor({ timeout: 60_000 });
          await page.waitForFunction('window.__kfsFirst && window.__kfsFirst.t1 !== undefined');
          const stamp = (await page.evaluate('window.__kfsFirst')) as { t0: number; t1: number };
          firstPage.push(stamp.t1 - stamp.t0);
          if (i < (quick ? 2 : 6)) await target.selectOption({ index: 0 });
        }
        const first = summarize(firstPage.slice(1));
        const frames = quick ? 240 : 600;
        const scrolled = (await page.evaluate(SCROLL(frames))) as { gaps: number[]; rows: number };
        const gaps = summarize(scrolled.gaps.slice(1));
        const long = scrolled.gaps.filter((g) => g > 50).length;
        const view: BenchTable = {
          title: `Runs view in headless Chromium, ${RUNS} runs on the emulator`,
          columns: ['measure', 'median', 'p95', 'max', 'note'],
          rows: [
            ['target chosen → first page drawn', formatMs(first.median), formatMs(first.p95), formatMs(first.max), `first time ${formatMs(firstPage[0] ?? 0)}; target ≤ 300 ms`],
            [`frame gap while scrolling (${frames} frames)`, formatMs(gaps.median), formatMs(gaps.p95), formatMs(gaps.max), `${long} frames over 50 ms; ${scrolled.rows} rows loaded by the end`],
          ],
          notes: [`Stamped in the page (performance.now()): the target's change event to the "${PAGE} of ${RUNS} runs" line; scrolling 120 px a frame; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`],
        };
        return [host, view];
      } finally {
        await browser.close();
        await web.stop();
      }
    } finally {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
