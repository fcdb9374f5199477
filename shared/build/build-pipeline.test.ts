// The one build path: every target from the same document, one refusal for a document with errors, and the
// caller's diagnostics used in place of validating again.
import { describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../archive';
import { encodeUtf8 } from '../archive/utf8';
import { compileToArgo } from '../compile/argo';
import { compileToIr } from '../compile/ir.compile';
import { irToYaml } from '../compile/ir.yaml';
import { readPipelineFile } from '../import/pipeline-file.open';
import { serializeDocument } from '../model/document.parse';
import { twoStepDocument } from '../model/test-documents';
import { buildPipeline } from './build-pipeline';

const encode = encodeUtf8;

describe('buildPipeline', () => {
  it('builds the IR, the Workflow and every file form of one document', () => {
    const doc = twoStepDocument();
    const ir = buildPipeline(doc, 'ir');
    if (!ir.ok) throw new Error('the document should build');
    expect(ir.output).toEqual(compileToIr(doc));
    expect(ir.ir()).toBe(ir.output);
    const argo = buildPipeline(doc, 'argo');
    expect(argo.ok && argo.output).toEqual(compileToArgo(doc));
    for (const format of ['tar.gz', 'zip', 'yaml'] as const) {
      const file = buildPipeline(doc, format);
      if (!file.ok) throw new Error('the document should build');
      expect(readPipelineArchive(file.output, `p.${format}`).text).toBe(irToYaml(compileToIr(doc)));
    }
    const workflow = buildPipeline(doc, 'argo.yaml');
    if (!workflow.ok) throw new Error('the document should build');
    expect(readPipelineFile(workflow.output, 'p.argo.yaml').kind).toBe('workflow');
  });

  it('refuses a document with errors, with them, for every target', () => {
    const doc = twoStepDocument();
    delete doc.graph.tasks.use?.arguments.data;
    for (const target of ['ir', 'argo', 'tar.gz', 'argo.yaml'] as const) {
      const outcome = buildPipeline(doc, target);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.errors.map((e) => [e.code, e.location.task])).toContainEqual(['KFS201', 'use']);
    }
  });

  it('takes the diagnostics the caller holds instead of validating again', () => {
    const said = { code: 'KFS201', severity: 'error', message: 'held by the caller', location: { task: 'use' } } as const;
    const outcome = buildPipeline(twoStepDocument(), 'tar.gz', { diagnostics: [said] });
    expect(outcome).toEqual({ ok: false, errors: [said] });
  });
});

describe('readPipelineFile', () => {
  it('tells a document, a compiled pipeline and an Argo Workflow apart, whatever the file is called', () => {
    const doc = twoStepDocument();
    expect(readPipelineFile(encode(serializeDocument(doc)), 'copy.json')).toMatchObject({ kind: 'document', document: { name: doc.name } });
    expect(readPipelineFile(encode(irToYaml(compileToIr(doc))), 'p.yaml').kind).toBe('compiled');
    expect(readPipelineFile(encode('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n'), 'w.yaml').kind).toBe('workflow');
  });
});
