// While a wire is being drawn over a port it may not connect to, the reason follows the pointer
// (drawn in screen space, so it stays readable at any zoom).
import { useConnection, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editor-context';
import { CANVAS_ELEMENT_ID } from './canvas-center';
import { checkWire } from '../../shared/edit/wire-check';

export function ConnectionHint() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const hint = useConnection((c) => {
    if (!c.inProgress || c.isValid !== false || !c.toHandle) return { reason: undefined, x: 0, y: 0 };
    const [out, into] = c.fromHandle.type === 'source' ? [c.fromHandle, c.toHandle] : [c.toHandle, c.fromHandle];
    const reason = checkWire(store.getState().document, { source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
    return { reason, x: c.to.x, y: c.to.y };
  });
  if (!hint.reason) return null;
  const screen = flow.flowToScreenPosition({ x: hint.x, y: hint.y });
  const rect = document.getElementById(CANVAS_ELEMENT_ID)?.getBoundingClientRect();
  return (
    <div className="kfs-wire-hint" role="tooltip" style={{ left: screen.x - (rect?.left ?? 0) + 14, top: screen.y - (rect?.top ?? 0) + 14 }}>
      {hint.reason}
    </div>
  );
}
