// The pipeline canvas: React Flow drawing the document's root graph. Every edit goes to the store as PipelineChanges.
import {
  Background,
  Controls,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type Node,
  type NodeChange,
  type ReactFlowState,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { addComponentChanges } from '../../shared/edit/add-component';
import { COMPONENT_DRAG_TYPE, useCatalog } from '../editing/catalog-context';
import { errorsByTask, useDiagnostics } from '../editing/diagnostics';
import { useEditor, useEditorStore } from '../store/editor-context';
import { beginDrag } from '../store/editor-store';
import { useNodeDrag } from './node-drag';
import { selectApply, selectDocument, selectGeneration, selectSelect, selectSelection, selectWireRefusal } from '../store/selectors';
import { CANVAS_ELEMENT_ID } from './canvas-center';
import { ConnectionHint } from './ConnectionHint';
import { useFadingRefusal } from './refusal-fade';
import { deleteChanges } from '../../shared/edit/delete-changes';
import { estimatedTaskHeight, TASK_WIDTH } from './auto-layout';
import { buildEdges, buildFrameNodes, buildNodes, newNodeCache, type CanvasNode } from './flow-model';
import { dropParentChanges, frameMovePositions } from '../../shared/edit/frame-drag';
import { FrameNode } from './FrameNode';
import { FarView } from './FarView';
import { CanvasRunBar } from './StepRunState';
import { useCanvasRun, type CanvasRunState } from '../runs/canvas-run';
import { FAR_ZOOM, type Point } from './far-view';
import { fitPipeline } from './fit-pipeline';
import { computeFrames, containerAt } from '../../shared/layout/group-frames';
import { PipelineMiniMap } from './PipelineMiniMap';
import { portOfHandle } from '../../shared/edit/port-handles';
import { TaskNode } from './TaskNode';
import { isOrdering, type Wire } from '../../shared/edit/wire-check';
import { newWireGesture, refusalOf } from './wire-gesture';
import { nameRecord } from '../../shared/names/names';

const nodeTypes = { task: TaskNode, frame: FrameNode };
const multiSelectionKeys = ['Shift', 'Meta', 'Control'];

const edgeTypes = {};
const defaultEdgeOptions = { type: 'smoothstep' };
const NO_EDGES: Edge[] = [];
/**
 * From this many steps on, only steps in view are drawn. A smaller pipeline draws every step, so steps just beyond
 * the view (it opens at a readable scale, not squeezed to fit) are there at once when it scrolls.
 */
const CULL_FROM_TASKS = 50;
// Booleans, so the canvas re-renders when the zoom crosses FAR_ZOOM or the pane gets its size, not on every zoom step.
const selectFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;
const selectSized = (state: ReactFlowState) => state.width > 0 && state.height > 0;
const selectShownStates = (s: CanvasRunState) => (s.shown ? s.states : undefined);
/** Hidden copies of nodes while zoomed out (FarView draws them), one per node object so unchanged ones keep theirs. */
const hiddenCopies = new WeakMap<CanvasNode, CanvasNode>();
const hiddenCopy = (node: CanvasNode): CanvasNode => {
  let copy = hiddenCopies.get(node);
  if (!copy) hiddenCopies.set(node, (copy = { ...node, hidden: true } as CanvasNode));
  return copy;
};

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
  }
  return { x: event.clientX, y: event.clientY };
}

