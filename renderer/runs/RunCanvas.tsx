// The run drawn on the pipeline's canvas, read-only: each task shows its live state as colour, words and timing, and
// opens its drawer when clicked. Groups are drawn as frames around their tasks.
import { Background, Handle, Position, ReactFlow, useReactFlow, useStore, type Edge, type FitViewOptions, type Node, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useEffect, useMemo } from 'react';
import type { PipelineDocument } from '../../shared/model/document';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { computeFrames } from '../../shared/layout/group-frames';
import { canvasTaskStates, durationText, TASK_STATE_TEXT, type CanvasTaskState } from './run-state';
import { own } from '../../shared/names/names';
import { graphIndex } from '../../shared/model/graph-index';

const NODE_WIDTH = 220;
const NODE_HEIGHT = 76;
const FIT: FitViewOptions = { padding: 0.15, maxZoom: 1.1 };

interface RunTaskData extends Record<string, unknown> {
  label: string;
  name: string;
}

/** The live part, passed by context so node objects stay the same while states change (React Flow keeps their
 *  measured handles; new node objects on every snapshot would make it measure again and drop edges meanwhile). */
interface LiveRun {
  states: Map<string, CanvasTaskState>;
  now: number;
  selected: string | undefined;
  onOpen: (name: string) => void;
}

const LiveRunContext = createContext<LiveRun>({ states: new Map(), now: 0, selected: undefined, onOpen: () => undefined });

interface RunFrameData extends Record<string, unknown> {
  title: string;
  detail: string;
}

type RunTaskNodeType = Node<RunTaskData, 'runTask'>;
type RunFrameNodeType = Node<RunFrameData, 'runFrame'>;

function RunTaskNodeView({ data }: NodeProps<RunTaskNodeType>) {
  const live = useContext(LiveRunContext);
  const status = live.states.get(data.name);
  const selected = live.selected === data.name;
  const state = status?.state ?? 'pending';
  const timing = status ? durationText(status, live.now) : '';
  const iterations = status && status.tasks.length > 1 ? `${status.tasks.filter((t) => t.state === 'succeeded' || t.state === 'cached').length}/${status.tasks.length} done` : '';
  const stateText = TASK_STATE_TEXT[state];
  return (
    <button
      type="button"
      className={`kfs-run-node kfs-state-${state}${selected ? ' kfs-run-node-selected' : ''}`}
      aria-label={`${data.label}: ${stateText}${timing ? `, ${timing}` : ''}`}
      aria-pressed={selected}
      data-task={data.name}
      data-state={state}
      onClick={() => live.onOpen(data.name)}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="kfs-run-node-title">{data.label}</span>
      <span className="kfs-run-node-status">
        <span className="kfs-run-dot" aria-hidden="true" />
        <span className="kfs-run-state-text">{stateText}</span>
        {timing ? <span className="kfs-run-timing">{timing}</span> : null}
        {iterations ? <span className="kfs-run-timing">{iterations}</span> : null}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </button>
  );
}

function RunFrameNodeView({ data }: NodeProps<RunFrameNodeType>) {
  return (
    <div className="kfs-run-frame">
      <span className="kfs-run-frame-title">{data.title}</span>
      {data.detail ? <span className="kfs-run-frame-detail"> {data.detail}</span> : null}
    </div>
  );
}

const nodeTypes = { runTask: memo(RunTaskNodeView), runFrame: memo(RunFrameNodeView) };

export interface RunCanvasProps {
  document: PipelineDocument;
  run: RunSnapshot;
  now: number;
  selectedTask: string | undefined;
  onOpenTask: (name: string) => void;
}

const selectWidth = (s: { width: number }) => s.width;
const selectHeight = (s: { height: number }) => s.height;

/**
 * Fits the whole pipeline into the canvas again whenever the canvas changes size: the task drawer opening beside it
 * (it takes part of the width), the window resized, the run header growing by an error line. React Flow measures the
 * canvas itself, so the fit uses the size the person sees, not a guess made before the layout settled.
 */
function FitWhenResized() {
  const flow = useReactFlow();
  const width = useStore(selectWidth);
  const height = useStore(selectHeight);
  useEffect(() => {
    if (width > 0 && height > 0) void flow.fitView(FIT);
  }, [flow, width, height]);
  return null;
}

function edgesOf(document: PipelineDocument): Edge[] {
  const { tasks } = document.graph;
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, dashed: boolean) => {
    const id = `${source}->${target}`;
    if (!tasks[source] || seen.has(id)) return;
    seen.add(id);
    // Above the group frames (negative z-index), which would otherwise hide edges crossing them.
    edges.push({ id, source, target, zIndex: 1, ...(dashed ? { className: 'kfs-edge-after' } : {}) });
  };
  for (const task of graphIndex(document.graph).tasks.values()) {
    for (const argument of Object.values(task.arguments)) {
      if (argument.kind === 'taskOutput' || argument.kind === 'collected') add(argument.task, task.id, false);
      if (argument.kind === 'oneOf') for (const s of argument.sources) add(s.task, task.id, false);
    }
    for (const up of task.after) add(up, task.id, true);
  }
  return edges;
}

export function RunCanvas({ document, run, now, selectedTask, onOpenTask }: RunCanvasProps) {
  const states = useMemo(() => canvasTaskStates(run), [run]);
  const frames = useMemo(() => computeFrames(document.graph, () => ({ width: NODE_WIDTH, height: NODE_HEIGHT })), [document]);
  const edges = useMemo(() => edgesOf(document), [document]);
  const nodes = useMemo(() => {
    const list: (RunTaskNodeType | RunFrameNodeType)[] = [];
    for (const frame of frames.values()) {
      list.push({
        id: `frame:${frame.id}`,
        type: 'runFrame',
        position: { x: frame.x, y: frame.y },
        width: frame.width,
        height: frame.height,
        data: { title: frame.title, detail: frame.detail },
        zIndex: frame.depth - 100,
        selectable: false,
        focusable: false,
      });
    }
    let index = 0;
    for (const task of graphIndex(document.graph).tasks.values()) {
      const position = own(document.graph.layout, task.id) ?? { x: (index % 5) * 300, y: Math.floor(index / 5) * 200 };
      index++;
      list.push({
        id: task.id,
        type: 'runTask',
        position: { x: position.x, y: position.y },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: { label: task.displayName || task.id, name: task.id },
        selectable: false,
        focusable: false,
      });
    }
    return list;
  }, [document, frames]);
  const live = useMemo<LiveRun>(() => ({ states, now, selected: selectedTask, onOpen: onOpenTask }), [states, now, selectedTask, onOpenTask]);
  return (
    <LiveRunContext.Provider value={live}>
    <div className="kfs-run-canvas" aria-label={`Run canvas of ${run.displayName}`} role="region">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_, node) => {
          if (node.type === 'runTask') onOpenTask(node.id);
        }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        fitView
        fitViewOptions={FIT}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <FitWhenResized />
      </ReactFlow>
    </div>
    </LiveRunContext.Provider>
  );
}
