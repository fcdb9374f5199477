import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../model/changes';
import type { Argument } from '../model/document';
import { twoStepDocument } from '../model/test-documents';
import { groupedDocument } from './clipboard.fixtures';
import { removalChanges, type CanvasEdge } from './delete-changes';

const wire: Argument = { kind: 'taskOutput', task: 'make', output: 'data' };
const makeToUse: CanvasEdge = { id: 'data:make.data->use.data', source: 'make', target: 'use', data: { kind: 'data', task: 'use', input: 'data', from: { task: 'make', output: 'data' }, argument: wire } };

describe('deleting the selection', () => {
  it('removes a selected wire (the input is left unset) and says so', () => {
    const doc = twoStepDocument();
    const { changes, summary } = removalChanges(doc, [makeToUse.id], [makeToUse]);
    expect(summary).toBe('1 wire');
    expect(applyPipelineChanges(doc, changes).graph.tasks.use?.arguments.data).toBeUndefined();
  });

  it('does not count a wire that goes with its step', () => {
    const { summary } = removalChanges(twoStepDocument(), ['make', makeToUse.id], [makeToUse]);
    expect(summary).toBe('1 step');
  });

  it('ungroups a deleted group (its contents stay), and Cut takes the contents along', () => {
    const doc = groupedDocument();
    const ungroup = removalChanges(doc, ['cond'], []);
    expect(ungroup.summary).toBe('1 group (its contents stay)');
    expect(applyPipelineChanges(doc, ungroup.changes).graph.tasks.check?.parent).toBe('loop');
    const cut = removalChanges(doc, ['cond'], [], ['check']);
    expect(cut.summary).toBe('1 group, 1 step');
  });
});
