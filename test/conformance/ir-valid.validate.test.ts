// The validator accepts everything the KFP SDK compiles: every pipeline in ../shared/kfp/ir/valid, opened as a
// document, validates with zero errors (warnings allowed), so it can be compiled again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../shared/errors/codes';
import { importIr } from '../../shared/import/ir.import';
import { validate } from '../../shared/validate/validate';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

describe.skipIf(!hasKfp)('every SDK-compiled pipeline validates', () => {
  const files = listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f));

  it('with zero errors', () => {
    expect(files.length).toBeGreaterThan(50);
    const flagged = files
      .map((f) => ({ file: path.basename(f), errors: validate(importIr(readFileSync(f, 'utf8'), { file: path.basename(f) })).filter((d) => d.severity === 'error') }))
      .filter((r) => r.errors.length > 0)
      .map((r) => `${r.file}: ${r.errors.slice(0, 3).map(formatDiagnostic).join(' | ')}`);
    console.log(`validator: ${files.length - flagged.length}/${files.length} SDK-compiled pipelines with zero errors`);
    expect(flagged).toEqual([]);
  });
});
