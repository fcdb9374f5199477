// One task on the canvas: its name, component, inputs on the left and outputs on the right, each port a handle.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { PortSpec } from '../../shared/model/document';
import { typeLabel } from '../../shared/types/type-compat';
import type { TaskNodeType } from './flow-model';
import { inputHandle, outputHandle } from './port-handles';

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
      <span className={`kfs-port-type${port.type.kind === 'artifact' ? ' kfs-artifact' : ''}`}>{typeLabel(port.type)}</span>
    </div>
  );
}

function TaskNodeView({ data, selected }: NodeProps<TaskNodeType>) {
  const { task, component, label, errors } = data;
  return (
    <div className={`kfs-task${selected ? ' kfs-selected' : ''}${errors ? ' kfs-has-errors' : ''}`}>
      <div className="kfs-task-header">
        <span className="kfs-task-title">{label}</span>
        {errors > 0 && (
          <span className="kfs-task-errors" aria-label={`${errors} problem${errors === 1 ? '' : 's'}`}>
            {errors}
          </span>
        )}
      </div>
      {component?.name !== label && <div className="kfs-task-component">{component ? component.name : `missing component ${task.component}`}</div>}
      <div className="kfs-task-ports">
        <div className="kfs-ports-in">
          {component?.inputs.map((port) => <PortRow key={port.name} task={label} port={port} side="input" wired={task.arguments[port.name] !== undefined} />)}
        </div>
        <div className="kfs-ports-out">
          {component?.outputs.map((port) => <PortRow key={port.name} task={label} port={port} side="output" wired />)}
        </div>
      </div>
    </div>
  );
}

export const TaskNode = memo(TaskNodeView);
