// A group (condition, parallel-for, exit handler) or a condition branch, drawn as a frame steps are dropped into.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FrameNodeType } from './flow-model';

function FrameNodeView({ data, selected }: NodeProps<FrameNodeType>) {
  const { frame } = data;
  return (
    <div className={`kfs-frame kfs-frame-${frame.kind}${selected ? ' kfs-selected' : ''}`} style={{ width: frame.width, height: frame.height }}>
      <div className="kfs-frame-header">
        <span className="kfs-frame-title">{frame.kind === 'branch' ? frame.detail : frame.title}</span>
        {frame.kind !== 'branch' && <span className="kfs-frame-detail">{frame.detail}</span>}
      </div>
    </div>
  );
}

export const FrameNode = memo(FrameNodeView);
