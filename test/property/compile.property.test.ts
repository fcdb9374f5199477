// Every document the editor accepts compiles to IR that the strict checker accepts, imports back, and recompiles to
// the same bytes, whatever its task, group and branch ids. Documents start from synthetic pipelines (conditions with
// if/else, oneOf, loops, collected outputs) and get random renames (often to names of the SDK's sub-DAG forms, so
// that they collide), task options, text templates, an exit handler, and a nested pipeline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { isKfsError } from '../../shared/errors/codes';
import { importIr } from '../../shared/import/ir.import';
import { applyPipelineChanges, type PipelineChange } from '../../shared/model/changes';
import type { ComponentSpec, PipelineDocument, PipelineGraph, TaskOptions } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';
import { loadIrChecker } from '../ir-check/ir-check';

const SDK_PREFIXES = ['condition', 'for-loop', 'exit-handler', 'condition-branches'] as const;

/** Kebab ids, half of them in (or near) the SDK's sub-DAG forms so that they collide with the names it hands out. */
const kebabId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/).filter((s) => !s.includes('--')),
  fc.tuple(fc.constantFrom(...SDK_PREFIXES), fc.integer({ min: 0, max: 6 })).map(([p, n]) => `${p}-${n}`),
  fc.tuple(fc.constantFrom(...SDK_PREFIXES), fc.constantFrom('if', 'else', 'then', '1-if')).map(([p, s]) => `${p}-${s}`),
);

const taskOptions: fc.Arbitrary<TaskOptions> = fc.record(
  {
    caching: fc.boolean(),
    cacheKey: fc.stringMatching(/^[a-z0-9]{1,8}$/),
    retry: fc.record({ maxRetryCount: fc.integer({ min: 0, max: 5 }), backoffDuration: fc.constantFrom('30s', '120s') }, { requiredKeys: ['maxRetryCount'] }),
    ignoreUpstreamFailure: fc.boolean(),
    resources: fc.record({ cpuLimit: fc.constantFrom('1', '500m'), memoryRequest: fc.constantFrom('1Gi', '512Mi') }),
    env: fc.constant([{ name: 'MODE', value: 'fast' }]),
    nodeSelector: fc.constant({ 'cloud.google.com/gke-nodepool': 'pool-1' }),
    podLabels: fc.constant({ team: 'ml' }),
  },
  { requiredKeys: [] },
);

interface Recipe {
  size: number;
  seed: number;
  renames: { pick: number; newId: string }[];
  options: { pick: number; options: TaskOptions; displayName?: string }[];
  templates: number[];
  exitHandler?: { id: string; exitId: string; withStatus: boolean; pick: number; follower: boolean };
  nested?: { taskId: string; size: number; seed: number; renames: { pick: number; newId: string }[]; follower?: boolean };
}

const renames = fc.array(fc.record({ pick: fc.nat(), newId: kebabId }), { maxLength: 8 });
const recipe: fc.Arbitrary<Recipe> = fc.record(
  {
    size: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    renames,
    options: fc.array(fc.record({ pick: fc.nat(), options: taskOptions, displayName: fc.option(fc.constantFrom('Train it', 'step #2'), { nil: undefined }) }), { maxLength: 4 }),
    templates: fc.array(fc.nat(), { maxLength: 3 }),
    exitHandler: fc.record({ id: kebabId, exitId: kebabId, withStatus: fc.boolean(), pick: fc.nat(), follower: fc.boolean() }),
    nested: fc.record(
      { taskId: kebabId, size: fc.integer({ min: 1, max: 12 }), seed: fc.integer({ min: 1, max: 1000 }), renames, follower: fc.boolean() },
      { requiredKeys: ['taskId', 'size', 'seed', 'renames'] },
    ),
  },
  { requiredKeys: ['size', 'seed', 'renames', 'options', 'templates'] },
);

const NOTIFY: ComponentSpec = {
  name: 'notify',
  inputs: [{ name: 'status', type: { kind: 'parameter', type: 'TASK_FINAL_STATUS' } }],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['echo', "{{$.inputs.parameters['status']}}"] },
};
const CLEANUP: ComponentSpec = {
  name: 'cleanup',
  inputs: [],
  outputs: [],
  implementation: { kind: 'container', image: 'alpine', command: ['true'] },
};

