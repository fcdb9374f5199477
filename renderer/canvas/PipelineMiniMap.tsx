// The minimap: every step and frame as one SVG path drawn from the document's layout, and the visible part of the
// canvas. React Flow's own MiniMap subscribes once per node, which costs every pointer move of a drag in a large
// pipeline; this one redraws the nodes only when the layout changes (a drag lands at the drop) and the view
// rectangle when the view moves. Dragging inside it pans the canvas; the wheel zooms.
import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import type { CanvasNode } from './flow-model';
import { boxOf } from './far-view';
import { boxAround as union, type Box } from './fit-pipeline';

// Small enough to leave the canvas to the steps at 1280×720; it folds to a button (the choice is kept per browser).
const WIDTH = 150;
const HEIGHT = 100;
const FOLDED_KEY = 'kfs-minimap-folded';
const MARGIN = 5;

const viewOf = (s: ReactFlowState) => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const sameView = (a: ReturnType<typeof viewOf>, b: ReturnType<typeof viewOf>) =>
  a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

const rectPath = (b: Box) => `M${b.x},${b.y}h${b.width}v${b.height}h${-b.width}z`;

export interface PipelineMiniMapProps {
  /** Where steps and frames are in the document (not where a drag is drawing them now). */
  nodes: readonly CanvasNode[];
  sizes: ReadonlyMap<string, { width: number; height: number }>;
}

export const PipelineMiniMap = memo(function PipelineMiniMap({ nodes, sizes }: PipelineMiniMapProps) {
  const flow = useReactFlow();
  const view = useStore(viewOf, sameView);
  const boxes = useMemo(() => nodes.map((n) => boxOf(n, sizes)), [nodes, sizes]);
  const [stepsPath, framesPath] = useMemo(() => {
    const path = (type: CanvasNode['type']) => boxes.filter((_, i) => nodes[i]?.type === type).map(rectPath).join('');
    return [path('task'), path('frame')];
  }, [boxes, nodes]);
  const content = useMemo(() => union(boxes), [boxes]);
  const visible: Box = { x: -view.x / view.zoom, y: -view.y / view.zoom, width: view.width / view.zoom, height: view.height / view.zoom };
  const all = union(content ? [content, visible] : [visible]) ?? visible;
  const scale = Math.max(all.width / WIDTH, all.height / HEIGHT) || 1;
  const viewBox = {
    x: all.x - (WIDTH * scale - all.width) / 2 - MARGIN * scale,
    y: all.y - (HEIGHT * scale - all.height) / 2 - MARGIN * scale,
    width: WIDTH * scale + 2 * MARGIN * scale,
    height: HEIGHT * scale + 2 * MARGIN * scale,
  };
  const dragging = useRef(false);
  const [folded, setFolded] = useState(() => globalThis.localStorage?.getItem(FOLDED_KEY) === '1');
  const fold = (next: boolean) => {
    setFolded(next);
    globalThis.localStorage?.setItem(FOLDED_KEY, next ? '1' : '0');
  };

  const toFlow = (event: PointerEvent | WheelEvent) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: viewBox.x + ((event.clientX - rect.left) / rect.width) * viewBox.width,
      y: viewBox.y + ((event.clientY - rect.top) / rect.height) * viewBox.height,
    };
  };
  const centreOn = (event: PointerEvent) => {
    const at = toFlow(event);
    void flow.setCenter(at.x, at.y, { zoom: view.zoom });
  };

  if (folded) {
    return (
      <Panel position="bottom-right" className="kfs-minimap-folded">
        <button type="button" aria-label="Show minimap" title="Show minimap" onClick={() => fold(false)}>
          ▣ Map
        </button>
      </Panel>
    );
  }
  return (
    <Panel position="bottom-right" className="react-flow__minimap kfs-minimap">
      <button type="button" className="kfs-minimap-hide" aria-label="Hide minimap" title="Hide minimap" onClick={() => fold(true)}>
        ×
      </button>
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Minimap"
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          centreOn(event);
        }}
        onPointerMove={(event) => {
          if (dragging.current) centreOn(event);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onWheel={(event) => {
          const zoom = Math.min(Math.max(view.zoom * (event.deltaY < 0 ? 1.2 : 1 / 1.2), 0.05), 2);
          const centre = { x: visible.x + visible.width / 2, y: visible.y + visible.height / 2 };
          void flow.setCenter(centre.x, centre.y, { zoom });
        }}
      >
        <path className="kfs-minimap-frame" d={framesPath} strokeWidth={scale} />
        <path className="react-flow__minimap-node" d={stepsPath} />
        <path
          className="react-flow__minimap-mask"
          d={`${rectPath({ x: viewBox.x - viewBox.width, y: viewBox.y - viewBox.height, width: viewBox.width * 3, height: viewBox.height * 3 })}${rectPath(visible)}`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
});
