// Names are data: SDK-compiled pipelines from ../shared/kfp, with task, component, executor and port names that are
// also properties every JavaScript object inherits (`constructor`, `toString`, ...), open, validate and recompile to
// the same IR; names that point at nothing are refused with a code by every reader, never a TypeError; `__proto__`
// (as a key or as a reference) is refused and never reaches Object.prototype. On the old code the first of these
// polluted Object.prototype through dagre's node ids, after which every host call and `spawn` failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { createHostServices } from '../../electron/host/host-services';
import { compileToArgo } from '../../shared/compile/argo/argo.compile';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { refusal } from '../../shared/errors/refusal.test-support';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { parsePipelineIr } from '../../shared/runtime/pipeline-ir.parse';
import { validate } from '../../shared/validate/validate';
import { hasKfp, KFP_DIR, KFP_MISSING_NOTE } from '../kfp-reference';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AFTER = 'ir/valid/essential_pipeline_with_after.yaml';
const PRODUCER_CONSUMER = 'ir/valid/critical_producer_consumer_param_pipeline.yaml';
/** Names the SDK writes (task and component names are lower-case kebab; ports are Python identifiers). */
const TASK_NAMES = ['constructor', 'to-string', 'valueof', 'hasownproperty', 'prototype', 'tolocalestring'];
const PORT_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupSetter__', 'isPrototypeOf'];

function kfpText(file: string): string {
  return readFileSync(path.join(KFP_DIR, file), 'utf8');
}

/** Every whole-word occurrence of a name (not part of a longer kebab or snake name) renamed. */
function renamed(text: string, from: string, to: string): string {
  return text.replace(new RegExp(`(?<![-\\w])${from}(?![-\\w])`, 'g'), to);
}

function specs(text: string): unknown[] {
  return (yaml.loadAll(text) as { sdkVersion?: string }[]).filter(Boolean).map(({ sdkVersion: _, ...rest }) => rest);
}

function prototypesUntouched(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
    expect(Object.keys(proto)).toEqual([]);
  }
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
}

afterEach(prototypesUntouched);

