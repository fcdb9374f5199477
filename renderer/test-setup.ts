// jsdom lacks the layout APIs React Flow measures with; these stand-ins report zero-size boxes, as React Flow's
// own testing guide does. Everything else in renderer tests is the real code.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.callback([{ target, contentRect: target.getBoundingClientRect() } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

Object.assign(globalThis, { ResizeObserver: ResizeObserverStub, DOMMatrixReadOnly: DOMMatrixReadOnlyStub });
// The canvas pane reports a desktop-sized view (so culling of off-screen tasks behaves as in a window); every
// other element reports a task-sized box.
const isPane = (element: HTMLElement) => element.classList.contains('react-flow__renderer');
Object.defineProperties(HTMLElement.prototype, {
  offsetHeight: {
    get(this: HTMLElement) {
      return isPane(this) ? 700 : 100;
    },
    configurable: true,
  },
  offsetWidth: {
    get(this: HTMLElement) {
      return isPane(this) ? 1000 : 240;
    },
    configurable: true,
  },
});
(SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;

afterEach(() => cleanup());
