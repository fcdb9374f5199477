// Components as published: an empty image imports with a warning and blocks only compiling; keys the editor does
// not use are named in a warning; outputs at fixed paths (v1 `fileOutputs`) compile to KFP v2 IR and Argo by wrapping
// the command, keep the command's exit code, come back from the IR as file outputs, and run on this machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { compileToArgo } from '../../shared/compile/argo';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { importComponentYaml } from '../../shared/import/component.import';
import { importIr } from '../../shared/import/ir.import';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { loadIrChecker } from '../ir-check/ir-check';
import { hasKfp, KFP_DIR } from '../kfp-reference';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from '../runtime/runtime-helpers';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfs-file-outputs-'));
afterAll(() => {
  removeDataDirs();
  rmSync(tmp, { recursive: true, force: true });
});

const UNFINISHED = `name: Train
inputs:
- {name: rows, type: Integer}
outputs:
- {name: model, type: Model}
- {name: accuracy, type: Float}
sha256: abc
implementation:
  container:
    image: ''
    command: [sh, -c, 'mkdir -p "$0" && echo model > "$0/model.bin" && echo 0.9 > "$1"', /tmp/kfs-fo-out, /tmp/kfs-fo-acc.txt]
    fileOutputs:
      model: /tmp/kfs-fo-out
      accuracy: /tmp/kfs-fo-acc.txt
    volumeMounts: [{name: data, mountPath: /data}]
`;

function pipelineOf(text: string, image?: string): PipelineDocument {
  const { id, component } = importComponentYaml(text, { file: 'train.yaml' });
  const doc = emptyDocument('file-outputs');
  doc.components[id] = image !== undefined && component.implementation.kind === 'container' ? { ...component, implementation: { ...component.implementation, image } } : component;
  doc.graph.tasks.train = { id: 'train', component: id, arguments: { rows: { kind: 'constant', value: 3 } }, after: [], options: {} };
  return doc;
}

describe('a published component with an empty image and keys the editor does not use', () => {
  it('imports with warnings that name the image and each unused key, and only compiling is refused', () => {
    const doc = pipelineOf(UNFINISHED);
    const problems = validate(doc);
    expect(problems.filter((d) => d.severity === 'error')).toEqual([]);
    expect(problems.filter((d) => d.code === 'KFS420')).toHaveLength(1);
    expect(problems.filter((d) => d.code === 'KFS421').map((d) => d.message)).toEqual([
      expect.stringContaining("'implementation.container.volumeMounts'"),
      expect.stringContaining("'sha256'"),
    ]);
    expect(() => compileToIr(doc)).toThrow(expect.objectContaining({ code: 'KFS420' }));
    expect(() => compileToIr(pipelineOf(UNFINISHED, 'alpine:3.20'))).not.toThrow();
  });

  it('kfp-studio component check prints the warnings under the ok line', async () => {
    const file = path.join(tmp, 'train.component.yaml');
    writeFileSync(file, UNFINISHED);
    const io = bufferIo(tmp);
    expect(await runCli(['component', 'check', file], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^ok Train \(1 input, 2 outputs\)/);
    expect(io.stdout.slice(1).map((l) => l.split(':')[0])).toEqual(['warning KFS420', 'warning KFS421', 'warning KFS421']);
  });
});

describe('outputs at fixed paths', () => {
  const doc = pipelineOf(UNFINISHED, 'alpine:3.20');

  it('compile to KFP v2 IR as a wrapped command the strict checker accepts, and open back as file outputs', () => {
    const text = irToYaml(compileToIr(doc));
    const ir = yaml.loadAll(text)[0] as { deploymentSpec: { executors: { [k: string]: { container: { command: string[] } } } } };
    const command = ir.deploymentSpec.executors['exec-train']!.container.command;
    expect(command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(command).toContain("{{$.outputs.artifacts['model'].path}}");
    expect(command).toContain("{{$.outputs.parameters['accuracy'].output_file}}");
    if (hasKfp) expect(loadIrChecker().checkYaml(text)).toEqual([]);
    const reopened = importIr(text);
    const impl = Object.values(reopened.components)[0]!.implementation;
    expect(impl.kind === 'container' && impl.fileOutputs).toEqual({ model: '/tmp/kfs-fo-out', accuracy: '/tmp/kfs-fo-acc.txt' });
    expect(irToYaml(compileToIr(reopened))).toBe(text);
  });

  it('compile to an Argo Workflow that passes its schema', () => {
    const workflow = compileToArgo(doc);
    expect(() => new Workflow(workflow as ConstructorParameters<typeof Workflow>[0]).validate()).not.toThrow();
    expect(JSON.stringify(workflow)).toContain('/tmp/outputs/');
  });

  it('run on this machine: the files become the outputs; a failing command keeps its exit code', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: irToYaml(compileToIr(doc)) }));
    expect(run.state).toBe('succeeded');
    const failing = pipelineOf(UNFINISHED.replace("'mkdir -p", "'exit 7; mkdir -p"), 'alpine:3.20');
    const failed = await runtime.waitForRun(await runtime.submit({ pipeline: irToYaml(compileToIr(failing)) }));
    expect(failed.state).toBe('failed');
    expect(taskOf(failed, 'train').error?.message ?? '').toMatch(/7/);
  });

  it.skipIf(!hasKfp)('a real v1 component with fileOutputs imports them (contrib/presto/query)', () => {
    const text = readFileSync(path.join(KFP_DIR, 'components/contrib__presto__query.component.yaml'), 'utf8');
    const impl = importComponentYaml(text).component.implementation;
    expect(impl.kind === 'container' && impl.fileOutputs).toEqual({ output: '/output.txt' });
  });
});
