// The zoomed-out canvas (below FAR_ZOOM): one SVG in the view's coordinates with a box and a name per step, frames
// and every wire as one path. React Flow's nodes and edges are hidden meanwhile, so panning moves one drawing, not a
// thousand elements. Steps can still be selected (click, Shift/Ctrl+click), dragged (one, or the selection), and
// double-clicked to zoom in on them.
import { useReactFlow, useStore, ViewportPortal, type Edge, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import type { PipelineDocument } from '../../shared/model/document';
import type { TaskState } from '../../shared/runtime/runtime';
import { TASK_STATE_ICON, type CanvasTaskState } from '../runs/run-state';
import type { CanvasNode } from './flow-model';
import { farFrames, farTasks, fittedName, FAR_NAME_SIZE, handleSpots, LABEL_ZOOM, wirePaths, type FarTask, type Point } from './far-view';

const selectLabelled = (s: ReactFlowState) => s.transform[2] >= LABEL_ZOOM;
const ZERO: Point = { x: 0, y: 0 };
/** Screen pixels a press must travel before it drags the step instead of clicking it. */
const DRAG_START_PX = 3;

export interface FarViewProps {
  document: PipelineDocument;
  /** Steps and frames where the document places them. */
  nodes: readonly CanvasNode[];
  sizes: ReadonlyMap<string, { width: number; height: number }>;
  edges: readonly Edge[];
  selection: ReadonlySet<string>;
  errors: ReadonlyMap<string, number>;
  /** Each step's state in the document's latest run, while shown. */
  runStates: ReadonlyMap<string, CanvasTaskState> | undefined;
  onSelect: (ids: string[]) => void;
  /** Steps dropped `by` canvas units away from where they were; `pointer` is where the pointer let go. */
  onMoved: (ids: readonly string[], by: Point, pointer: Point) => void;
}

interface Drag {
  ids: ReadonlySet<string>;
  from: Point;
  screen: Point;
  by: Point;
  moved: boolean;
  toggle: string | undefined;
}

interface FarTaskBoxProps {
  task: FarTask;
  selected: boolean;
  errors: number;
  by: Point;
  labelled: boolean;
  state: TaskState | undefined;
}

const FarTaskBox = memo(function FarTaskBox({ task, selected, errors, by, labelled, state }: FarTaskBoxProps) {
  const x = task.x + by.x;
  const y = task.y + by.y;
  const className = `kfs-far-task${selected ? ' kfs-selected' : ''}${errors ? ' kfs-has-errors' : ''}${state ? ` kfs-far-run kfs-state-${state}` : ''}`;
  const name = state ? `${TASK_STATE_ICON[state]} ${task.name}` : task.name;
  return (
    <>
      <rect className={className} data-id={task.id} x={x} y={y} width={task.width} height={task.height} rx={8}>
        <title>{state ? `${task.name}: ${state} in the last run` : task.name}</title>
      </rect>
      {labelled ? (
        <text className="kfs-far-name" x={x + 12} y={y + FAR_NAME_SIZE + 8} fontSize={FAR_NAME_SIZE}>
          {fittedName(name, task.width)}
        </text>
      ) : null}
    </>
  );
});

interface FarBoxesProps extends Pick<FarViewProps, 'selection' | 'errors' | 'runStates'> {
  tasks: readonly FarTask[];
  labelled: boolean;
  by: Point;
}

const FarBoxes = memo(function FarBoxes({ tasks, selection, errors, runStates, labelled, by }: FarBoxesProps) {
  return tasks.map((t) => <FarTaskBox key={t.id} task={t} selected={selection.has(t.id)} errors={errors.get(t.id) ?? 0} by={by} labelled={labelled} state={runStates?.get(t.id)?.state} />);
});

export const FarView = memo(function FarView({ document, nodes, sizes, edges, selection, errors, runStates, onSelect, onMoved }: FarViewProps) {
  const flow = useReactFlow();
  const labelled = useStore(selectLabelled);
  const tasks = useMemo(() => farTasks(nodes, sizes), [nodes, sizes]);
  const frames = useMemo(() => farFrames(nodes, sizes), [nodes, sizes]);
  const byId = useMemo(() => new Map(tasks.map((t) => [t.id, t])), [tasks]);
  const spots = useMemo(() => handleSpots(document), [document]);
  const drag = useRef<Drag | undefined>(undefined);
  const [moving, setMoving] = useState<{ ids: ReadonlySet<string>; by: Point } | undefined>();
  const movingIds = moving?.ids;
  // Steps at rest are one memoised list for the whole drag; only the moving ones are drawn again on each move.
  const restingTasks = useMemo(() => (movingIds ? tasks.filter((t) => !movingIds.has(t.id)) : tasks), [tasks, movingIds]);
  const movingTasks = useMemo(() => (movingIds ? tasks.filter((t) => movingIds.has(t.id)) : []), [tasks, movingIds]);
  // Wires of steps at rest are drawn once per drag; only the moving steps' wires follow the pointer.
  const restingWires = useMemo(
    () => wirePaths(spots, edges, byId, undefined, movingIds ? (e) => !movingIds.has(e.source) && !movingIds.has(e.target) : undefined),
    [spots, edges, byId, movingIds],
  );
  const movingWires = moving
    ? wirePaths(spots, edges, byId, (id) => (moving.ids.has(id) ? moving.by : ZERO), (e) => moving.ids.has(e.source) || moving.ids.has(e.target))
    : undefined;

  const onPointerDown = (event: PointerEvent<SVGGElement>) => {
    const id = (event.target as Element).getAttribute('data-id');
    if (event.button !== 0 || !id) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const additive = event.shiftKey || event.metaKey || event.ctrlKey;
    let chosen = selection;
    if (!selection.has(id) && !additive) {
      chosen = new Set([id]);
      onSelect([id]);
    }
    const ids = chosen.has(id) ? new Set([...chosen].filter((s) => byId.has(s))) : new Set([id]);
    drag.current = { ids, from: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }), screen: { x: event.clientX, y: event.clientY }, by: ZERO, moved: false, toggle: additive ? id : undefined };
  };
  const onPointerMove = (event: PointerEvent<SVGGElement>) => {
    const current = drag.current;
    if (!current) return;
    if (!current.moved && Math.hypot(event.clientX - current.screen.x, event.clientY - current.screen.y) < DRAG_START_PX) return;
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    current.moved = true;
    current.by = { x: Math.round(at.x - current.from.x), y: Math.round(at.y - current.from.y) };
    setMoving({ ids: current.ids, by: current.by });
  };
  const onPointerUp = (event: PointerEvent<SVGGElement>) => {
    const current = drag.current;
    drag.current = undefined;
    if (!current) return;
    setMoving(undefined);
    if (current.moved) return onMoved([...current.ids], current.by, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    if (current.toggle) {
      const next = new Set(selection);
      if (!next.delete(current.toggle)) next.add(current.toggle);
      onSelect([...next]);
    }
  };
  const onDoubleClick = (event: MouseEvent<SVGGElement>) => {
    const task = byId.get((event.target as Element).getAttribute('data-id') ?? '');
    if (task) void flow.setCenter(task.x + task.width / 2, task.y + task.height / 2, { zoom: 1, duration: 200 });
  };

  return (
    <ViewportPortal>
      <svg className="kfs-far-view" role="img" aria-label={`Pipeline overview: ${tasks.length} step${tasks.length === 1 ? '' : 's'} drawn as boxes; zoom in to see their ports`}>
        {frames.map((f) => (
          <g key={f.id}>
            <rect className="kfs-far-frame" x={f.x} y={f.y} width={f.width} height={f.height} rx={10} />
            {labelled ? (
              <text className="kfs-far-frame-title" x={f.x + 10} y={f.y + FAR_NAME_SIZE} fontSize={FAR_NAME_SIZE * 0.8}>
                {fittedName(f.title, f.width)}
              </text>
            ) : null}
          </g>
        ))}
        <path className="kfs-far-wires" d={restingWires.data} />
        <path className="kfs-far-after" d={restingWires.after} />
        <g className="kfs-far-tasks nopan" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onDoubleClick={onDoubleClick}>
          <FarBoxes tasks={restingTasks} selection={selection} errors={errors} runStates={runStates} labelled={labelled} by={ZERO} />
        </g>
      </svg>
      {/* What a drag moves, in a layer of its own: each move repaints it alone, not the thousand steps at rest. */}
      {moving && movingWires ? (
        <svg className="kfs-far-view kfs-far-moving" aria-hidden="true">
          <path className="kfs-far-wires" d={movingWires.data} />
          <path className="kfs-far-after" d={movingWires.after} />
          <FarBoxes tasks={movingTasks} selection={selection} errors={errors} runStates={runStates} labelled={labelled} by={moving.by} />
        </svg>
      ) : null}
    </ViewportPortal>
  );
});
