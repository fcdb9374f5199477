// One task on the canvas: its name, component, inputs on the left and outputs on the right, each port a handle.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import type { ComponentSpec, PortSpec } from '../../shared/model/document';
import { typeLabel } from '../../shared/types/type-compat';
import { CatalogUpdateBadge } from '../catalogs/CatalogUpdateBadge';
import { ImageStaleBadge } from '../images/ImageStaleBadge';
import type { TaskNodeType } from './flow-model';
import { inputHandle, ORDER_IN, ORDER_OUT, outputHandle } from '../../shared/edit/port-handles';
import { renderProbe } from './render-probe';
import { StepRunState } from './StepRunState';
import { own } from '../../shared/names/names';
import { graphIndex } from '../../shared/model/graph-index';

function PortRow({ task, port, side, wired }: { task: string; port: PortSpec; side: 'input' | 'output'; wired: boolean }) {
  const isInput = side === 'input';
  const missing = isInput && !wired && !port.optional && port.default === undefined;
  return (
    <div className={`kfs-port kfs-port-${side}${missing ? ' kfs-port-missing' : ''}`}>
      <Handle
        type={isInput ? 'target' : 'source'}
        position={isInput ? Position.Left : Position.Right}
        id={isInput ? inputHandle(port.name) : outputHandle(port.name)}
        role="button"
        aria-label={`${task} ${side} ${port.name}`}
        title={`${port.name}: ${typeLabel(port.type)}${port.description ? ` — ${port.description}` : ''}`}
      />
      <span className="kfs-port-name">{port.name}</span>
      <span className={`kfs-port-type${port.type.kind === 'artifact' ? ' kfs-artifact' : ''}`} title={port.type.kind === 'artifact' ? port.type.schemaTitle : undefined}>
        {typeLabel(port.type)}
      </span>
    </div>
  );
}

/** A nested pipeline's inner tasks, shown read-only when its node is expanded. */
function InnerTasks({ component, label }: { component: ComponentSpec; label: string }) {
  if (component.implementation.kind !== 'graph') return null;
  const tasks = [...graphIndex(component.implementation.graph).tasks.values()];
  return (
    <ul className="kfs-inner-tasks nodrag" aria-label={`Inside ${label}`}>
      {tasks.map((t) => (
        <li key={t.id}>
          <span>{t.displayName || t.id}</span>
          {(t.after.length > 0 || Object.values(t.arguments).some((a) => a.kind === 'taskOutput')) && (
            <span className="kfs-muted">
              {' '}
              ← {[...new Set([...t.after, ...Object.values(t.arguments).flatMap((a) => (a.kind === 'taskOutput' ? [a.task] : []))])].join(', ')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function TaskNodeView({ data, selected }: NodeProps<TaskNodeType>) {
  // Kept here so a nested pipeline stays expanded while other steps change.
  const [expanded, setExpanded] = useState(false);
  renderProbe.onTaskRender?.(data.task.id);
  return <NearTask data={data} selected={selected} expanded={expanded} setExpanded={setExpanded} />;
}

interface NearProps extends Pick<NodeProps<TaskNodeType>, 'data' | 'selected'> {
  expanded: boolean;
  setExpanded: (update: (expanded: boolean) => boolean) => void;
}

function NearTask({ data, selected, expanded, setExpanded }: NearProps) {
  const { task, component, label, errors } = data;
  const nested = component?.implementation.kind === 'graph';
  return (
    <div className={`kfs-task${selected ? ' kfs-selected' : ''}${errors ? ' kfs-has-errors' : ''}${nested ? ' kfs-nested' : ''}`}>
      <Handle type="target" position={Position.Top} id={ORDER_IN} className="kfs-order-handle" role="button" aria-label={`${label} runs after`} title="Drop an ordering edge here: this task runs after the other" />
      <StepRunState taskId={task.id} label={label} />
      <div className="kfs-task-header">
        <span className="kfs-task-title">{label}</span>
        <CatalogUpdateBadge componentId={task.component} component={component} label={label} />
        <ImageStaleBadge componentId={task.component} label={label} />
        {errors > 0 && (
          <span className="kfs-task-errors" aria-label={`${errors} problem${errors === 1 ? '' : 's'}`}>
            {errors}
          </span>
        )}
      </div>
      {component?.name !== label && <div className="kfs-task-component">{component ? component.name : `missing component ${task.component}`}</div>}
      {nested && component && (
        <div className="kfs-nested-bar">
          <span className="kfs-muted">Nested pipeline · {Object.keys(component.implementation.kind === 'graph' ? component.implementation.graph.tasks : {}).length} tasks</span>
          <button type="button" className="nodrag" aria-expanded={expanded} aria-label={`${expanded ? 'Collapse' : 'Expand'} ${label}`} onClick={() => setExpanded((e) => !e)}>
            {expanded ? 'Collapse' : 'Expand'}
          </button>
        </div>
      )}
      {nested && expanded && component && <InnerTasks component={component} label={label} />}
      <div className="kfs-task-ports">
        <div className="kfs-ports-in">
          {component?.inputs.map((port) => <PortRow key={port.name} task={label} port={port} side="input" wired={own(task.arguments, port.name) !== undefined} />)}
        </div>
        <div className="kfs-ports-out">
          {component?.outputs.map((port) => <PortRow key={port.name} task={label} port={port} side="output" wired />)}
        </div>
      </div>
      <Handle type="source" position={Position.Bottom} id={ORDER_OUT} className="kfs-order-handle" role="button" aria-label={`${label} runs before`} title="Drag to another task's top handle: that task runs after this one" />
    </div>
  );
}

export const TaskNode = memo(TaskNodeView);