describe.skipIf(!hasKfp)('names that objects inherit, in SDK-compiled pipelines', () => {
  if (!hasKfp) console.warn(KFP_MISSING_NOTE);

  it('refuses dependentTasks naming __proto__ (KFS611) and leaves the app working: host calls and spawn', async () => {
    const text = kfpText(AFTER).replace('dependentTasks:\n        - print-text\n        inputs', 'dependentTasks:\n        - __proto__\n        inputs');
    expect(text).toContain('- __proto__');
    const error = refusal(() => openPipelineFile(new TextEncoder().encode(text), 'after.yaml'));
    expect(error.code).toBe('KFS611');
    expect(error.message).toContain('__proto__');
    expect(error.location).toMatchObject({ file: 'after.yaml', task: 'print-text-2', field: 'dependentTasks' });
    expect(refusal(() => parsePipelineIr(text)).code).toBe('KFS611');
    prototypesUntouched();
    const host = createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: repoRoot });
    expect((await host.catalogList({})).ok).toBe(true);
    expect(spawnSync(process.execPath, ['-e', 'process.stdout.write("alive")'], { encoding: 'utf8' }).stdout).toBe('alive');
  });

  it('refuses a task or port named __proto__ with KFS520 in the importer and the runtime reader', () => {
    const task = renamed(kfpText(PRODUCER_CONSUMER), 'producer', '__proto__');
    const port = renamed(kfpText(PRODUCER_CONSUMER), 'output_value', '__proto__');
    for (const text of [task, port]) {
      const error = refusal(() => openPipelineFile(new TextEncoder().encode(text), 'p.yaml'));
      expect(error.code).toBe('KFS520');
      expect(error.location.field).toMatch(/__proto__/);
      expect(refusal(() => parsePipelineIr(text)).code).toBe('KFS520');
    }
  });

  it.each(TASK_NAMES)('opens, validates and recompiles to the same IR a task and component named %s', (name) => {
    const text = renamed(renamed(kfpText(PRODUCER_CONSUMER), 'producer', name), 'comp-producer', `comp-${name}`).replace(/exec-producer/g, `exec-${name}`);
    expect(text).toContain(`producerTask: ${name}`);
    const opened = openPipelineFile(new TextEncoder().encode(text), 'p.yaml');
    expect(Object.keys(opened.document.graph.tasks).sort()).toEqual(['consumer', name].sort());
    const document = parseDocument(serializeDocument(opened.document));
    expect(validate(document).filter((d) => d.severity === 'error')).toEqual([]);
    expect(specs(irToYaml(compileToIr(document)))).toEqual(specs(text));
    expect(compileToArgo(document).spec).toBeDefined();
    expect(Object.keys(parsePipelineIr(text).root.dag?.tasks ?? {}).sort()).toEqual(['consumer', name].sort());
  });

  it.each(PORT_NAMES)('opens, validates and recompiles to the same IR ports named %s', (name) => {
    const text = renamed(renamed(kfpText(PRODUCER_CONSUMER), 'output_value', name), 'text', `${name}`);
    const document = parseDocument(serializeDocument(openPipelineFile(new TextEncoder().encode(text), 'p.yaml').document));
    expect(validate(document).filter((d) => d.severity === 'error')).toEqual([]);
    expect(specs(irToYaml(compileToIr(document)))).toEqual(specs(text));
    expect(parsePipelineIr(text).components['comp-producer']?.outputs.parameters[name]).toBeDefined();
  });

  it.each([
    ['dependentTasks', (t: string) => t.replace('dependentTasks:\n        - producer', 'dependentTasks:\n        - constructor')],
    ['producerTask', (t: string) => t.replace('producerTask: producer', 'producerTask: toString')],
    ['componentRef', (t: string) => t.replace('name: comp-consumer', 'name: constructor')],
    ['executorLabel', (t: string) => t.replace('executorLabel: exec-consumer', 'executorLabel: hasOwnProperty')],
  ])('refuses a %s naming an inherited property, with KFS611 in the importer and the runtime reader', (_, mutate) => {
    const text = mutate(kfpText(PRODUCER_CONSUMER));
    expect(text).not.toBe(kfpText(PRODUCER_CONSUMER));
    expect(refusal(() => openPipelineFile(new TextEncoder().encode(text), 'p.yaml')).code).toBe('KFS611');
    expect(refusal(() => parsePipelineIr(text)).code).toBe('KFS611');
  });

  it('imports and validates a pipeline with a task named constructor through the CLI (exit 0), and reports a __proto__ one (exit 1)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kfs-names-'));
    try {
      writeFileSync(path.join(dir, 'ctor.yaml'), renamed(kfpText(AFTER), 'print-text-2', 'constructor'));
      writeFileSync(path.join(dir, 'proto.yaml'), renamed(kfpText(AFTER), 'print-text-2', '__proto__'));
      const cli = async (...argv: string[]) => {
        const io = bufferIo(dir);
        return { code: await runCli(argv, io), out: [...io.stdout, ...io.stderr].join('\n') };
      };
      expect(await cli('import', 'ctor.yaml', '-o', 'ctor.pipeline.json')).toMatchObject({ code: 0 });
      expect(Object.keys(parseDocument(readFileSync(path.join(dir, 'ctor.pipeline.json'), 'utf8')).graph.tasks)).toContain('constructor');
      expect(await cli('validate', 'ctor.yaml')).toMatchObject({ code: 0 });
      expect(await cli('validate', 'ctor.pipeline.json')).toMatchObject({ code: 0 });
      const refused = await cli('validate', 'proto.yaml');
      expect(refused.code).not.toBe(0);
      expect(refused.code).not.toBe(3);
      expect(refused.out).toContain('KFS520');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
