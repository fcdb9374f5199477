// The Argo target against Argo's own JSON schema (@kubernetes-models/argo-workflows): the bundled examples, the
// synthetic pipelines of 10 and 100 tasks (with a condition, a oneOf, a parallel-for and a collected output) and a
// document using every supported feature each compile to a Workflow the schema accepts, whose `{{...}}` references all
// resolve, with no KFP v2 placeholder left; the KFP v1 package holds the same YAML. The schema is first shown to accept
// the Workflows the real KFP backend generates (../shared/kfp/argo), so that passing it means something.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readPipelineArchive } from '../../shared/archive';
import { compileToArgo, compileToArgoArchive, compileToArgoYaml } from '../../shared/compile/argo';
import { argoEveryFeatureDocument } from '../../shared/compile/argo/argo.test-document';
import { checkWorkflowReferences } from '../../shared/compile/argo/argo.test-check';
import type { PipelineDocument } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function example(name: string): PipelineDocument {
  return parseDocument(readFileSync(path.join(repoRoot, 'resources/examples', name), 'utf8'));
}

function schemaErrors(workflow: unknown): string | undefined {
  try {
    new Workflow(workflow as ConstructorParameters<typeof Workflow>[0]).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const documents: [string, () => PipelineDocument][] = [
  ['classic example', () => example('classic.pipeline.json')],
  ['classic local example', () => example('classic-local.pipeline.json')],
  ['condition and loop example', () => example('condition-loop-local.pipeline.json')],
  ['synthetic, 10 tasks', () => makeSyntheticPipeline(10)],
  ['synthetic, 100 tasks', () => makeSyntheticPipeline(100)],
  ['every Argo feature', argoEveryFeatureDocument],
];

describe('Argo Workflows compiled from documents', () => {
  for (const [label, make] of documents) {
    it(`${label}: passes Argo's schema, resolves every reference, leaves no KFP placeholder`, () => {
      const doc = make();
      const workflow = compileToArgo(doc);
      expect(schemaErrors(workflow)).toBeUndefined();
      expect(checkWorkflowReferences(workflow as { [key: string]: unknown })).toEqual([]);
      const text = compileToArgoYaml(doc);
      expect(text).not.toContain('{{$');
      expect(yaml.load(text)).toEqual(JSON.parse(JSON.stringify(workflow)));
      expect(compileToArgoYaml(make())).toBe(text);
    });
  }

  it('the classic example runs one container per step, artifacts passed by Argo in task order', () => {
    const doc = example('classic.pipeline.json');
    const workflow = compileToArgo(doc) as { spec: { templates: { name: string; container?: { image: string }; dag?: { tasks: { name: string; dependencies?: string[]; arguments?: { artifacts?: { from: string }[] } }[] } }[] } };
    const containers = workflow.spec.templates.filter((t) => t.container);
    expect(containers.map((t) => t.name).sort()).toEqual(Object.keys(doc.graph.tasks).sort());
    const root = workflow.spec.templates[0]?.dag?.tasks ?? [];
    const test = root.find((t) => t.name === 'test');
    expect(test?.dependencies).toEqual(['preprocess', 'train']);
    expect(test?.arguments?.artifacts?.map((a) => a.from)).toEqual(['{{tasks.preprocess.outputs.artifacts.test_data}}', '{{tasks.train.outputs.artifacts.model}}']);
  });

  it('the synthetic pipelines carry their condition and loop into Argo', () => {
    for (const size of [10, 100]) {
      const text = compileToArgoYaml(makeSyntheticPipeline(size));
      expect(text).toContain("when: '{{workflow.parameters.threshold}} > 0.25'");
      expect(text).toContain("when: '!({{workflow.parameters.threshold}} > 0.25)'");
      expect(text).toContain("withParam: '{{inputs.parameters.loop-items}}'");
      expect(text).toContain('parallelism: 2');
    }
  });

  it('packs the Workflow as a KFP v1 .tar.gz holding pipeline.yaml', () => {
    const doc = makeSyntheticPipeline(10);
    const bytes = compileToArgoArchive(doc);
    const read = readPipelineArchive(bytes, 'synthetic.tar.gz');
    expect(read.format).toBe('tar.gz');
    expect(read.entry).toBe('pipeline.yaml');
    expect(read.text).toBe(compileToArgoYaml(doc));
    const loaded = yaml.load(read.text) as { apiVersion: string; kind: string };
    expect(loaded.apiVersion.startsWith('argoproj.io')).toBe(true);
    expect(loaded.kind).toBe('Workflow');
    expect(compileToArgoArchive(makeSyntheticPipeline(10))).toEqual(bytes);
  });
});

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

/**
 * Where the package's schema is stricter than Argo itself: it types `volumeClaimTemplates` as full PVC objects, with
 * `apiVersion` and `kind` required, which Argo's controller does not need. (Our compiler writes both.) The test fails if
 * this file starts to pass, so the list stays honest.
 */
const SCHEMA_STRICTER_THAN_ARGO: { [file: string]: string } = {
  'pipeline_with_importer_workspace.yaml':
    'data/spec/volumeClaimTemplates/0 must have required property apiVersion, data/spec/volumeClaimTemplates/0 must have required property kind',
};

describe.skipIf(!hasKfp)("the schema check accepts the KFP backend's own Argo Workflows", () => {
  it('validates every Workflow in ../shared/kfp/argo, and rejects a broken one', () => {
    const files = listKfpFiles('argo').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const failures = files.map((f) => [path.basename(f), schemaErrors(yaml.load(readFileSync(f, 'utf8')))]).filter(([, e]) => e !== undefined);
    expect(Object.fromEntries(failures)).toEqual(SCHEMA_STRICTER_THAN_ARGO);
    const broken = yaml.load(readFileSync(files[0] as string, 'utf8')) as { spec: { templates: { name: string }[] } };
    (broken.spec.templates[0] as { name: string }).name = 'Not A Valid Name!';
    expect(schemaErrors(broken)).toBeDefined();
  });
});
