import { describe, expect, it } from 'vitest';
import { applyPipelineChanges } from '../model/changes';
import { consumerComponent, producerComponent, twoStepDocument } from '../model/test-documents';
import { addComponentChanges, freePosition } from './add-component';

describe('addComponentChanges', () => {
  it('adds a task with a fresh id and a numbered display name when the id is taken, reusing the equal component', () => {
    const doc = twoStepDocument();
    const entry = { id: 'make', component: producerComponent, components: { make: producerComponent } };
    const { taskId, changes } = addComponentChanges(doc, entry, { x: 10, y: 20 });
    const next = applyPipelineChanges(doc, changes);
    expect(taskId).toBe('make-2');
    expect(next.graph.tasks['make-2']).toMatchObject({ component: 'make', displayName: 'Make data 2' });
    expect(next.graph.layout['make-2']).toEqual({ x: 10, y: 20 });
    expect(Object.keys(next.components)).toEqual(['make', 'use']);
  });

  it('keeps a different component under the same id apart', () => {
    const doc = twoStepDocument();
    const other = { ...consumerComponent, name: 'Another' };
    const { changes } = addComponentChanges(doc, { id: 'use', component: other, components: { use: other } }, { x: 0, y: 0 });
    const next = applyPipelineChanges(doc, changes);
    expect(next.components.use).toEqual(consumerComponent);
    expect(next.components['use-2']).toEqual(other);
    expect(next.graph.tasks['use-2']?.component).toBe('use-2');
  });
});

describe('freePosition', () => {
  it('keeps the wanted spot when it is free and moves off a task that covers it', () => {
    const doc = twoStepDocument();
    const size = () => ({ width: 240, height: 120 });
    expect(freePosition(doc, { x: 1000, y: 1000 }, size)).toEqual({ x: 1000, y: 1000 });
    const moved = freePosition(doc, { x: 0, y: 0 }, size);
    const overlaps = Object.values(doc.graph.layout).some((b) => moved.x < b.x + 260 && b.x < moved.x + 260 && moved.y < b.y + 140 && b.y < moved.y + 180);
    expect(overlaps).toBe(false);
  });

  it('judges the spot for the size of the new task: a tall one moves off a task below the wanted corner', () => {
    const doc = twoStepDocument();
    const size = () => ({ width: 240, height: 120 });
    const below = Object.values(doc.graph.layout)[0] as { x: number; y: number };
    const wanted = { x: below.x, y: below.y - 300 };
    expect(freePosition(doc, wanted, size, { width: 240, height: 100 })).toEqual(wanted);
    expect(freePosition(doc, wanted, size, { width: 240, height: 400 })).not.toEqual(wanted);
  });
});
