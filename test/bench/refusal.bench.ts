// How long refusing hostile input takes: a 10 MB junk file and a YAML alias bomb ("billion laughs").
// Refusal must be quick and must not first expand the input in memory.
import { isKfsError } from '../../shared/errors/codes';
import { importComponentYaml } from '../../shared/import/component.import';
import { parseDocument } from '../../shared/model/document.parse';
import { formatBytes, formatMs, measure, type BenchSection } from './bench-harness';

const JUNK_BYTES = 10 * 1024 * 1024;

/** Deterministic printable junk with line breaks and YAML/JSON punctuation sprinkled in. */
export function makeJunk(bytes: number, seed = 7): string {
  const alphabet = new TextEncoder().encode('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :-{}[],&*!|>\'"#%@`\t');
  const out = new Uint8Array(bytes);
  let state = seed >>> 0;
  for (let i = 0; i < bytes; i += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = i % 97 === 96 ? 10 : (alphabet[state % alphabet.length] ?? 120);
  }
  return new TextDecoder().decode(out);
}

/** Nine levels of ten aliases each: 10^9 strings once expanded, under 1 KB as text. */
export function makeAliasBomb(levels = 9): string {
  const names = 'abcdefghijklmnop';
  const lines = ['name: bomb', `a: &a [${Array(10).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level += 1) {
    const name = names[level] ?? 'z';
    const previous = names[level - 1] ?? 'y';
    lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  lines.push(`inputs: *${names[levels - 1] ?? 'z'}`);
  return `${lines.join('\n')}\n`;
}

function refusalCode(fn: () => unknown): string {
  try {
    fn();
    return 'accepted (!)';
  } catch (error) {
    return isKfsError(error) ? error.code : `crash: ${(error as Error).name}`;
  }
}

export const refusalBench: BenchSection = {
  id: 'refusal',
  title: 'Refusing hostile input',
  async run({ quick }) {
    const junk = makeJunk(JUNK_BYTES);
    const bomb = makeAliasBomb();
    const cases: { input: string; size: number; fn: () => unknown }[] = [
      { input: 'junk text → importComponentYaml', size: junk.length, fn: () => importComponentYaml(junk, { file: 'junk.yaml' }) },
      { input: 'junk text → parseDocument', size: junk.length, fn: () => parseDocument(junk, { file: 'junk.pipeline.json' }) },
      { input: 'alias bomb → importComponentYaml', size: bomb.length, fn: () => importComponentYaml(bomb, { file: 'bomb.yaml' }) },
    ];
    const rows = cases.map(({ input, size, fn }) => {
      const code = refusalCode(fn);
      const timing = measure(() => refusalCode(fn), { warmup: 0, minRepeats: quick ? 1 : 5, maxRepeats: quick ? 3 : 20, budgetMs: quick ? 100 : 2000 });
      return [input, formatBytes(size), code, formatMs(timing.median), formatMs(timing.p95), String(timing.samples.length)];
    });
    return [{ title: 'time to refuse', columns: ['input', 'size', 'result', 'median', 'p95', 'repeats'], rows }];
  },
};
