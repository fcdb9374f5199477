// The changes that add a group (condition, parallel-for, exit handler) around the selected steps, or at a spot.
import type { PipelineChange } from '../model/changes';
import type { ConditionBranch, Group, GroupKind, NodePosition, PipelineDocument } from '../model/document';
import { freeTaskId } from './add-component';
import { own } from '../names/names';

const BASE_ID: Record<GroupKind, string> = { condition: 'condition', parallelFor: 'loop', exitHandler: 'exit-handler' };

/** A fresh id among tasks, groups and branches, also avoiding `also`. */
function freeId(document: PipelineDocument, base: string, also: readonly string[] = []): string {
  return freeTaskId(document, base, new Set(also));
}

export function newBranch(document: PipelineDocument, groupId: string, when: ConditionBranch['when'], taken: readonly string[] = []): ConditionBranch {
  const id = freeId(document, `${groupId}-branch`, [groupId, ...taken]);
  return when ? { id, when } : { id };
}

function defaultComparison(document: PipelineDocument): NonNullable<ConditionBranch['when']> {
  const parameter = document.graph.inputs.find((p) => p.type.kind === 'parameter');
  return {
    left: parameter ? { kind: 'graphInput', input: parameter.name } : { kind: 'constant', value: 1 },
    operator: '==',
    right: { kind: 'constant', value: parameter?.default ?? 1 },
  };
}

export function addGroupChanges(document: PipelineDocument, kind: GroupKind, selection: readonly string[], fallback: NodePosition): { groupId: string; changes: PipelineChange[] } {
  const id = freeId(document, BASE_ID[kind]);
  const members = selection.filter((s) => own(document.graph.tasks, s) || own(document.graph.groups, s));
  const parents = new Set(members.map((m) => (own(document.graph.tasks, m) ?? own(document.graph.groups, m))?.parent));
  const parent = parents.size === 1 ? [...parents][0] : undefined;
  let group: Group;
  if (kind === 'condition') {
    const first = newBranch(document, id, defaultComparison(document));
    group = { kind, id, branches: [first, newBranch(document, id, undefined, [first.id])] };
  } else if (kind === 'parallelFor') group = { kind, id, items: { kind: 'constant', value: [1, 2, 3] } };
  else group = { kind, id, exitTask: '' };
  if (parent !== undefined) group.parent = parent;
  const boxes = members.flatMap((m) => {
    const at = own(document.graph.layout, m);
    return at ? [at] : [];
  });
  const position: NodePosition = boxes.length
    ? { x: Math.min(...boxes.map((b) => b.x)) - 20, y: Math.min(...boxes.map((b) => b.y)) - 50, width: 320, height: 180 }
    : { ...fallback, width: 320, height: 180 };
  const changes: PipelineChange[] = [{ type: 'addGroup', group, position }];
  const container = group.kind === 'condition' ? group.branches[0]?.id : id;
  if (members.length && container) changes.push({ type: 'setParent', ids: members, parent: container });
  return { groupId: id, changes };
}
