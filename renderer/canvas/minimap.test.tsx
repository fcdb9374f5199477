import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../shared/model/document';
import { producerComponent, task } from '../../shared/model/test-documents';
import { createEditorStore } from '../store/editor-store';
import { renderEditor } from '../commands/editor-harness.test-host';

function threeSteps() {
  const doc = emptyDocument('mini');
  doc.components.make = producerComponent;
  for (const [i, id] of ['a', 'b', 'c'].entries()) {
    doc.graph.tasks[id] = task(id, 'make');
    doc.graph.layout[id] = { x: i * 400, y: i * 100 };
  }
  return doc;
}

const stepRects = (map: Element) => (map.querySelector('.react-flow__minimap-node')?.getAttribute('d') ?? '').match(/M/g)?.length ?? 0;

describe('the minimap', () => {
  it('draws every step where the document places it, and follows moves and new steps', async () => {
    const store = createEditorStore(threeSteps());
    renderEditor(store);
    const map = await screen.findByRole('img', { name: 'Minimap' });
    expect(stepRects(map)).toBe(3);
    expect(map.querySelector('.react-flow__minimap-node')?.getAttribute('d')).toContain('M800,200');
    act(() => store.getState().apply([{ type: 'moveNodes', positions: { c: { x: 900, y: 250 } } }]));
    expect(map.querySelector('.react-flow__minimap-node')?.getAttribute('d')).toContain('M900,250');
    act(() => store.getState().apply([{ type: 'addTask', task: task('d', 'make'), position: { x: 0, y: 600 } }]));
    expect(stepRects(map)).toBe(4);
  });
});
