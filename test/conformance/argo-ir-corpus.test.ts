// Every pipeline the real KFP SDK compiled (../shared/kfp/ir/valid), imported as a document, either compiles to an Argo
// Workflow that passes Argo's schema and whose references all resolve, or is refused with one of the Argo target's
// codes (KFS62x) — never a crash or a half-written workflow. Lightweight Python components (`--executor_input {{$}}`)
// compile too, and so do resources taken from values at run time (a podSpecPatch) and artifact pipeline inputs (the
// Workflow's argument artifacts). What is refused (11 of 93) is what Argo cannot carry: gathered loop artifacts
// (KFS622), artifact URIs inside a container (KFS621), importers of a URI known only at run time (KFS623).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { describe, expect, it } from 'vitest';
import { compileToArgo } from '../../shared/compile/argo';
import { checkWorkflowReferences } from '../../shared/compile/argo/argo.test-check';
import { isKfsError } from '../../shared/errors/codes';
import { importIr } from '../../shared/import/ir.import';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

describe.skipIf(!hasKfp)('real KFP pipelines compiled to Argo', () => {
  const files = listKfpFiles('ir/valid').filter((f) => f.endsWith('.yaml'));

  for (const file of files) {
    const name = path.basename(file);
    it(`${name}: compiles to a valid Workflow or is refused with a KFS62x code`, () => {
      const doc = importIr(readFileSync(file, 'utf8'), { file: name });
      let workflow: object;
      try {
        workflow = compileToArgo(doc);
      } catch (error) {
        if (!isKfsError(error)) throw error;
        expect(error.code).toMatch(/^KFS62\d$/);
        expect(error.message.length).toBeGreaterThan(20);
        return;
      }
      let schema: string | undefined;
      try {
        new Workflow(workflow as ConstructorParameters<typeof Workflow>[0]).validate();
      } catch (error) {
        schema = String(error);
      }
      expect(schema).toBeUndefined();
      expect(checkWorkflowReferences(workflow as { [key: string]: unknown })).toEqual([]);
    });
  }

  it('compiles most of them, Python function components included', () => {
    const compiled = files.filter((file) => {
      try {
        compileToArgo(importIr(readFileSync(file, 'utf8'), { file: path.basename(file) }));
        return true;
      } catch {
        return false;
      }
    });
    expect(compiled.length).toBeGreaterThanOrEqual(82);
    const names = compiled.map((f) => path.basename(f));
    expect(names).toContain('essential_lightweight_python_functions_with_outputs.yaml');
    expect(names).toContain('pipeline_with_string_machine_fields_task_output.yaml');
    expect(names).toContain('input_artifact.yaml');
  });
});
