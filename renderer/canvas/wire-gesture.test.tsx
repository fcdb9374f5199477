import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as wireCheck from '../../shared/edit/wire-check';
import { twoStepDocument } from '../../shared/model/test-documents';
import { renderEditor } from '../commands/editor-harness.test-host';
import { createEditorStore } from '../store/editor-store';
import { newWireGesture } from './wire-gesture';

vi.mock('../../shared/edit/wire-check', async (original) => {
  const actual = await original<typeof wireCheck>();
  return { ...actual, checkWire: vi.fn(actual.checkWire) };
});

const checkWire = vi.mocked(wireCheck.checkWire);

afterEach(() => {
  Reflect.deleteProperty(document, 'elementFromPoint');
  checkWire.mockClear();
});

describe('one wire gesture', { timeout: 30_000 }, () => {
  it('checks the hovered output→input pair once, however often the pointer moves over it, and wires it on the drop', async () => {
    const doc = twoStepDocument();
    delete doc.graph.tasks.use?.arguments.data;
    const store = createEditorStore(doc);
    renderEditor(store);
    const output = await screen.findByRole('button', { name: /make output data/ });
    const input = screen.getByRole('button', { name: /use input data/ });
    // jsdom has no layout: the handle under the pointer is the input, as it is for a person hovering it.
    const elementFromPoint = vi.fn(() => input);
    Object.assign(document, { elementFromPoint });
    checkWire.mockClear();

    fireEvent.mouseDown(output, { clientX: 10, clientY: 10, button: 0 });
    for (let step = 1; step <= 5; step++) fireEvent.mouseMove(document, { clientX: 10 + step * 20, clientY: 10 + step * 20 });
    fireEvent.mouseUp(document, { clientX: 110, clientY: 110 });

    await waitFor(() => expect(store.getState().document.graph.tasks.use?.arguments.data).toEqual({ kind: 'taskOutput', task: 'make', output: 'data' }));
    expect(elementFromPoint).toHaveBeenCalled();
    expect(checkWire).toHaveBeenCalledTimes(1);
  });

  it('asks again once the document changes or the gesture ends', () => {
    const doc = twoStepDocument();
    const gesture = newWireGesture();
    const wire = { source: 'make', sourceHandle: 'out:data', target: 'use', targetHandle: 'in:label' };
    const refusal = gesture.check(doc, wire);
    expect(refusal).toMatch(/./);
    expect(gesture.check(doc, { ...wire })).toBe(refusal);
    expect(checkWire).toHaveBeenCalledTimes(1);
    const edited = { ...doc, graph: { ...doc.graph } };
    expect(gesture.check(edited, wire)).toBe(refusal);
    expect(checkWire).toHaveBeenCalledTimes(2);
    gesture.end();
    gesture.check(edited, wire);
    expect(checkWire).toHaveBeenCalledTimes(3);
  });
});
