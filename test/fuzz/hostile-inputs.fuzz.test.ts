// Fuzzing every reader of files, archives and cluster answers with mutated real KFP files (see fuzz-targets.ts).
// Every case must end in a coded result or a coded refusal (KfsError), leave Object, Array and Function prototypes
// as they were, and finish under a per-case cap. Seeded, so a finding is reproduced by its seed and case number.
//   KFP_FUZZ_CASES  cases per input kind (default 5000)      KFP_FUZZ_SEED  the seed (default 20261206)
//   KFP_FUZZ_CASE_MS  per-case cap in ms (default 10000)      KFP_FUZZ_FROM  first case number (default 0)
//   e.g. KFP_FUZZ_CASES=100000 npx vitest run test/fuzz; one finding: KFP_FUZZ_FROM=343 KFP_FUZZ_CASES=1
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import { hasKfp, KFP_MISSING_NOTE } from '../kfp-reference';
import { Dice, seededRandom } from './fuzz-mutate';
import { fuzzKinds } from './fuzz-targets';

const CASES = Number(process.env.KFP_FUZZ_CASES ?? 5000);
const SEED = Number(process.env.KFP_FUZZ_SEED ?? 20261206);
const CASE_MS = Number(process.env.KFP_FUZZ_CASE_MS ?? 10_000);
const FROM = Number(process.env.KFP_FUZZ_FROM ?? 0);
/** The overall cap per kind, a hang detector rather than a speed target: generous for a machine under full load. */
const KIND_TIMEOUT_MS = Math.max(150_000, CASES * 30);

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype] as const;

function prototypeShape(): string {
  return PROTOTYPES.map((p) => `${Object.getOwnPropertyNames(p).length}:${String(Object.getPrototypeOf(p))}`).join('|');
}

/** Removes what a polluting case added, so the cases after it are judged on their own. */
function restorePrototypes(baseline: readonly string[][]): string[] {
  const added: string[] = [];
  PROTOTYPES.forEach((proto, i) => {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (!baseline[i]?.includes(key)) {
        added.push(key);
        delete (proto as unknown as Record<string, unknown>)[key];
      }
    }
  });
  return added;
}

interface Finding {
  kase: number;
  what: string;
  problem: string;
}

describe.skipIf(!hasKfp)('fuzzing the readers with mutated KFP files', () => {
  if (!hasKfp) console.warn(KFP_MISSING_NOTE);
  const kinds = hasKfp ? fuzzKinds() : [];
  const baseline = PROTOTYPES.map((p) => Object.getOwnPropertyNames(p));
  const shape = prototypeShape();

  it.each(kinds.map((kind, index) => [kind.name, kind, index] as const))(
    '%s: every case is coded, leaves the prototypes alone and ends in time',
    (_, kind, index) => {
      const findings: Finding[] = [];
      const counts = { accepted: 0, refused: 0 };
      const codes = new Map<string, number>();
      const started = performance.now();
      for (let kase = FROM; kase < FROM + CASES; kase++) {
        const dice = new Dice(seededRandom(SEED + index * 1_000_003 + kase * 7919));
        const { what, run } = kind.make(dice);
        const begun = performance.now();
        try {
          run();
          counts.accepted++;
        } catch (error) {
          if (isKfsError(error)) {
            counts.refused++;
            codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
          } else findings.push({ kase, what, problem: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' / ') : String(error) });
        }
        const ms = performance.now() - begun;
        if (ms > CASE_MS) findings.push({ kase, what, problem: `took ${Math.round(ms)} ms (cap ${CASE_MS} ms)` });
        if (prototypeShape() !== shape) findings.push({ kase, what, problem: `changed a prototype: ${restorePrototypes(baseline).join(', ') || 'its prototype link'}` });
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const top = [...codes].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([code, n]) => `${code}×${n}`).join(' ');
      console.log(`fuzz ${kind.name}: ${CASES} cases from ${kind.seeds} seeds (seed ${SEED}) in ${seconds} s: ${counts.accepted} accepted, ${counts.refused} refused (${top}), ${findings.length} findings`);
      expect(findings.slice(0, 8).map((f) => `case ${f.kase} [${f.what}]: ${f.problem}`)).toEqual([]);
    },
    KIND_TIMEOUT_MS,
  );
});