function nodeIds(graph: PipelineGraph): string[] {
  const ids = Object.keys(graph.tasks);
  for (const group of Object.values(graph.groups)) {
    ids.push(group.id);
    if (group.kind === 'condition') ids.push(...group.branches.map((b) => b.id));
  }
  return ids.sort();
}

function renameAll(doc: PipelineDocument, list: Recipe['renames'], graph?: string): PipelineDocument {
  for (const { pick, newId } of list) {
    const g = graph === undefined ? doc.graph : (doc.components[graph]?.implementation as { graph: PipelineGraph }).graph;
    const ids = nodeIds(g);
    const id = ids[pick % ids.length];
    if (id !== undefined) doc = applyPipelineChanges(doc, [{ type: 'renameNode', id, newId, ...(graph !== undefined ? { graph } : {}) } as PipelineChange]);
  }
  return doc;
}

/** Root tasks nobody depends on (consumers have no outputs): safe to move into an exit handler. */
function leafConsumers(graph: PipelineGraph): string[] {
  const needed = new Set<string>();
  for (const task of Object.values(graph.tasks)) {
    task.after.forEach((a) => needed.add(a));
    for (const arg of Object.values(task.arguments)) if ('task' in arg) needed.add(arg.task);
  }
  return Object.values(graph.tasks)
    .filter((t) => t.parent === undefined && t.component === 'consumer' && !needed.has(t.id))
    .map((t) => t.id)
    .sort();
}

function build(r: Recipe): PipelineDocument {
  let doc = structuredClone(makeSyntheticPipeline(r.size, { seed: r.seed }));
  if (r.nested) {
    const inner = makeSyntheticPipeline(r.nested.size, { seed: r.nested.seed }).graph;
    doc.components.sub = {
      name: 'sub',
      inputs: inner.inputs.map((p) => ({ ...p })),
      outputs: inner.outputs.map((o) => ({ name: o.name, type: o.type })),
      implementation: { kind: 'graph', graph: inner },
    };
    doc = renameAll(doc, r.nested.renames, 'sub');
    if (!doc.graph.tasks[r.nested.taskId] && !nodeIds(doc.graph).includes(r.nested.taskId)) {
      const args = Object.fromEntries(inner.inputs.map((p) => [p.name, { kind: 'constant' as const, value: p.default ?? '' }]));
      doc.graph.tasks[r.nested.taskId] = { id: r.nested.taskId, component: 'sub', arguments: args, after: [], options: {} };
      // A task that runs after the nested pipeline even when it fails: what an exit task looks like in the IR.
      const followerId = `${r.nested.taskId}-then`;
      if (r.nested.follower !== undefined && !nodeIds(doc.graph).includes(followerId)) {
        doc.components.cleanup = CLEANUP;
        const options = r.nested.follower ? { ignoreUpstreamFailure: true } : {};
        doc.graph.tasks[followerId] = { id: followerId, component: 'cleanup', arguments: {}, after: [r.nested.taskId], options };
      }
    }
  }
  const tasks = Object.keys(doc.graph.tasks).sort();
  for (const { pick, options, displayName } of r.options) {
    const task = doc.graph.tasks[tasks[pick % tasks.length] as string];
    if (task) {
      task.options = { ...task.options, ...options };
      if (displayName !== undefined) task.displayName = displayName;
    }
  }
  for (const pick of r.templates) {
    const consumers = tasks.filter((id) => doc.graph.tasks[id]?.component === 'consumer');
    const task = doc.graph.tasks[consumers[pick % Math.max(1, consumers.length)] ?? ''];
    const label = task?.arguments.label;
    if (task && label && label.kind !== 'oneOf') {
      task.arguments.label = { kind: 'template', parts: ['run ', label.kind === 'template' ? 'x' : label, ' of ', { kind: 'graphInput', input: 'source_uri' }] };
      if (!doc.graph.inputs.some((p) => p.name === 'source_uri')) doc.graph.inputs.push({ name: 'source_uri', type: { kind: 'parameter', type: 'STRING' }, default: 'gs://b/x' });
    }
  }
  const e = r.exitHandler;
  const leaves = leafConsumers(doc.graph);
  const inside = leaves[e ? e.pick % Math.max(1, leaves.length) : 0];
  if (e && inside && e.id !== e.exitId && !nodeIds(doc.graph).includes(e.id) && !nodeIds(doc.graph).includes(e.exitId)) {
    doc.components.notify = NOTIFY;
    doc.components.cleanup = CLEANUP;
    doc.graph.groups[e.id] = { kind: 'exitHandler', id: e.id, exitTask: e.exitId };
    (doc.graph.tasks[inside] as { parent?: string }).parent = e.id;
    doc.graph.tasks[e.exitId] = e.withStatus
      ? { id: e.exitId, component: 'notify', arguments: { status: { kind: 'taskFinalStatus' } }, after: [], options: {} }
      : { id: e.exitId, component: 'cleanup', arguments: {}, after: [], options: {} };
    const followerId = `${e.exitId}-also`;
    if (e.follower && !nodeIds(doc.graph).includes(followerId)) {
      doc.graph.tasks[followerId] = { id: followerId, component: 'cleanup', arguments: {}, after: [e.exitId], options: { ignoreUpstreamFailure: true } };
    }
  }
  return doc;
}

