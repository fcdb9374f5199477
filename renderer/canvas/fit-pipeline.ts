// Fitting the view to the pipeline, never so small that port text is unreadable: a pipeline larger than the canvas
// at that scale opens at its start (top left), and the minimap, scrolling and zooming out show the rest.
import type { Node, ReactFlowInstance, Viewport } from '@xyflow/react';
import { CANVAS_ELEMENT_ID } from './canvas-center';
import { TYPICAL_TASK } from '../../shared/layout/task-size';

/** The smallest text a person should have to read on screen. */
export const READABLE_TEXT_PX = 11;
/** The smallest port text a task draws at zoom 1: the type line under each port name (styles.css `.kfs-port-type`). */
export const PORT_TYPE_TEXT_PX = 11;
/** Fitting stops at this scale: port types are READABLE_TEXT_PX on screen. */
export const FIT_MIN_ZOOM = READABLE_TEXT_PX / PORT_TYPE_TEXT_PX;
export const FIT_MAX_ZOOM = 1.2;
/** Space left around the pipeline, in screen pixels. */
const PADDING = 40;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The view that shows `content` in a pane of `pane`'s size: the whole of it, centred, when it fits at a readable
 * scale; otherwise at FIT_MIN_ZOOM from its start on each axis that does not fit.
 */
export function fitViewport(content: Box, pane: { width: number; height: number }): Viewport {
  const room = { width: Math.max(pane.width - 2 * PADDING, 1), height: Math.max(pane.height - 2 * PADDING, 1) };
  const wanted = Math.min(room.width / Math.max(content.width, 1), room.height / Math.max(content.height, 1));
  const zoom = Math.min(Math.max(wanted, FIT_MIN_ZOOM), FIT_MAX_ZOOM);
  const axis = (start: number, size: number, paneSize: number, roomSize: number) =>
    size * zoom <= roomSize ? (paneSize - size * zoom) / 2 - start * zoom : PADDING - start * zoom;
  return { x: axis(content.x, content.width, pane.width, room.width), y: axis(content.y, content.height, pane.height, room.height), zoom };
}

/** The box around `boxes`. */
export function boxAround(boxes: readonly Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

type Placed = Pick<Node, 'position' | 'width' | 'height' | 'measured'>;
const boxOfPlaced = (n: Placed): Box => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.width ?? TYPICAL_TASK.width, height: n.measured?.height ?? n.height ?? TYPICAL_TASK.height });

/** Fits the canvas's view to its pipeline (see fitViewport); false while the canvas has no size or no steps. */
export function fitPipeline(flow: Pick<ReactFlowInstance, 'getNodes' | 'setViewport'>): boolean {
  const pane = document.getElementById(CANVAS_ELEMENT_ID)?.querySelector('.react-flow__renderer') ?? document.getElementById(CANVAS_ELEMENT_ID);
  const content = boxAround(flow.getNodes().map(boxOfPlaced));
  if (!pane || !content) return false;
  const size = { width: (pane as HTMLElement).offsetWidth, height: (pane as HTMLElement).offsetHeight };
  if (!size.width || !size.height) return false;
  void flow.setViewport(fitViewport(content, size));
  return true;
}
