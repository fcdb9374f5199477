import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDocument, type PipelineDocument } from '../../shared/model/document';
import { producerComponent, task } from '../../shared/model/test-documents';
import { beginDrag, createEditorStore } from '../store/editor-store';
import { renderEditor } from '../commands/editor-harness.test-host';
import { renderProbe } from './render-probe';

/** `count` tasks in a chain of wires; the first two sit at the origin (in jsdom's small view), the rest far off. */
function bigDocument(count: number): PipelineDocument {
  const doc = emptyDocument('big');
  doc.components.make = { ...producerComponent, inputs: [...producerComponent.inputs, { name: 'seed', type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, optional: true }] };
  for (let i = 0; i < count; i++) {
    const id = `t${i}`;
    doc.graph.tasks[id] = task(id, 'make', i > 0 ? { arguments: { seed: { kind: 'taskOutput', task: `t${i - 1}`, output: 'count' } } } : {});
    // The rest lie far to the bottom right: the view, fitted at a readable scale, opens on the pipeline's start.
    doc.graph.layout[id] = i < 2 ? { x: i * 20, y: 0 } : { x: 30000 + (i % 40) * 300, y: 15000 + Math.floor(i / 80) * 220 };
  }
  return doc;
}

afterEach(() => {
  renderProbe.onTaskRender = undefined;
});

describe('canvas rendering with many tasks', () => {
  it('does not re-render an untouched task while another one is dragged in a 1,000-task pipeline', { timeout: 120_000 }, async () => {
    const store = createEditorStore(bigDocument(1000));
    const mounted = new Set<string>();
    renderProbe.onTaskRender = (id) => mounted.add(id);
    renderEditor(store);
    await screen.findByRole('group', { name: 't1' }, { timeout: 60_000 });
    // Only the tasks in view were ever rendered: the others are not mounted even once to be measured.
    expect([...mounted].sort()).toEqual(['t0', 't1']);
    const renders = new Map<string, number>();
    renderProbe.onTaskRender = (id) => renders.set(id, (renders.get(id) ?? 0) + 1);
    const started = performance.now();
    act(() => {
      const { end } = beginDrag(store);
      for (let step = 1; step <= 30; step++) store.getState().apply([{ type: 'moveNodes', positions: { t0: { x: step * 5, y: step * 3 } } }]);
      end();
    });
    const elapsed = performance.now() - started;
    expect(renders.get('t0') ?? 0).toBeGreaterThan(0);
    expect(renders.get('t1') ?? 0).toBe(0);
    // Tasks off screen are not rendered at all.
    expect(screen.queryByRole('group', { name: 't500' })).toBeNull();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    console.info(`[render] 30 drag steps of one task among 1,000: ${elapsed.toFixed(0)} ms in jsdom`);
  });
});
