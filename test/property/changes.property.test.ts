// Arbitrary edit sequences never throw, keep the document well-formed, and leave validation able to explain it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPipelineChanges, type PipelineChange } from '../../shared/model/changes';
import type { Argument, Group, JsonValue, KfpType, PipelineDocument } from '../../shared/model/document';
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { pipelineDocumentSchema } from '../../shared/model/document.schema';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { validate } from '../../shared/validate/validate';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';

const ids = fc.constantFrom('make', 'use', 'a', 'b', 'condition-1', 'condition-1-if', 'for-loop-1', 'exit-handler-1', '', 'ghost');
const names = fc.constantFrom('label', 'rows', 'data', 'model', 'count', 'x', '');
const components = fc.constantFrom('make', 'use', 'ghost');
const graphs = fc.constantFrom(undefined, undefined, undefined, 'inner', 'make');

const json: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;
const kfpType: fc.Arbitrary<KfpType> = fc.oneof(
  fc.constantFrom('STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT').map((type) => ({ kind: 'parameter' as const, type })),
  fc.constantFrom('system.Dataset', 'system.Model', 'system.Artifact').map((schemaTitle) => ({ kind: 'artifact' as const, schemaTitle, schemaVersion: '0.0.1' })),
);
const simpleArgument: fc.Arbitrary<Exclude<Argument, { kind: 'template' }>> = fc.oneof(
  json.map((value) => ({ kind: 'constant' as const, value })),
  names.map((input) => ({ kind: 'graphInput' as const, input })),
  fc.record({ task: ids, output: names }).map((ref) => ({ kind: 'taskOutput' as const, ...ref })),
  fc.record({ task: ids, output: names }).map((ref) => ({ kind: 'collected' as const, ...ref })),
  fc.array(fc.record({ task: ids, output: names }), { maxLength: 3 }).map((sources) => ({ kind: 'oneOf' as const, sources })),
  ids.map((loop) => ({ kind: 'loopItem' as const, loop })),
  fc.constant({ kind: 'taskFinalStatus' as const }),
);
const argument: fc.Arbitrary<Argument> = fc.oneof(
  simpleArgument,
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), simpleArgument), { maxLength: 4 }).map((parts) => ({ kind: 'template' as const, parts })),
);
const parent = fc.option(ids, { nil: undefined });
const group: fc.Arbitrary<Group> = fc.oneof(
  fc.record({ id: ids, parent, branches: fc.array(fc.record({ id: ids, when: fc.option(fc.record({ left: argument, operator: fc.constantFrom('==' as const, '<' as const), right: argument }), { nil: undefined }) }), { maxLength: 3 }) }).map((g) => ({ kind: 'condition' as const, ...g })),
  fc.record({ id: ids, parent, items: argument, parallelism: fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }) }).map((g) => ({ kind: 'parallelFor' as const, ...g })),
  fc.record({ id: ids, parent, exitTask: ids }).map((g) => ({ kind: 'exitHandler' as const, ...g })),
);
const position = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) });

const change: fc.Arbitrary<PipelineChange> = fc.oneof(
  fc.record({ type: fc.constant('addTask' as const), graph: graphs, task: fc.record({ id: ids, component: components }).map((t) => task(t.id, t.component)), position }),
  fc.record({ type: fc.constant('removeNodes' as const), graph: graphs, ids: fc.array(ids, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('updateTask' as const), graph: graphs, id: ids, displayName: fc.option(fc.string(), { nil: null }), component: components }),
  fc.record({ type: fc.constant('setTaskOptions' as const), graph: graphs, id: ids, options: fc.record({ caching: fc.boolean(), retry: fc.record({ maxRetryCount: fc.integer({ min: -2, max: 5 }) }) }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('setArgument' as const), graph: graphs, task: ids, input: names, argument: fc.option(argument, { nil: null }) }),
  fc.record({ type: fc.constantFrom('addAfter' as const, 'removeAfter' as const), graph: graphs, task: ids, dependsOn: ids }),
  fc.record({ type: fc.constant('renameNode' as const), graph: graphs, id: ids, newId: ids }),
  fc.record({ type: fc.constant('moveNodes' as const), graph: graphs, positions: fc.dictionary(ids, position, { maxKeys: 3 }) }),
  fc.record({ type: fc.constant('putParameter' as const), graph: graphs, parameter: fc.record({ name: names, type: kfpType, default: fc.option(json, { nil: undefined }) }), previousName: fc.option(names, { nil: undefined }) }),
  fc.record({ type: fc.constant('removeParameter' as const), graph: graphs, name: names }),
  fc.record({ type: fc.constant('putOutput' as const), graph: graphs, output: fc.record({ name: names, type: kfpType, source: argument }), previousName: fc.option(names, { nil: undefined }) }),
  fc.record({ type: fc.constant('removeOutput' as const), graph: graphs, name: names }),
  fc.record({ type: fc.constant('addGroup' as const), graph: graphs, group, position }),
  fc.record({ type: fc.constant('updateGroup' as const), graph: graphs, group }),
  fc.record({ type: fc.constant('setParent' as const), graph: graphs, ids: fc.array(ids, { maxLength: 3 }), parent: fc.option(ids, { nil: null }) }),
  fc.record({ type: fc.constant('removeComponent' as const), id: components }),
  fc.record({ type: fc.constant('setPipelineInfo' as const), name: fc.string({ maxLength: 12 }) }),
);

/** Drops keys whose value is undefined, as JSON does: the generators produce them for optional fields. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function withNestedPipeline(doc: PipelineDocument): PipelineDocument {
  const inner = twoStepDocument();
  return { ...doc, components: { ...doc.components, ...inner.components, inner: { name: 'Inner', inputs: inner.graph.inputs, outputs: [], implementation: { kind: 'graph', graph: inner.graph } } } };
}

const starts = [withNestedPipeline(twoStepDocument()), withNestedPipeline(makeSyntheticPipeline(12, { seed: 3 }))];

describe('applyPipelineChanges and validate on arbitrary edit sequences', () => {
  it('never throw, keep the document schema-valid and serializable, and never mutate their input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(change.map(asJson), { maxLength: 25 }), (start, changes) => {
        const before = serializeDocument(start);
        const after = applyPipelineChanges(start, changes);
        expect(serializeDocument(start)).toBe(before);
        const checked = pipelineDocumentSchema.safeParse(after);
        expect(checked.success, checked.error?.message).toBe(true);
        expect(parseDocument(serializeDocument(after))).toEqual(after);
        const diagnostics = validate(after);
        expect(Array.isArray(diagnostics)).toBe(true);
        for (const d of diagnostics) expect(d.code).toMatch(/^KFS\d{3}$/);
      }),
      { numRuns: 300 },
    );
  });

  it('undoing a rename by renaming back restores the document', () => {
    fc.assert(
      fc.property(fc.constantFrom('make', 'use'), fc.constantFrom('load', 'train', 'x-1'), (id, newId) => {
        const start = twoStepDocument();
        const round = applyPipelineChanges(start, [{ type: 'renameNode', id, newId }, { type: 'renameNode', id: newId, newId: id }]);
        expect(round).toEqual(start);
      }),
    );
  });
});
