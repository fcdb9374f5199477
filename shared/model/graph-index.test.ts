import { describe, expect, it } from 'vitest';
import { sourceOptions } from '../edit/argument-source';
import { outputHandle, inputHandle } from '../edit/port-handles';
import { checkWire } from '../edit/wire-check';
import { loopDocument, oneOfDocument } from '../edit/wires.fixtures';
import { validate } from '../validate/validate';
import { applyPipelineChanges } from './changes';
import type { PipelineDocument, Task } from './document';
import { graphIndex, graphIndexBuildCount } from './graph-index';
import { nameRecord } from '../names/names';
import { producerComponent, STRING, task, twoStepDocument } from './test-documents';

describe('the graph index', () => {
  it('knows which condition owns a branch, the containers around each node, and what a container holds', () => {
    const index = graphIndex(loopDocument().graph);
    expect(index.ownerOf('cond-yes')?.id).toBe('cond');
    expect(index.ownerOf('loop')?.id).toBe('loop');
    expect(index.ownerOf('shard')).toBeUndefined();
    expect(index.branches.get('cond-no')).toMatchObject({ conditionId: 'cond', index: 1 });
    expect(index.taskChain('check')).toEqual(['loop', 'cond', 'cond-yes']);
    expect(index.groupAncestors('cond')).toEqual(['loop']);
    expect(index.enclosingLoops('cond-yes')).toEqual(['loop']);
    expect(index.descendantsOf('loop')).toEqual({ tasks: ['shard', 'shard2', 'check'], groups: ['cond'] });
    expect(index.descendantsOf('cond')).toEqual({ tasks: ['check'], groups: [] });
    expect(index.childrenOf('cond-yes').tasks).toEqual(['check']);
    expect(index.isNameTaken('cond-no') && index.isNameTaken('shard') && !index.isNameTaken('free')).toBe(true);
  });

  it('tells how a reader may take an output: plainly, collected over a loop, or not at all', () => {
    const index = graphIndex(loopDocument().graph);
    expect(index.reachOf('shard', index.taskChain('total'))).toBe('collected');
    expect(index.reachOf('shard', index.taskChain('check'))).toBe('plain');
    expect(index.reachOf('check', index.taskChain('shard'))).toBe('none');
    expect(index.outsideOf('check', index.taskChain('total'))).toBe('loop');
  });

  it('follows every way a task waits on another: wires, oneOf sources, text templates, ordering and names from values', () => {
    const doc = oneOfDocument();
    doc.graph.tasks.high = task('high', 'make', { parent: 'gate-high', options: { secrets: [{ kind: 'volume', secretName: '', mountPath: '/s', secretNameFrom: { kind: 'taskOutput', task: 'low', output: 'count' } }] } });
    const index = graphIndex(doc.graph);
    expect([...index.upstreamOf('report')]).toEqual(['pick']);
    expect([...index.downstreamOf('low')].sort()).toEqual(['high', 'low', 'pick', 'report']);
  });

  it('keeps names as data: tasks called like inherited properties are found and nothing else is', () => {
    const doc = twoStepDocument();
    doc.graph.tasks = Object.assign(nameRecord<Task>(), {
      constructor: task('constructor', 'make'),
      toString: task('toString', 'use', { arguments: { data: { kind: 'taskOutput', task: 'constructor', output: 'data' } } }),
    });
    const index = graphIndex(doc.graph);
    expect([...index.tasks.keys()]).toEqual(['constructor', 'toString']);
    expect(index.ownerOf('hasOwnProperty')).toBeUndefined();
    expect([...index.downstreamOf('constructor')]).toEqual(['constructor', 'toString']);
    expect(index.isNameTaken('valueOf')).toBe(false);
  });

  it('is built once per graph: moving nodes and validating reuse it, an edit builds a new one', () => {
    const doc = loopDocument();
    const before = graphIndexBuildCount();
    validate(doc);
    const index = graphIndex(doc.graph);
    expect(graphIndexBuildCount() - before).toBe(1);
    const moved = applyPipelineChanges(doc, [{ type: 'moveNodes', positions: { total: { x: 5, y: 5 } } }]);
    expect(graphIndex(moved.graph)).toBe(index);
    const edited = applyPipelineChanges(doc, [{ type: 'setParent', ids: ['total'], parent: 'loop' }]);
    expect(graphIndex(edited.graph).taskChain('total')).toEqual(['loop']);
    expect(graphIndexBuildCount() - before).toBe(2);
  });
});

/** Every (output, input) pair of the document: the canvas's wire check and the Properties picker agree on each. */
function agreement(doc: PipelineDocument): { pairs: number; disagreements: string[] } {
  const disagreements: string[] = [];
  let pairs = 0;
  for (const reader of Object.values(doc.graph.tasks)) {
    for (const input of doc.components[reader.component]?.inputs ?? []) {
      const offered = new Set(sourceOptions(doc, reader.id, input, reader.arguments[input.name]).map((o) => o.value));
      for (const producer of Object.values(doc.graph.tasks)) {
        for (const output of doc.components[producer.component]?.outputs ?? []) {
          pairs++;
          const drawable = checkWire(doc, { source: producer.id, sourceHandle: outputHandle(output.name), target: reader.id, targetHandle: inputHandle(input.name) }) === undefined;
          const pickable = offered.has(`out:${producer.id}:${output.name}`);
          // The picker also hides outputs the reader cannot see from its group (the validator's KFS104), which a wire
          // may still be drawn to (Problems then says why): so pickable implies drawable, and a cycle refuses both.
          const cycle = graphIndex(doc.graph).downstreamOf(reader.id).has(producer.id);
          if ((pickable && !drawable) || (cycle && (pickable || drawable))) disagreements.push(`${producer.id}.${output.name} -> ${reader.id}.${input.name}`);
        }
      }
    }
  }
  return { pairs, disagreements };
}

describe('canvas and Properties ask the same index', () => {
  it('agree on every wire of documents with loops, conditions, oneOf and templates', () => {
    for (const doc of [loopDocument(), oneOfDocument(), twoStepDocument()]) {
      const { pairs, disagreements } = agreement(doc);
      expect(pairs).toBeGreaterThan(0);
      expect(disagreements).toEqual([]);
    }
  });

  it('refuses a wire that closes a cycle through a text template or a name taken from a value, as the picker does', () => {
    const doc = oneOfDocument();
    // report reads pick's sum inside a text: a wire from report back into pick would make a cycle.
    expect(checkWire(doc, { source: 'report', sourceHandle: outputHandle('sum'), target: 'pick', targetHandle: inputHandle('best') })).toMatch(/cycle/);
    const named = applyPipelineChanges(twoStepDocument(), [
      { type: 'putComponent', id: 'namer', component: { ...producerComponent, outputs: [{ name: 'name', type: STRING }] } },
      { type: 'addTask', task: task('namer', 'namer', { options: { secrets: [{ kind: 'volume', secretName: '', mountPath: '/s', secretNameFrom: { kind: 'taskOutput', task: 'use', output: 'model' } }] } }) },
    ]);
    expect(checkWire(named, { source: 'namer', sourceHandle: outputHandle('name'), target: 'use', targetHandle: inputHandle('label') })).toMatch(/cycle/);
    expect(agreement(named).disagreements).toEqual([]);
  });
});
