// Resources taken at run time are picked in the inspector: the value's source is stored in the task's options, an
// upstream output also orders the task after its producer, and the compiled IR carries the SDK's placeholder.
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { task, twoStepDocument } from '../../shared/model/test-documents';
import { renderInspector } from './inspector.test-support';

function setup() {
  const doc = twoStepDocument();
  doc.components.namer = { name: 'Namer', inputs: [], outputs: [{ name: 'size', type: { kind: 'parameter', type: 'STRING' } }], implementation: { kind: 'container', image: 'alpine', command: ['true'] } };
  doc.graph.tasks.namer = task('namer', 'namer');
  return renderInspector(doc);
}

describe('resources from values in the inspector', () => {
  it('a memory limit from an upstream output and a CPU limit from a parameter compile to placeholders', async () => {
    const { store, panel } = setup();
    await act(async () => {
      fireEvent.change(panel.getByLabelText('Memory limit from', { selector: 'select' }), { target: { value: 'out:namer:size' } });
    });
    await act(async () => {
      fireEvent.change(panel.getByLabelText('CPU limit from', { selector: 'select' }), { target: { value: 'param:label' } });
    });
    const use = store.getState().document.graph.tasks.use!;
    expect(use.options.resources?.from).toEqual({ memoryLimit: { kind: 'taskOutput', task: 'namer', output: 'size' }, cpuLimit: { kind: 'graphInput', input: 'label' } });
    expect(use.after).toEqual(['namer']);
    const ir = compileToIr(store.getState().document).pipelineSpec as { deploymentSpec: { executors: { [k: string]: { container: { resources: unknown } } } } };
    expect(ir.deploymentSpec.executors['exec-use']?.container.resources).toEqual({
      resourceCpuLimit: "{{$.inputs.parameters['pipelinechannel--label']}}",
      resourceMemoryLimit: "{{$.inputs.parameters['pipelinechannel--namer-size']}}",
    });
    await act(async () => {
      fireEvent.change(panel.getByLabelText('Memory limit from', { selector: 'select' }), { target: { value: 'none' } });
    });
    expect(store.getState().document.graph.tasks.use!.options.resources?.from).toEqual({ cpuLimit: { kind: 'graphInput', input: 'label' } });
  });
});