export function Canvas() {
  const store = useEditorStore();
  const document = useEditor(selectDocument);
  const selectionList = useEditor(selectSelection);
  const apply = useEditor(selectApply);
  const select = useEditor(selectSelect);
  const generation = useEditor(selectGeneration);
  const refusal = useEditor(selectWireRefusal);
  useFadingRefusal(store, refusal);
  const diagnostics = useDiagnostics();
  const catalog = useCatalog();
  const flow = useReactFlow();
  const far = useStore(selectFar);
  const sized = useStore(selectSized);
  const runStates = useCanvasRun(selectShownStates);
  const wrapper = useRef<HTMLDivElement>(null);
  const cache = useRef(newNodeCache());
  const [sizes, setSizes] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const [drag, { frozenFrames, positions: dragPositions, moving }] = useNodeDrag(store);

  const selection = useMemo(() => new Set(selectionList), [selectionList]);
  const taskErrors = useMemo(() => errorsByTask(diagnostics), [diagnostics]);
  const liveFrames = useMemo(() => computeFrames(document.graph, (id) => sizes.get(id) ?? { width: TASK_WIDTH, height: estimatedTaskHeight(document, id) }), [document, sizes]);
  const frames = frozenFrames ?? liveFrames;
  const taskNodes = useMemo(() => buildNodes(document, selection, sizes, taskErrors, cache.current), [document, selection, sizes, taskErrors]);
  const frameNodes = useMemo(() => buildFrameNodes(frames, selection, cache.current), [frames, selection]);
  const placedNodes = useMemo<CanvasNode[]>(() => (frameNodes.length ? [...frameNodes, ...taskNodes] : taskNodes), [frameNodes, taskNodes]);
  const nodes = useMemo<CanvasNode[]>(() => {
    if (far) return placedNodes.map(hiddenCopy);
    if (!dragPositions?.size) return placedNodes;
    return placedNodes.map((n) => {
      const at = dragPositions.get(n.id);
      return at ? ({ ...n, position: at, dragging: true } as CanvasNode) : n;
    });
  }, [placedNodes, dragPositions, far]);
  const baseEdges = useMemo(() => buildEdges(document, cache.current), [document]);
  const edges = useMemo(() => (far ? NO_EDGES : baseEdges.map((e) => (selection.has(e.id) ? { ...e, selected: true } : e))), [baseEdges, selection, far]);

  // Each document is fitted once, when it is loaded and the canvas has its size. An empty document is never fitted
  // (fitPipeline has nothing to fit), so the first drop does not move the view away from where the step was dropped.
  useEffect(() => {
    if (!sized) return;
    const frame = requestAnimationFrame(() => void fitPipeline(flow));
    return () => cancelAnimationFrame(frame);
  }, [generation, sized, flow]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const positions = nameRecord<{ x: number; y: number; width?: number; height?: number }>();
      const carried = new Set<string>();
      let nextSizes: Map<string, { width: number; height: number }> | undefined;
      let nextSelection: Set<string> | undefined;
      let localMoved = false;
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) {
          if (liveFrames.has(change.id)) continue;
          nextSizes ??= new Map(sizes);
          nextSizes.set(change.id, change.dimensions);
        } else if (change.type === 'position' && change.position) {
          const base = drag.current()?.frames ?? liveFrames;
          const frame = base.get(change.id);
          if (frame) {
            const delta = { x: Math.round(change.position.x - frame.x), y: Math.round(change.position.y - frame.y) };
            const moved = frameMovePositions(drag.current()?.before ?? store.getState().document, frame, delta);
            for (const [id, at] of Object.entries(moved)) {
              positions[id] = at;
              carried.add(id);
            }
          } else if (carried.has(change.id)) continue;
          else {
            const at = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
            if (drag.follow(change.id, at)) localMoved = true;
            else positions[change.id] = at;
          }
        } else if (change.type === 'select') {
          nextSelection ??= new Set(store.getState().selection);
          if (change.selected) nextSelection.add(change.id);
          else nextSelection.delete(change.id);
        }
      }
      if (nextSizes) setSizes(nextSizes);
      if (localMoved) drag.redraw();
      if (Object.keys(positions).length) apply([{ type: 'moveNodes', positions }]);
      if (nextSelection) select([...nextSelection]);
    },
    [apply, drag, liveFrames, select, sizes, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        next ??= new Set(store.getState().selection);
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      if (next) select([...next]);
    },
    [select, store],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: Node[]; edges: Edge[] }) => apply(deleteChanges(cut, gone.map((n) => n.id))),
    [apply],
  );

  const wireGesture = useMemo(newWireGesture, []);
  const isValidConnection: IsValidConnection = useCallback(
    (wire) => wireGesture.check(store.getState().document, wire as Wire) === undefined,
    [store, wireGesture],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (wireGesture.check(store.getState().document, connection)) return;
      if (isOrdering(connection)) {
        apply([{ type: 'addAfter', task: connection.target, dependsOn: connection.source }]);
        store.getState().setStatus(`${connection.target} now runs after ${connection.source}.`);
        return;
      }
      const output = portOfHandle(connection.sourceHandle, 'out');
      const input = portOfHandle(connection.targetHandle, 'in');
      if (output === undefined || input === undefined) return;
      apply([{ type: 'setArgument', task: connection.target, input, argument: { kind: 'taskOutput', task: connection.source, output } }]);
      store.getState().setStatus(`Wired ${connection.source}.${output} to ${connection.target}.${input}.`);
    },
    [apply, store, wireGesture],
  );

  const onConnectStart = useCallback(() => {
    wireGesture.end();
    store.getState().refuseWire(undefined);
  }, [store, wireGesture]);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const reason = refusalOf(state, (wire) => wireGesture.check(store.getState().document, wire));
      wireGesture.end();
      if (!reason) return;
      const rect = wrapper.current?.getBoundingClientRect();
      const pointer = pointerOf(event);
      store.getState().refuseWire({ reason, x: pointer.x - (rect?.left ?? 0), y: pointer.y - (rect?.top ?? 0) });
    },
    [store, wireGesture],
  );

  const onNodeDragStart = useCallback(
    (_event: MouseEvent | TouchEvent, _node: CanvasNode, dragged: CanvasNode[]) => {
      drag.start(liveFrames, !dragged.some((n) => n.type === 'frame'));
    },
    [drag, liveFrames],
  );
  const onNodeDragStop = useCallback(
    (event: MouseEvent | TouchEvent, node: CanvasNode, dragged: CanvasNode[]) => {
      const info = drag.stop();
      if (!info) return;
      if (info.positions.size) apply([{ type: 'moveNodes', positions: Object.fromEntries(info.positions) }]);
      // The node under the pointer lands where the pointer is; others by their header.
      const pointer = flow.screenToFlowPosition(pointerOf(event));
      const dropped = dragged.map((n) => {
        const width = info.frames.get(n.id)?.width ?? n.measured?.width ?? TASK_WIDTH;
        return { id: n.id, centre: n.id === node.id ? pointer : { x: n.position.x + width / 2, y: n.position.y + 15 } };
      });
      const changes = dropParentChanges(store.getState().document, info.frames, dropped);
      if (changes.length) apply(changes);
      info.end();
    },
    [apply, drag, flow, store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(COMPONENT_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const ref = event.dataTransfer.getData(COMPONENT_DRAG_TYPE);
      const entry = catalog.entries.find((e) => e.ref === ref);
      if (!entry) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const { taskId, changes } = addComponentChanges(store.getState().document, entry, { x: Math.round(at.x - 120), y: Math.round(at.y - 30) });
      const container = containerAt(liveFrames, at);
      apply(container ? [...changes, { type: 'setParent', ids: [taskId], parent: container }] : changes);
      select([taskId]);
      store.getState().setStatus(`Added ${entry.component.name} as ${taskId}.`);
    },
    [apply, catalog.entries, flow, liveFrames, select, store],
  );

  /** Steps dragged in the zoomed-out drawing: one undo step, and into or out of a frame as with a node drag. */
  const onFarMoved = useCallback(
    (ids: readonly string[], by: Point) => {
      const { end } = beginDrag(store);
      const positions = nameRecord<Point>();
      for (const id of ids) {
        const at = cache.current.nodes.get(id)?.position;
        if (at) positions[id] = { x: at.x + by.x, y: at.y + by.y };
      }
      apply([{ type: 'moveNodes', positions }]);
      const dropped = Object.entries(positions).map(([id, at]) => ({ id, centre: { x: at.x + TASK_WIDTH / 2, y: at.y + 15 } }));
      const changes = dropParentChanges(store.getState().document, liveFrames, dropped);
      if (changes.length) apply(changes);
      end();
    },
    [apply, liveFrames, store],
  );

  const onPaneClick = useCallback(() => store.getState().refuseWire(undefined), [store]);

  return (
    <section className={moving ? 'kfs-canvas kfs-canvas-moving' : 'kfs-canvas'} aria-label="Pipeline canvas" id={CANVAS_ELEMENT_ID} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        deleteKeyCode={null}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={onPaneClick}
        multiSelectionKeyCode={multiSelectionKeys}
        selectionMode={SelectionMode.Partial}
        elevateNodesOnSelect={false}
        onMoveStart={onPaneClick}
        colorMode="system"
        minZoom={0.05}
        onlyRenderVisibleElements={taskNodes.length >= CULL_FROM_TASKS}
      >
        {/* Zoomed out, the dots would be a pixel apart: painting them was a large part of each pan frame. */}
        {far ? null : <Background gap={24} />}
        {far ? <FarView document={document} nodes={placedNodes} sizes={sizes} edges={baseEdges} selection={selection} errors={taskErrors} runStates={runStates} onSelect={select} onMoved={onFarMoved} /> : null}
        <Controls position="bottom-left" onFitView={() => void fitPipeline(flow)} />
        <PipelineMiniMap nodes={placedNodes} sizes={sizes} />
        <ConnectionHint gesture={wireGesture} />
        <CanvasRunBar />
      </ReactFlow>
      {refusal && (
        <div className="kfs-wire-refusal" role="alert" style={{ left: refusal.x + 12, top: refusal.y + 12 }}>
          Wire refused: {refusal.reason}
        </div>
      )}
    </section>
  );
}
