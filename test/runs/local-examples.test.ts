// The *-local examples: generated from their component scripts, valid, and they run to success on this machine through
// `kfp-studio run` (the in-process handler), leaving readable metrics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands/run.command';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { parseDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { buildLocalExamples } from '../resources/local-examples.build';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kfs-local-examples-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cliRun(file: string, dataDir: string, params: string[] = []): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const argv = [file, '--data', dataDir, '--engine', 'host', ...params.flatMap((p) => ['--param', p])];
  const code = await runCommand(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
  return { code, stdout, stderr };
}

const examples = buildLocalExamples();

describe('the locally runnable examples', () => {
  it('are what test/resources/build-examples.ts makes (run it to update them)', () => {
    expect(examples.map((e) => path.basename(e.file))).toEqual(['classic-local.pipeline.json', 'condition-loop-local.pipeline.json']);
    for (const { file, text } of examples) expect(readFileSync(file, 'utf8'), path.basename(file)).toBe(text);
  });

  it('validate without errors or warnings', () => {
    for (const { file, text } of examples) {
      const problems = validate(parseDocument(text, { file: path.basename(file) }));
      expect(problems.map((d) => `${d.code} ${d.message}`), path.basename(file)).toEqual([]);
    }
  });

  it('classic-local runs to success with kfp-studio run and its test step leaves metrics and a confusion matrix', async () => {
    const data = freshDir();
    const file = examples[0]?.file ?? '';
    const { code, stdout, stderr } = await cliRun(file, data);
    expect(stderr).toEqual([]);
    expect(stdout.some((line) => /^Run run-\S+ succeeded in .* \(4 succeeded\)\.$/.test(line)), stdout.join('\n')).toBe(true);
    expect(code).toBe(0);
    const runtime = await LocalRuntime.open({ dataDir: data, detected: { mode: 'host', reason: 'test' } });
    try {
      const [run] = await runtime.listRuns();
      expect(run?.state).toBe('succeeded');
      const metrics = JSON.parse(new TextDecoder().decode(await runtime.readArtifact(run?.id ?? '', 'test', 'metrics'))) as { [k: string]: number };
      // A logistic regression on this separable-ish data does clearly better than a coin.
      expect(metrics.accuracy).toBeGreaterThan(0.7);
      expect(metrics.accuracy).toBeLessThanOrEqual(1);
      const classification = JSON.parse(new TextDecoder().decode(await runtime.readArtifact(run?.id ?? '', 'test', 'classification'))) as {
        confusionMatrix: { rows: { row: number[] }[] };
        confidenceMetrics: unknown[];
      };
      const cells = classification.confusionMatrix.rows.flatMap((r) => r.row);
      expect(cells).toHaveLength(4);
      expect(cells.reduce((a, b) => a + b, 0)).toBe(metrics.test_rows);
      expect(classification.confidenceMetrics.length).toBeGreaterThan(2);
      const test = run?.tasks.find((t) => t.id === 'test');
      expect(test?.outputs?.parameters.accuracy).toBe(metrics.accuracy);
      const log = await runtime.readLog(run?.id ?? '', 'train');
      expect(log.text).toMatch(/epoch 300: loss \d\.\d+/);
    } finally {
      await runtime.close();
    }
  }, 60_000);

  it('condition-loop-local takes the branch the score picks and sums every shard', async () => {
    const data = freshDir();
    const file = examples[1]?.file ?? '';
    const accepted = await cliRun(file, data, ['threshold=0.1']);
    expect(accepted.code, accepted.stdout.join('\n')).toBe(0);
    expect(accepted.stdout.some((l) => /\/condition-2\/accept succeeded/.test(l))).toBe(true);
    expect(accepted.stdout.some((l) => /\/condition-3\/reject skipped/.test(l))).toBe(true);
    expect(accepted.stdout.filter((l) => /\] for-loop-4\/\d\/process-shard succeeded/.test(l))).toHaveLength(4);
    const rejected = await cliRun(file, data, ['threshold=2', 'shards=[3]']);
    expect(rejected.code, rejected.stdout.join('\n')).toBe(0);
    expect(rejected.stdout.some((l) => /\/condition-3\/reject succeeded/.test(l))).toBe(true);
    expect(rejected.stdout.some((l) => /\/condition-2\/accept skipped/.test(l))).toBe(true);
    const runtime = await LocalRuntime.open({ dataDir: data, detected: { mode: 'host', reason: 'test' } });
    try {
      const runs = await runtime.listRuns({ sortBy: 'createdAt', descending: false });
      const sums = runs.map((run) => run.tasks.find((t) => t.id === 'summarize')?.outputs?.parameters.sum);
      // 1+4+9+16 + (1+4) + (1+4+9+16+...): shards [1,2,3,4] → 1 + 5 + 14 + 30; shards [3] → 14.
      expect(sums).toEqual([50, 14]);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
