// `kfp-studio runs compare ID ID… [--profile NAME] [--data DIR] [--json]`: 2–10 runs side by side — parameters
// (those that differ marked), scalar metrics of their Metrics artifacts, each step's state, and the area under each
// ROC curve and each confusion matrix of their ClassificationMetrics artifacts. Local runs without --profile.
import type { JsonValue } from '../../../shared/model/document';
import type { RunComparison } from '../../../shared/runs/run-compare';
import { openProfileRuntime } from '../../host/clusters/profile-runtime';
import { gatherComparison, type ComparableRuns } from '../../host/runs/run-compare';
import { LocalRunReader } from '../../host/runtime/local/run-reader';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { cliProfileStore, dataDirOf, parseFlags, reportFailure } from './cluster-cli';
import type { ClusterCliDeps } from './cluster-cli';

const FLAGS = { profile: 'value', data: 'value', json: 'bool' } as const;
const USAGE = 'kfp-studio runs compare ID ID... [--profile NAME] [--data DIR] [--json]';
const CELL_WIDTH = 24;

function cell(value: JsonValue | undefined): string {
  if (value === undefined) return '-';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(6))) : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > CELL_WIDTH ? `${text.slice(0, CELL_WIDTH - 3)}...` : text;
}

/** Rows under a header, columns padded to their widest cell; a row that differs between runs starts with `*`. */
function table(header: string[], rows: { cells: string[]; differs: boolean }[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
  const line = (cells: string[], mark: string) => `${mark} ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(header, ' '), ...rows.map((r) => line(r.cells, r.differs ? '*' : ' '))];
}

export function comparisonLines(comparison: RunComparison): string[] {
  const columns = comparison.runs.map((_, i) => `[${i + 1}]`);
  const lines = [`Comparing ${comparison.runs.length} runs (* marks a row that differs):`];
  comparison.runs.forEach((run, i) => lines.push(`  [${i + 1}] ${run.id}  ${run.state}  ${run.displayName}  (pipeline ${run.pipelineName}, created ${run.createdAt})`));
  lines.push('', 'Parameters:');
  if (comparison.parameters.length) lines.push(...table(['parameter', ...columns], comparison.parameters.map((p) => ({ cells: [p.name, ...p.values.map(cell)], differs: p.differs }))));
  else lines.push('  (none)');
  lines.push('', 'Metrics:');
  if (comparison.metrics.length) lines.push(...table(['metric', 'from', ...columns], comparison.metrics.map((m) => ({ cells: [m.name, m.source, ...m.values.map(cell)], differs: m.differs }))));
  else lines.push('  (no Metrics artifacts with scalar values)');
  lines.push('', 'Steps:');
  lines.push(...table(['step', ...columns], comparison.steps.map((s) => ({ cells: [s.id, ...s.states.map((state) => state ?? '-')], differs: s.differs }))));
  if (comparison.roc.length) {
    lines.push('', 'ROC curves (area under the curve):');
    for (const curve of comparison.roc) lines.push(`  [${curve.run + 1}] ${curve.source}: AUC ${curve.auc.toFixed(3)} (${curve.points.length} points)`);
  }
  if (comparison.confusion.length) {
    lines.push('', 'Confusion matrices (rows actual, columns predicted):');
    for (const { run, source, matrix } of comparison.confusion) {
      lines.push(`  [${run + 1}] ${source}:`);
      lines.push(...table(['', ...matrix.labels], matrix.rows.map((row, i) => ({ cells: [matrix.labels[i] ?? '', ...row.map(String)], differs: false }))).map((l) => `    ${l}`));
    }
  }
  return lines;
}

export async function runsCompareCommand(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  let source: (ComparableRuns & { close(): Promise<void> }) | undefined;
  try {
    const flags = parseFlags(argv, FLAGS, 'runs compare');
    if (flags.operands.length < 2) throw new CliError(`runs compare: give 2 to 10 run IDs (got ${flags.operands.length}). Usage: ${USAGE}`);
    const dataDir = dataDirOf(flags, deps, io.cwd);
    const profileName = flags.values.get('profile');
    if (profileName) {
      const { store } = cliProfileStore(dataDir, deps);
      source = await openProfileRuntime(await store.get(profileName), store, deps.tuning);
    } else source = new LocalRunReader(dataDir);
    const comparison = await gatherComparison(source, flags.operands);
    if (flags.bools.has('json')) io.out(JSON.stringify(comparison));
    else comparisonLines(comparison).forEach((line) => io.out(line));
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'runs compare');
  } finally {
    await source?.close();
  }
}

export const runsCompareCliCommand: CliCommand = {
  name: 'runs compare',
  operands: 'ID ID... [--profile NAME] [--data DIR] [--json]',
  summary: 'Compare 2 to 10 runs: parameters (differences marked), metrics, step states, ROC curves, confusion matrices',
  details: [
    '  --profile NAME   runs of this cluster profile (kfp-studio profile list); without it, local runs',
    '  --data DIR       the data folder with the local runs and the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)',
    '  --json           the comparison as one JSON object (runs, parameters, metrics, steps, roc, confusion)',
  ],
  run: (args, io) => runsCompareCommand(args, io),
};
