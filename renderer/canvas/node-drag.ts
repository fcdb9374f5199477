// One node drag on the canvas, from the pointer going down on steps or a frame to their drop, kept in one place: what
// it started from (the document, captured once, and the frames), where dragged steps are drawn meanwhile, and the end
// of the undo pause that makes the whole drag one undo step.
import { useMemo, useRef, useState } from 'react';
import type { Frame } from '../../shared/layout/group-frames';
import type { PipelineDocument } from '../../shared/model/document';
import { beginDrag, type EditorStore } from '../store/editor-store';

type Point = { x: number; y: number };

export interface DragSession {
  /** The document as the drag began: the undo step starts from it, and frame moves are measured from it. */
  before: PipelineDocument;
  /** Ends the undo pause (after the drop's changes are applied). */
  end: () => void;
  frames: ReadonlyMap<string, Frame>;
  /** Steps only (no frame): their positions stay here until the drop, so the document changes once. */
  local: boolean;
  positions: Map<string, Point>;
}

export interface DragView {
  /** While steps move, frames keep their size, so a step can be dragged out of its group. */
  frozenFrames?: ReadonlyMap<string, Frame>;
  /** Where dragged steps are drawn until the drop: new node objects for them only. */
  positions?: ReadonlyMap<string, Point>;
  /** While moving, dashed wires are drawn solid: dashing long paths is most of each frame's paint. */
  moving: boolean;
}

const STILL: DragView = { moving: false };

export interface NodeDrag {
  /** The drag under way, if any. */
  current(): DragSession | undefined;
  start(frames: ReadonlyMap<string, Frame>, local: boolean): void;
  /** Keeps a dragged step's position in the drag; false when the document takes it (no drag, or a frame's). */
  follow(id: string, at: Point): boolean;
  /** Draws the dragged steps where the drag has them. */
  redraw(): void;
  /** The drag that ended (its `end` still to call once the drop is applied). */
  stop(): DragSession | undefined;
}

/** The drag controller (the same object for the canvas's life) and what it draws now. */
export function useNodeDrag(store: EditorStore): [NodeDrag, DragView] {
  const session = useRef<DragSession | undefined>(undefined);
  const [view, setView] = useState<DragView>(STILL);
  const drag = useMemo<NodeDrag>(
    () => ({
      current: () => session.current,
      start(frames, local) {
        session.current?.end();
        const { before, end } = beginDrag(store);
        session.current = { before, end, frames, local, positions: new Map() };
        setView(local ? { moving: true, frozenFrames: frames } : { moving: true });
      },
      follow(id, at) {
        if (!session.current?.local) return false;
        session.current.positions.set(id, at);
        return true;
      },
      redraw() {
        const positions = session.current?.positions;
        if (positions) setView((v) => ({ ...v, positions: new Map(positions) }));
      },
      stop() {
        const ended = session.current;
        session.current = undefined;
        setView(STILL);
        return ended;
      },
    }),
    [store],
  );
  return [drag, view];
}
