// importComponentYaml on every real component.yaml of the KFP reference corpus (texts read beforehand, so only
// parsing and conversion are timed), and on the bundled components.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isKfsError } from '../../shared/errors/codes';
import { importComponentYaml } from '../../shared/import/component.import';
import { hasKfp, listKfpFiles, KFP_MISSING_NOTE } from '../kfp-reference';
import { formatBytes, formatMs, measure, summarize, type BenchSection, type BenchTable } from './bench-harness';

const BUNDLED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/components');

interface Corpus {
  name: string;
  files: { name: string; text: string }[];
}

function tryImport(text: string, file: string): boolean {
  try {
    importComponentYaml(text, { file });
    return true;
  } catch (error) {
    if (isKfsError(error)) return false;
    throw error;
  }
}

function corpusTable(corpus: Corpus, quick: boolean): BenchTable {
  for (const file of corpus.files) tryImport(file.text, file.name);
  const perFile = corpus.files.map((file) => ({
    name: file.name,
    ok: tryImport(file.text, file.name),
    timing: measure(() => tryImport(file.text, file.name), { warmup: 1, minRepeats: quick ? 2 : 5, maxRepeats: quick ? 5 : 50, budgetMs: quick ? 5 : 50 }),
  }));
  const medians = summarize(perFile.map((f) => f.timing.median));
  const slowest = perFile.reduce((a, b) => (b.timing.median > a.timing.median ? b : a));
  const whole = measure(() => corpus.files.every((file) => tryImport(file.text, file.name) || true), {
    warmup: 1,
    minRepeats: quick ? 2 : 5,
    maxRepeats: quick ? 5 : 30,
    budgetMs: quick ? 200 : 2000,
  });
  const bytes = corpus.files.reduce((sum, file) => sum + file.text.length, 0);
  const accepted = perFile.filter((f) => f.ok).length;
  return {
    title: `importComponentYaml: ${corpus.name}`,
    columns: ['figure', 'value'],
    rows: [
      ['files (accepted / refused)', `${corpus.files.length} (${accepted} / ${corpus.files.length - accepted})`],
      ['size', formatBytes(bytes)],
      ['per file: mean of medians', formatMs(medians.mean)],
      ['per file: median', formatMs(medians.median)],
      ['per file: p95', formatMs(medians.p95)],
      ['per file: slowest', formatMs(slowest.timing.median)],
      ['whole corpus: median', formatMs(whole.median)],
      ['whole corpus: p95', formatMs(whole.p95)],
      ['whole corpus: per KiB', formatMs(whole.median / (bytes / 1024))],
    ],
    notes: [`slowest file: ${slowest.name}`],
  };
}

export const componentImportBench: BenchSection = {
  id: 'component-import',
  title: 'Component import',
  async run({ quick }) {
    const bundled: Corpus = {
      name: 'bundled (resources/components)',
      files: readdirSync(BUNDLED_DIR)
        .filter((name) => name.endsWith('.component.yaml'))
        .sort()
        .map((name) => ({ name, text: readFileSync(path.join(BUNDLED_DIR, name), 'utf8') })),
    };
    const tables = [corpusTable(bundled, quick)];
    if (!hasKfp) {
      tables.push({ title: 'importComponentYaml: KFP corpus', columns: ['figure', 'value'], rows: [], notes: [KFP_MISSING_NOTE] });
      return tables;
    }
    const reference: Corpus = {
      name: 'KFP corpus (../shared/kfp/components)',
      files: listKfpFiles('components').map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') })),
    };
    tables.push(corpusTable(reference, quick));
    return tables;
  },
};
