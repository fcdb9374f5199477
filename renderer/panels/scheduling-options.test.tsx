// The inspector edits every Kubernetes setting of kfp-kubernetes' newer calls: a person types the security context,
// turns on shared memory, writes affinity rules and an init container, and takes the node selector and a toleration
// from a dict parameter; the compiled executor config carries each as kfp-kubernetes writes it.
import { act, fireEvent } from '@testing-library/react';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { twoStepDocument } from '../../shared/model/test-documents';
import { renderInspector } from './inspector.test-support';
import { rulesToText, textToMap, textToRules } from './scheduling-text';

function setup() {
  const doc = twoStepDocument();
  doc.graph.inputs.push({ name: 'placement', type: { kind: 'parameter', type: 'STRUCT' } });
  return renderInspector(doc);
}

async function type(field: HTMLElement, text: string): Promise<void> {
  await act(async () => {
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: text } });
    fireEvent.blur(field);
  });
}

async function press(element: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(element);
  });
}

async function choose(select: HTMLElement, value: string): Promise<void> {
  await act(async () => {
    fireEvent.change(select, { target: { value } });
  });
}

describe('Kubernetes scheduling settings in the inspector', () => {
  it('compile into the executor config as kfp-kubernetes writes it', async () => {
    const { store, panel } = setup();
    await type(panel.getByLabelText('Run as user', { selector: 'input' }), '1000');
    await press(panel.getByLabelText('Shared memory at /dev/shm', { selector: 'input' }));
    await type(panel.getByLabelText('Shared memory size', { selector: 'input' }), '1Gi');
    await choose(panel.getByLabelText('Node selector JSON from', { selector: 'select' }), 'param:placement');
    await press(panel.getByRole('button', { name: 'Add node affinity term' }));
    await type(panel.getByLabelText('Node affinity 1 rules', { selector: 'input' }), 'kubernetes.io/os In linux');
    await type(panel.getByLabelText('Node affinity 1 weight', { selector: 'input' }), '50');
    await press(panel.getByRole('button', { name: 'Add pod affinity term' }));
    await press(panel.getByLabelText('Pod affinity 1 keeps away (anti-affinity)', { selector: 'input' }));
    await type(panel.getByLabelText('Pod affinity 1 pod labels', { selector: 'input' }), 'app=train');
    await press(panel.getByRole('button', { name: 'Add init container' }));
    await type(panel.getByLabelText('Init container 1 name', { selector: 'input' }), 'prepare');
    await type(panel.getByLabelText('Init container 1 image', { selector: 'input' }), 'busybox:1.36');
    await type(panel.getByLabelText('Init container 1 command', { selector: 'input' }), '["sh", "-c"]');
    await press(panel.getByRole('button', { name: 'Add toleration' }));
    await choose(panel.getByLabelText('Toleration 1 JSON from', { selector: 'select' }), 'param:placement');
    const docs = yaml.loadAll(irToYaml(compileToIr(store.getState().document)));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const k8s = (docs[1] as any).platforms.kubernetes.deploymentSpec.executors['exec-use'];
    expect(k8s).toEqual({
      securityContext: { runAsUser: '1000' },
      enabledSharedMemory: { volumeName: 'shm', size: '1Gi' },
      nodeSelector: { nodeSelectorJson: { componentInputParameter: 'placement' } },
      nodeAffinity: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }], weight: 50 }],
      podAffinity: [{ anti: true, matchPodLabels: { app: 'train' }, topologyKey: 'kubernetes.io/hostname' }],
      initContainers: [{ name: 'prepare', image: 'busybox:1.36', command: ['sh', '-c'] }],
      tolerations: [{ tolerationJson: { componentInputParameter: 'placement' } }],
    });
  });

  it('reads back the one-line forms it writes', () => {
    const rules = [{ key: 'zone', operator: 'NotIn', values: ['a', 'b'] }, { key: 'gpu', operator: 'Exists' }];
    expect(textToRules(rulesToText(rules))).toEqual(rules);
    expect(textToMap('app=train, tier = web')).toEqual({ app: 'train', tier: 'web' });
  });
});
