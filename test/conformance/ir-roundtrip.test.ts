// Every IR the real KFP SDK compiled (../shared/kfp/ir/valid) imports into a document that recompiles to the same
// PipelineSpec and PlatformSpec, compared as data (key order aside). The only normalisation: `sdkVersion` is dropped
// (it names the compiler). Files that cannot round-trip yet are listed with the reason; the suite fails if one of
// them starts to pass, so the list stays honest. The recompiled IR must also pass the strict protobuf-JSON checker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml, YAML_OPTIONS, yamlDocument } from '../../shared/compile/ir.yaml';
import { everyFeatureDocument } from '../../shared/compile/ir.test-document';
import { isKfsError } from '../../shared/errors/codes';
import { importIr, importIrObjects } from '../../shared/import/ir.import';
import { applyPipelineChanges } from '../../shared/model/changes';
import type { PipelineDocument } from '../../shared/model/document';
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';
import { loadIrChecker } from '../ir-check/ir-check';
import { differences, normalise } from './ir-compare';

const EXPECTED_FAILURES: { [file: string]: string } = {};

interface Outcome {
  file: string;
  recompiled?: string;
  problems: string[];
}

function roundTrip(file: string): Outcome {
  const name = path.basename(file);
  const text = readFileSync(file, 'utf8');
  try {
    // Through a save and a reopen: what the user gets is the document file, not the importer's objects.
    const document = parseDocument(serializeDocument(importIr(text, { file: name })));
    const recompiled = irToYaml(compileToIr(document));
    return { file: name, recompiled, problems: differences(normalise(text), normalise(recompiled)) };
  } catch (error) {
    if (!isKfsError(error)) throw error;
    return { file: name, problems: [`${error.code}: ${error.message}`] };
  }
}

describe.skipIf(!hasKfp)('IR round trip over the SDK-compiled corpus', () => {
  if (!hasKfp) console.warn(KFP_MISSING_NOTE);
  const files = listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f));
  const outcomes = files.map(roundTrip);

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('reproduces every file not listed as an expected failure, and no listed file passes', () => {
    const passed = outcomes.filter((o) => o.problems.length === 0);
    console.log(`IR ${passed.length}/${outcomes.length} round-trip (${Object.keys(EXPECTED_FAILURES).length} expected failures)`);
    const unexpected = outcomes.filter((o) => o.problems.length > 0 && !(o.file in EXPECTED_FAILURES));
    expect(unexpected.map((o) => `${o.file}\n  ${o.problems.join('\n  ')}`)).toEqual([]);
    const nowPassing = passed.filter((o) => o.file in EXPECTED_FAILURES).map((o) => o.file);
    expect(nowPassing, 'these files now round-trip: remove them from EXPECTED_FAILURES').toEqual([]);
    const missing = Object.keys(EXPECTED_FAILURES).filter((f) => !outcomes.some((o) => o.file === f));
    expect(missing, 'expected failures that are not in the corpus').toEqual([]);
  });

  it('recompiles every file into IR the strict checker accepts', () => {
    const checker = loadIrChecker();
    const rejected = outcomes
      .filter((o) => o.recompiled !== undefined)
      .map((o) => ({ file: o.file, problems: checker.checkYaml(o.recompiled as string) }))
      .filter((r) => r.problems.length > 0)
      .map((r) => `${r.file}: ${r.problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ')}`);
    expect(rejected).toEqual([]);
  });

  it('writes YAML exactly as js-yaml would, for every file of the corpus', () => {
    const differing = files.filter((file) =>
      yaml.loadAll(readFileSync(file, 'utf8')).some((doc) => doc !== null && typeof doc === 'object' && yamlDocument(doc) !== yaml.dump(doc, YAML_OPTIONS)),
    );
    expect(differing.map((f) => path.basename(f))).toEqual([]);
  });

  it('compiles an imported document to the same bytes every time', () => {
    for (const file of files.slice(0, 20)) {
      const text = readFileSync(file, 'utf8');
      let first: string;
      try {
        first = irToYaml(compileToIr(importIr(text)));
      } catch {
        continue;
      }
      expect(irToYaml(compileToIr(importIr(text)))).toBe(first);
    }
  });
});

// The IR is untyped JSON: tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { [key: string]: any };

function corpusFile(name: string): string {
  const file = listKfpFiles('ir/valid').find((f) => path.basename(f) === name);
  if (!file) throw new Error(`${name} is not in the corpus`);
  return readFileSync(file, 'utf8');
}

function recompiled(doc: PipelineDocument): Obj {
  return yaml.load(irToYaml(compileToIr(doc))) as Obj;
}

