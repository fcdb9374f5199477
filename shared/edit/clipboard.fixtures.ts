// Documents for the clipboard's tests (here and in the renderer's undo test).
import type { Task } from '../model/document';
import { twoStepDocument } from '../model/test-documents';
import { copySelection } from './clipboard';

/** make → use, with `use` inside parallel-for `loop`, and in the loop a condition whose first branch holds `check`. */
export function groupedDocument() {
  const doc = twoStepDocument();
  doc.graph.groups = {
    loop: { kind: 'parallelFor', id: 'loop', displayName: 'Each shard', items: { kind: 'constant', value: [1, 2] } },
    cond: {
      kind: 'condition',
      id: 'cond',
      parent: 'loop',
      branches: [{ id: 'cond-yes', when: { left: { kind: 'loopItem', loop: 'loop' }, operator: '==', right: { kind: 'constant', value: 1 } } }, { id: 'cond-no' }],
    },
  };
  doc.graph.tasks.use = { ...(doc.graph.tasks.use as Task), parent: 'loop' };
  doc.graph.tasks.check = {
    id: 'check',
    component: 'use',
    parent: 'cond-yes',
    arguments: { data: { kind: 'taskOutput', task: 'use', output: 'model' }, label: { kind: 'loopItem', loop: 'loop' } },
    after: ['use'],
    options: {},
  };
  doc.graph.layout.loop = { x: -20, y: 80, width: 400, height: 300 };
  doc.graph.layout.cond = { x: 10, y: 200, width: 300, height: 150 };
  doc.graph.layout.check = { x: 30, y: 240 };
  return doc;
}

export function copyOf(doc: ReturnType<typeof twoStepDocument>, selection: string[]) {
  const clip = copySelection(doc, selection);
  if (!clip) throw new Error('nothing copied');
  return clip;
}
