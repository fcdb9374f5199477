// Building and pushing the tutorial example's three images (resources/examples/tutorial/*.py) the way Build image
// does (electron/host/images), with each engine the test setup provides, to its local registry. Each round changes
// every script (as a person editing them would), so each build makes its COPY layer again on the cached base and each
// push sends that new layer: the time a person waits after an edit. Without an engine the section says why.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildImage, pushImage, type ImageEngine } from '../../electron/host/images';
import { skipNote, testEngines } from '../containers/engines';
import { TUTORIAL_SCRIPTS_DIR, TUTORIAL_STEPS } from '../resources/tutorial-example.build';
import { formatMs, summarize, type BenchSection, type BenchTable } from './bench-harness';

export const imageBuildBench: BenchSection = {
  id: 'images',
  title: 'Building and pushing step images',
  async run({ quick }) {
    const engines = await testEngines();
    const found = Object.values(engines.available);
    if (!found.length || !engines.registry) return [{ title: 'image build + push of the tutorial images', columns: ['skipped'], rows: [[skipNote(engines)]] }];
    const rounds = quick ? 1 : 3;
    const work = mkdtempSync(path.join(tmpdir(), 'kfs-bench-images-'));
    const rows: string[][] = [];
    try {
      for (const step of TUTORIAL_STEPS) copyFileSync(path.join(TUTORIAL_SCRIPTS_DIR, `${step}.py`), path.join(work, `${step}.py`));
      for (const detected of found) {
        const engine = detected as ImageEngine;
        const build: number[] = [];
        const push: number[] = [];
        const all: number[] = [];
        const loadBefore = loadavg()[0] ?? 0;
        let failed = 0;
        for (let round = 0; round < rounds; round++) {
          const started = performance.now();
          for (const step of TUTORIAL_STEPS) {
            const script = path.join(work, `${step}.py`);
            writeFileSync(script, `${readFileSync(path.join(TUTORIAL_SCRIPTS_DIR, `${step}.py`), 'utf8')}# bench ${engine.mode} ${Date.now()} ${round}\n`);
            const tag = `${engines.registry}/kfs-bench/${step}:${engine.mode}`;
            try {
              const t0 = performance.now();
              await buildImage(engine, { source: { kind: 'script', script, baseImage: engines.pythonImage }, tag });
              const t1 = performance.now();
              await pushImage(engine, tag);
              build.push(t1 - t0);
              push.push(performance.now() - t1);
            } catch {
              failed += 1;
            }
          }
          all.push(performance.now() - started);
        }
        const b = summarize(build.length ? build : [Number.NaN]);
        const p = summarize(push.length ? push : [Number.NaN]);
        const a = summarize(all);
        rows.push([engine.mode, String(build.length), formatMs(b.median), formatMs(b.max), formatMs(p.median), formatMs(p.max), formatMs(a.median), `${loadBefore.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`, failed ? `NO (${failed} failed)` : 'yes']);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const table: BenchTable = {
      title: `image build + push of the tutorial's ${TUTORIAL_STEPS.length} images (script on ${engines.pythonImage}) to ${engines.registry}`,
      columns: ['engine', 'images', 'build median', 'build max', 'push median', 'push max', `all ${TUTORIAL_STEPS.length} images (median of rounds)`, 'load 1 min', 'all succeeded'],
      rows,
      notes: ['each round edits every script first, so each build remakes its COPY layer on the cached base and each push sends it: what a person waits for after an edit.'],
    };
    return [table];
  },
};
