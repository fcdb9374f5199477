// Zoomed out below FAR_ZOOM the canvas draws each step as a box with its name in one drawing (no port rows, no
// React Flow nodes); steps there can still be selected and dragged, and zooming in brings the full nodes back.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { createEditorStore } from '../store/editor-store';
import { renderZoomableCanvas } from './canvas-zoom.test-host';
import { FAR_ZOOM, LABEL_ZOOM } from './far-view';

beforeAll(() => {
  // jsdom has no pointer capture.
  Object.assign(Element.prototype, { setPointerCapture: () => undefined });
});
function renderCanvas() {
  const store = createEditorStore(twoStepDocument());
  return { store, ...renderZoomableCanvas(store) };
}

const overview = () => screen.queryByRole('img', { name: /^Pipeline overview/ });
const box = (id: string) => overview()?.querySelector(`rect[data-id="${id}"]`) as SVGRectElement;

describe('the zoomed-out drawing', () => {
  it('draws steps as boxes with names below FAR_ZOOM, without port rows, and full nodes again when zoomed in', async () => {
    const { zoom } = renderCanvas();
    const use = within(await screen.findByRole('group', { name: 'use' }, { timeout: 10_000 }));
    await zoom(1);
    expect(use.getByText('label')).toBeTruthy();
    expect(overview()).toBeNull();

    await zoom(FAR_ZOOM - 0.1);
    expect(screen.queryByRole('group', { name: 'use' })).toBeNull();
    expect(screen.queryByText('label')).toBeNull();
    expect(overview()?.getAttribute('aria-label')).toContain('2 steps');
    expect(box('use')).toBeTruthy();
    expect([...(overview()?.querySelectorAll('.kfs-far-name') ?? [])].map((t) => t.textContent)).toEqual(['make', 'use']);
    // the wire make.data → use.data is drawn
    expect(overview()?.querySelector('.kfs-far-wires')?.getAttribute('d')).toMatch(/^M[\d-]+,[\d-]+C/);

    await zoom(LABEL_ZOOM - 0.05);
    expect(overview()?.querySelectorAll('.kfs-far-name')).toHaveLength(0);
    expect(box('make')).toBeTruthy();

    await zoom(1);
    expect(within(await screen.findByRole('group', { name: 'use' })).getByText('label')).toBeTruthy();
    expect(overview()).toBeNull();
  });

  it('selects a step with a click and moves it with a drag, as one undo step', async () => {
    const { store, zoom } = renderCanvas();
    await screen.findByRole('group', { name: 'use' }, { timeout: 10_000 });
    await zoom(0.25);
    fireEvent.pointerDown(box('use'), { button: 0, pointerId: 1, clientX: 10, clientY: 40 });
    fireEvent.pointerUp(box('use'), { button: 0, pointerId: 1, clientX: 10, clientY: 40 });
    expect(store.getState().selection).toEqual(['use']);
    expect(box('use').getAttribute('class')).toContain('kfs-selected');

    fireEvent.pointerDown(box('make'), { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
    const tasks = overview()?.querySelector('.kfs-far-tasks') as Element;
    fireEvent.pointerMove(tasks, { button: 0, pointerId: 1, clientX: 35, clientY: 60 });
    // while it moves, the box follows (drawn in the moving layer) and the document is not written yet
    expect(document.querySelector('.kfs-far-moving rect[data-id="make"]')?.getAttribute('x')).toBe('100');
    expect(box('make')).toBeNull();
    expect(store.getState().document.graph.layout.make).toEqual({ x: 0, y: 0 });
    fireEvent.pointerUp(overview()?.querySelector('.kfs-far-tasks') as Element, { button: 0, pointerId: 1, clientX: 35, clientY: 60 });
    expect(box('make').getAttribute('x')).toBe('100');
    expect(store.getState().selection).toEqual(['make']);
    expect(store.getState().document.graph.layout.make).toEqual({ x: 100, y: 200 });
    act(() => store.temporal.getState().undo());
    expect(store.getState().document.graph.layout.make).toEqual({ x: 0, y: 0 });
  });
});
