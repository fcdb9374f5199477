import { describe, expect, it } from 'vitest';
import type { Argument, PipelineDocument } from '../../model/document';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

function loopOver(items: Argument): PipelineDocument {
  return sampleWith((d) => {
    const loop = d.graph.groups['each-shard']!;
    if (loop.kind === 'parallelFor') loop.items = items;
    // The item feeds an optional Integer input; keep it out of the way of the type checks.
    delete d.graph.tasks['train-shard']!.arguments.epochs;
  });
}

describe('KFS105 loop over something that is not a list', () => {
  it.each<[string, Argument, string]>([
    ['a constant that is not a list', { kind: 'constant', value: 'a,b,c' }, 'the string "a,b,c"'],
    ['a Float parameter', { kind: 'graphInput', input: 'rate' }, 'Float'],
    ['an Integer output', { kind: 'taskOutput', task: 'load', output: 'rows' }, 'Integer'],
    ['a single artifact', { kind: 'taskOutput', task: 'load', output: 'data' }, 'Dataset'],
  ])('reports a loop over %s', (_name, items, named) => {
    const found = findCode(loopOver(items), 'KFS105');
    expect(found).toEqual([expect.objectContaining({ location: { group: 'each-shard', field: 'items' } })]);
    expect(found[0]!.message).toContain("'each-shard'");
    expect(found[0]!.message).toContain(named);
  });

  it('accepts a constant list, a LIST output and a collected list of artifacts', () => {
    expect(findCode(loopOver({ kind: 'constant', value: [1, 2, 3] }), 'KFS105')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS105')).toEqual([]);
  });
});

describe('KFS106 invalid group', () => {
  it('reports a group whose parent does not exist', () => {
    const found = findCode(sampleWith((d) => (d.graph.groups['each-shard']!.parent = 'nowhere')), 'KFS106');
    expect(found).toEqual([expect.objectContaining({ location: { group: 'each-shard', field: 'parent' } })]);
    expect(found[0]!.message).toContain("'nowhere'");
  });

  it('reports groups nested inside themselves', () => {
    // guard holds verdict, whose branch 'good' would now hold guard.
    const found = findCode(sampleWith((d) => (d.graph.groups.guard!.parent = 'good')), 'KFS106');
    const nesting = found.filter((d) => d.location.field === 'parent');
    expect(nesting.map((d) => d.location.group)).toEqual(['guard', 'verdict']);
    expect(nesting[0]!.message).toContain("Group 'guard' is nested inside itself");
  });

  it('reports an exit handler whose exit task is missing, inside it, or not beside it', () => {
    const missing = findCode(sampleWith((d) => ((d.graph.groups.guard as { exitTask: string }).exitTask = 'cleanup')), 'KFS106');
    expect(missing).toEqual([expect.objectContaining({ location: { group: 'guard', field: 'exitTask' } })]);
    expect(missing[0]!.message).toContain("'cleanup'");

    const inside = findCode(sampleWith((d) => (d.graph.tasks['notify-end']!.parent = 'guard')), 'KFS106');
    expect(inside).toEqual([expect.objectContaining({ location: { group: 'guard', field: 'exitTask' } })]);
    expect(inside[0]!.message).toContain('inside itself');

    const elsewhere = findCode(sampleWith((d) => (d.graph.tasks['notify-end']!.parent = 'each-shard')), 'KFS106');
    expect(elsewhere[0]!.message).toContain('does not sit beside');

    const waits = findCode(sampleWith((d) => d.graph.tasks['notify-end']!.after.push('load')), 'KFS106');
    expect(waits).toEqual([expect.objectContaining({ location: { group: 'guard', field: 'exitTask' } })]);
    expect(waits[0]!.message).toContain("'notify-end'");
  });

  it('reports a condition without branches, and an else that is not last', () => {
    const empty = findCode(sampleWith((d) => ((d.graph.groups.verdict as { branches: unknown[] }).branches = [])), 'KFS106');
    expect(empty.filter((d) => d.location.group)).toEqual([expect.objectContaining({ location: { group: 'verdict', field: 'branches' } })]);
    // The tasks that sat in its branches are now nowhere.
    expect(empty.filter((d) => d.location.task).map((d) => d.location.task)).toEqual(['report-bad', 'report-good']);

    const elseFirst = findCode(
      sampleWith((d) => {
        const verdict = d.graph.groups.verdict!;
        if (verdict.kind === 'condition') verdict.branches.reverse();
      }),
      'KFS106',
    );
    expect(elseFirst).toEqual([expect.objectContaining({ location: { group: 'verdict', field: 'branches[0].when' } })]);
    expect(elseFirst[0]!.message).toContain("'bad'");
  });

  it('reports a parallelism below 1', () => {
    const found = findCode(sampleWith((d) => ((d.graph.groups['each-shard'] as { parallelism: number }).parallelism = 0)), 'KFS106');
    expect(found).toEqual([expect.objectContaining({ location: { group: 'each-shard', field: 'parallelism' } })]);
  });

  it('reports a task placed in a group that does not exist', () => {
    const found = findCode(sampleWith((d) => (d.graph.tasks.load!.parent = 'setup')), 'KFS106');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', field: 'parent' } })]);
    expect(found[0]!.message).toContain("'setup'");
  });

  it('passes well-formed groups', () => {
    expect(findCode(sampleDocument(), 'KFS106')).toEqual([]);
  });
});
