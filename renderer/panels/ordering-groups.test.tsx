// A task can be ordered after a whole group (an if/elif/else, a loop) from the inspector, as the IR's dependentTasks
// naming a condition-branches or for-loop group says; the group it sits in is not offered.
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { renderInspector } from './inspector.test-support';

describe('ordering after a group in the inspector', () => {
  it('offers the loop beside the task, not the one it sits in, and compiles the edge as dependentTasks', async () => {
    const doc = twoStepDocument();
    doc.graph.groups.each = { id: 'each', kind: 'parallelFor', items: { kind: 'constant', value: ['a', 'b'] } };
    doc.graph.groups.inner = { id: 'inner', kind: 'parallelFor', items: { kind: 'constant', value: [1] } };
    doc.graph.tasks['in-loop'] = task('in-loop', 'make', { parent: 'each' });
    doc.graph.tasks.use = { ...doc.graph.tasks.use!, parent: 'inner' };
    const { store } = renderInspector(doc);
    const picker = screen.getByLabelText('Add ordering edge', { selector: 'select' }) as HTMLSelectElement;
    const offered = [...picker.options].map((o) => o.value);
    expect(offered).toContain('each');
    expect(offered).not.toContain('inner');
    await act(async () => {
      fireEvent.change(picker, { target: { value: 'each' } });
    });
    expect(store.getState().document.graph.tasks.use?.after).toEqual(['each']);
    expect(screen.getByRole('button', { name: /Remove ordering edge from .*the whole group/ })).toBeTruthy();
    const ir = compileToIr(store.getState().document).pipelineSpec as { root: { dag: { tasks: { [k: string]: { dependentTasks?: string[] } } } } };
    // The two loops are sibling sub-DAGs of the root: the one holding `use` waits on the other.
    const loops = Object.entries(ir.root.dag.tasks).filter(([name]) => name.startsWith('for-loop-'));
    const waiting = loops.filter(([, t]) => t.dependentTasks?.length);
    expect(loops).toHaveLength(2);
    expect(waiting).toHaveLength(1);
    const other = loops.find(([name]) => name !== waiting[0]![0])![0];
    expect(waiting[0]![1].dependentTasks).toContain(other);
  });
});