describe.skipIf(!hasKfp)('imported pipelines are made of first-class objects', () => {
  it('a condition becomes a condition group, its test a comparison, an f-string a template', () => {
    const doc = importIr(corpusFile('critical_flip_coin.yaml'));
    const condition = doc.graph.groups['condition-1'];
    expect(condition).toMatchObject({
      kind: 'condition',
      branches: [
        {
          when: {
            left: { kind: 'taskOutput', task: 'flip-coin', output: 'Output' },
            operator: '==',
            right: { kind: 'constant', value: 'heads' },
          },
        },
      ],
    });
    const branch = condition?.kind === 'condition' ? condition.branches[0]?.id : undefined;
    expect(doc.graph.tasks['random-num']?.parent).toBe(branch);
    expect(doc.graph.tasks['print-msg']?.arguments.msg).toEqual({
      kind: 'template',
      parts: ['heads and ', { kind: 'taskOutput', task: 'random-num', output: 'Output' }, ' > 5!'],
    });
    expect(doc.graph.tasks['flip-coin']?.options.caching).toBe(false);
  });

  it('a loop becomes a parallelFor group whose outputs are collected outside it', () => {
    const doc = importIr(corpusFile('critical_parameters_simple.yaml'));
    expect(doc.graph.groups['for-loop-2']).toMatchObject({ kind: 'parallelFor', items: { kind: 'constant', value: [1, 2, 3] } });
    expect(doc.graph.tasks.double?.arguments.num).toEqual({ kind: 'loopItem', loop: 'for-loop-2' });
    expect(doc.graph.tasks.add?.arguments.nums).toEqual({ kind: 'collected', task: 'double', output: 'Output' });
    expect(doc.graph.outputs[0]?.source).toEqual({ kind: 'collected', task: 'double', output: 'Output' });
  });

  it('an exit handler keeps its exit task beside it, and settings become task options', () => {
    const exit = importIr(corpusFile('failing_pipeline_with_exit_handler.yaml'));
    expect(exit.graph.groups['exit-handler-1']).toMatchObject({ kind: 'exitHandler', exitTask: 'print-op' });
    expect(exit.graph.tasks['fail-op']?.parent).toBe('exit-handler-1');
    expect(exit.graph.tasks['print-op']?.parent).toBeUndefined();
    const secrets = importIr(corpusFile('critical_pipeline_with_secret_as_env.yaml'));
    expect(secrets.graph.tasks.comp?.options.secrets?.[0]).toEqual({
      kind: 'env',
      secretName: '',
      key: 'username',
      envVar: 'USER_NAME',
      secretNameFrom: { kind: 'graphInput', input: 'secret_parm' },
    });
  });
});

describe.skipIf(!hasKfp)('edits to an imported pipeline show in the recompiled IR', () => {
  it('renaming a task renames it, its component stays, and its dependants follow', () => {
    const doc = importIr(corpusFile('essential_pipeline_with_after.yaml'));
    const ir = recompiled(applyPipelineChanges(doc, [{ type: 'renameNode', id: 'print-text', newId: 'first-step' }]));
    const tasks = ir.root.dag.tasks;
    expect(Object.keys(tasks).sort()).toEqual(['first-step', 'print-text-2', 'print-text-3']);
    expect(tasks['first-step'].taskInfo.name).toBe('first-step');
    expect(tasks['print-text-2'].dependentTasks).toEqual(['first-step']);
    expect(tasks['print-text-3'].dependentTasks).toEqual(['first-step', 'print-text-2']);
  });

  it('a changed default and a removed ordering edge show up', () => {
    const doc = importIr(corpusFile('essential_pipeline_with_after.yaml'));
    const ir = recompiled(applyPipelineChanges(doc, [{ type: 'removeAfter', task: 'print-text-3', dependsOn: 'print-text' }]));
    expect(ir.root.dag.tasks['print-text-3'].dependentTasks).toEqual(['print-text-2']);

    const reused = importIr(corpusFile('essential_pipeline_with_reused_component.yaml'));
    const a = reused.graph.inputs.find((p) => p.name === 'a');
    expect(a?.default).toBe(2);
    const changed = recompiled(applyPipelineChanges(reused, [{ type: 'putParameter', parameter: { ...a!, default: 40 }, previousName: 'a' }]));
    expect(changed.root.inputDefinitions.parameters.a).toEqual({ parameterType: 'NUMBER_INTEGER', defaultValue: 40, isOptional: true });
  });

  it('a removed data edge removes the input reference and the dependency it implied', () => {
    const doc = importIr(corpusFile('essential_pipeline_with_reused_component.yaml'));
    const ir = recompiled(applyPipelineChanges(doc, [{ type: 'setArgument', task: 'add-numbers-2', input: 'a', argument: { kind: 'constant', value: 1 } }]));
    const task = ir.root.dag.tasks['add-numbers-2'];
    expect(task.inputs.parameters.a).toEqual({ runtimeValue: { constant: 1 } });
    expect(task.dependentTasks).toBeUndefined();
  });
});

describe.skipIf(!hasKfp)('a document using every model feature', () => {
  it('compiles to IR the strict checker accepts', () => {
    const problems = loadIrChecker().checkYaml(irToYaml(compileToIr(everyFeatureDocument())));
    expect(problems).toEqual([]);
  });
});

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces one randomly chosen value deep inside `doc` by a value of another shape, or deletes a key. */
function mutate(doc: unknown, next: () => number): void {
  const holders: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        holders.push([value, i]);
        walk(v);
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        holders.push([value as Record<string, unknown>, k]);
        walk(v);
      }
    }
  };
  walk(doc);
  const picked = holders[Math.floor(next() * holders.length)];
  if (!picked) return;
  const [holder, key] = picked;
  const replacements: unknown[] = [null, 7, 'x', [], {}, { a: 1 }, ['y'], true, "{{$.inputs.parameters['pipelinechannel--nope']}}"];
  if (!Array.isArray(holder) && next() < 0.3) delete holder[key as string];
  else (holder as Record<string | number, unknown>)[key] = replacements[Math.floor(next() * replacements.length)];
}

describe.skipIf(!hasKfp)('damaged IR', () => {
  it('is refused with a coded error or imported and compiled, never a crash', () => {
    const next = random(20261129);
    let refused = 0;
    let runs = 0;
    for (const file of listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (let i = 0; i < 12; i++) {
        const docs = yaml.loadAll(text);
        mutate(docs, next);
        runs++;
        try {
          compileToIr(importIrObjects(docs, { file: path.basename(file) }));
        } catch (error) {
          if (!isKfsError(error)) throw new Error(`${path.basename(file)} mutation ${i} crashed`, { cause: error });
          refused++;
        }
      }
    }
    console.log(`damaged IR: ${refused}/${runs} refused with a code, the rest imported and compiled`);
    expect(refused).toBeGreaterThan(0);
  });
});
