// Pipelines in the exact form the KFP SDK (and kfp-kubernetes) compiles each feature to, written from the SDK's
// compiler source (each fixture names where its form comes from): each opens with no errors, recompiles to the same
// IR, and the recompiled IR passes the strict protobuf-JSON checker. Edits and local runs are in sdk-forms.edit.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { formatDiagnostic } from '../../shared/errors/codes';
import { importIr } from '../../shared/import/ir.import';
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { validate } from '../../shared/validate/validate';
import { loadIrChecker } from '../ir-check/ir-check';
import { hasKfp, KFP_MISSING_NOTE } from '../kfp-reference';
import { differences, normalise } from './ir-compare';

export const SDK_FORMS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sdk-forms');
const files = readdirSync(SDK_FORMS).filter((f) => f.endsWith('.yaml')).sort();

describe('SDK-form fixtures', () => {
  it('are there', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(path.join(SDK_FORMS, file), 'utf8');
      it('says where its form comes from', () => {
        expect(text).toMatch(/^# SDK form: [^\n]+\n(#[^\n]*\n)*# Where the form comes from/);
      });

      it('opens with no errors and recompiles to the same IR, through a save and a reopen', () => {
        const document = parseDocument(serializeDocument(importIr(text, { file })));
        expect(validate(document).filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
        expect(differences(normalise(text), normalise(irToYaml(compileToIr(document))))).toEqual([]);
      });

      it.skipIf(!hasKfp)('is accepted by the strict checker, as written and as recompiled', () => {
        if (!hasKfp) console.warn(KFP_MISSING_NOTE);
        const checker = loadIrChecker();
        expect(checker.checkYaml(text)).toEqual([]);
        expect(checker.checkYaml(irToYaml(compileToIr(importIr(text, { file }))))).toEqual([]);
      });
    });
  }
});
