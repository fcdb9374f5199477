// The block YAML reader against js-yaml on mutated real files: ../shared/kfp's SDK pipelines and components, our
// golden files and a compiled synthetic pipeline, changed a character, a line or an indentation at a time. Every
// case must give the same data as js-yaml (plus the safe copy) or the same refusal; many mutations keep the text
// inside the block subset, so the reader itself is exercised, not only its giving up.
//   KFP_FUZZ_CASES  cases (default 5000)      KFP_FUZZ_SEED  the seed (default 20261206)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { readBlockYaml } from '../../shared/yaml/block-yaml.read';
import { loadWithJsYaml, loadYamlDocuments } from '../../shared/yaml/safe-load';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { GOLDEN_DIR } from '../golden/golden-files';
import { listKfpFiles } from '../kfp-reference';
import { Dice, flipChar, renameWord, seededRandom, truncate } from './fuzz-mutate';

const CASES = Number(process.env.KFP_FUZZ_CASES ?? 5000);
const SEED = Number(process.env.KFP_FUZZ_SEED ?? 20261206);

function lineMutation(text: string, dice: Dice): string {
  const lines = text.split('\n');
  const at = dice.int(lines.length);
  const line = lines[at] ?? '';
  switch (dice.int(6)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, line);
      break;
    case 2:
      lines[at] = ` ${line}`;
      break;
    case 3:
      lines[at] = line.replace(/^ {1,2}/, '');
      break;
    case 4:
      lines.splice(at, 0, dice.pick(['', ' ', '#c', '---', '- x', 'k: |', 'k: |+', 'k:', '  ', '...']));
      break;
    default:
      lines[at] = line.replace(/: (\S)/, (_, c: string) => `: ${dice.pick(["'", '|', '"', '&a ', '*', '- ', '[', '{}', '~', '0x', '.', ''])}${c}`);
  }
  return lines.join('\n');
}

/** Texts of the KFP SDK (most of which js-yaml reads: PyYAML folds long strings) and ours (which the block reader reads). */
function sources(): { sdk: string[]; ours: string[] } {
  const read = (files: string[]) => files.filter((file) => /\.ya?ml$/.test(file)).map((file) => readFileSync(file, 'utf8'));
  return {
    sdk: read([...listKfpFiles('ir/valid'), ...listKfpFiles('components')]),
    ours: [...read(['classic', 'condition-loop-local', 'every-feature'].map((name) => path.join(GOLDEN_DIR, `ir/${name}.yaml`))), irToYaml(compileToIr(makeSyntheticPipeline(30, { seed: 3 })))],
  };
}

function outcome(read: () => unknown[]): { data: unknown[] } | { error: string } {
  try {
    return { data: read() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('the block YAML reader against js-yaml on mutated files', () => {
  it(`gives js-yaml's data or refusal in ${CASES} cases`, () => {
    const texts = sources();
    let readItself = 0;
    for (let kase = 0; kase < CASES; kase++) {
      const dice = new Dice(seededRandom(SEED + kase * 7919));
      let text = dice.pick(dice.chance(0.6) || texts.sdk.length === 0 ? texts.ours : texts.sdk);
      const times = 1 + dice.int(3);
      for (let i = 0; i < times; i++) {
        const kind = dice.int(10);
        text = kind < 6 ? lineMutation(text, dice) : kind < 8 ? flipChar(text, dice) : kind < 9 ? renameWord(text, dice) : truncate(text, dice);
      }
      if (readBlockYaml(text, (plain) => loadWithJsYaml(plain)[0]) !== undefined) readItself++;
      const ours = outcome(() => loadYamlDocuments(text));
      const theirs = outcome(() => loadWithJsYaml(text));
      // Node's comparison, not toStrictEqual: that one compares `.constructor`, which mutated data holds as a key.
      if (!isDeepStrictEqual(ours, theirs)) expect.fail(`case ${kase}: the block reader and js-yaml disagree on\n${text.slice(0, 2000)}`);
    }
    expect(readItself).toBeGreaterThan(CASES / 10);
  }, 300_000);
});