const hasErrors = (doc: PipelineDocument) => validate(doc).some((d) => d.severity === 'error');

/**
 * Documents validate() accepts that the compiler still refuses, with the reason. Only this one is known:
 * KFS601 — a nested pipeline task whose id has the exit-handler form (`exit-handler-N`) and a task that runs after it
 * even on failure: in the IR that is exactly an exit handler, so it could not be read back as what it is.
 */
const ACCEPTED_REFUSALS = new Set(['KFS601']);

describe('compiling any valid document', () => {
  const checker = loadIrChecker();
  const stats = { runs: 0, invalid: 0, refused: new Map<string, number>(), renamedGroups: 0, exitHandlers: 0, nested: 0 };

  it('gives checked IR that imports back to a valid document compiling to the same bytes', () => {
    fc.assert(
      fc.property(recipe, (r) => {
        stats.runs++;
        const doc = build(r);
        if (hasErrors(doc)) {
          stats.invalid++;
          return;
        }
        let text: string;
        try {
          text = irToYaml(compileToIr(doc));
        } catch (error) {
          if (!isKfsError(error) || !ACCEPTED_REFUSALS.has(error.code)) throw error;
          stats.refused.set(error.code, (stats.refused.get(error.code) ?? 0) + 1);
          return;
        }
        expect(checker.checkYaml(text)).toEqual([]);
        const back = importIr(text);
        expect(validate(back).filter((d) => d.severity === 'error')).toEqual([]);
        expect(irToYaml(compileToIr(back))).toBe(text);
        if (Object.keys(back.graph.groups).some((id) => !doc.graph.groups[id])) stats.renamedGroups++;
        if (Object.values(back.graph.groups).some((g) => g.kind === 'exitHandler')) stats.exitHandlers++;
        if (back.components.sub) stats.nested++;
      }),
      { numRuns: Number(process.env.KFS_PROPERTY_RUNS ?? 100), seed: Number(process.env.KFS_PROPERTY_SEED ?? 20261129) },
    );
    console.log(
      `compile property: ${stats.runs} documents, ${stats.invalid} rejected by validate (skipped), ` +
        `${[...stats.refused].map(([c, n]) => `${n} refused with ${c}`).join(', ') || 'none refused'}, ${stats.renamedGroups} with groups renamed to SDK names, ` +
        `${stats.exitHandlers} with an exit handler, ${stats.nested} with a nested pipeline`,
    );
    // The generator must mostly make valid documents, or the property says little.
    expect(stats.invalid).toBeLessThan(stats.runs / 2);
  }, 300_000);

  // Overlaps, and frames around their members, are checked with the canvas's frame geometry in
  // test/conformance/ir-layout-overlap.test.ts.
  it('gives every task of a large imported pipeline a place of its own', () => {
    const back = importIr(irToYaml(compileToIr(makeSyntheticPipeline(400, { seed: 3 }))));
    const { tasks, layout } = back.graph;
    const boxes = Object.keys(tasks).map((id) => ({ id, ...(layout[id] as { x: number; y: number }) }));
    expect(boxes.every((b) => Number.isFinite(b.x) && Number.isFinite(b.y))).toBe(true);
    expect(new Set(boxes.map((b) => `${b.x},${b.y}`)).size).toBe(boxes.length);
  }, 60_000);

  it('names synthetic pipelines of every size the SDK way and reads them back', () => {
    for (const size of [10, 100, 250]) {
      const text = irToYaml(compileToIr(makeSyntheticPipeline(size)));
      expect(irToYaml(compileToIr(importIr(text)))).toBe(text);
    }
  }, 60_000);
});
