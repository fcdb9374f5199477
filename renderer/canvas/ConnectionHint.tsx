// While a wire is being drawn over a port it may not connect to, the reason follows the pointer
// (drawn in screen space, so it stays readable at any zoom).
import { useConnection, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editor-context';
import { CANVAS_ELEMENT_ID } from './canvas-center';
import { refusalOf, type WireGesture } from './wire-gesture';

export function ConnectionHint({ gesture }: { gesture: WireGesture }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const hint = useConnection((c) => {
    if (!c.inProgress) return { reason: undefined, x: 0, y: 0 };
    const reason = refusalOf(c, (wire) => gesture.check(store.getState().document, wire));
    return reason ? { reason, x: c.to.x, y: c.to.y } : { reason: undefined, x: 0, y: 0 };
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
