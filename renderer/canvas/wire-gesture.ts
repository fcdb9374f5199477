// One wire gesture asks about the same output→input pair many times: React Flow's isValidConnection on every pointer
// move, the hint on every connection update, and the drop. The answer depends only on the pair and the document, so a
// gesture checks each pair once and forgets everything when it ends or the document changes.
import { checkWire, type Wire } from '../../shared/edit/wire-check';
import type { PipelineDocument } from '../../shared/model/document';

export interface WireGesture {
  /** checkWire's answer, computed once per pair and document version while the gesture lasts. */
  check: (document: PipelineDocument, wire: Wire) => string | undefined;
  end: () => void;
}

export function newWireGesture(): WireGesture {
  let checkedOn: PipelineDocument | undefined;
  const reasons = new Map<string, string | undefined>();
  return {
    check(document, wire) {
      if (document !== checkedOn) {
        reasons.clear();
        checkedOn = document;
      }
      const key = `${wire.source}\u0000${wire.sourceHandle ?? ''}\u0000${wire.target}\u0000${wire.targetHandle ?? ''}`;
      if (reasons.has(key)) return reasons.get(key);
      const reason = checkWire(document, wire);
      reasons.set(key, reason);
      return reason;
    },
    end() {
      reasons.clear();
      checkedOn = undefined;
    },
  };
}

interface HandleEnd {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

/** Why the wire being drawn (or just dropped) is refused, when React Flow marked it invalid over a handle. */
export function refusalOf(
  connection: { isValid: boolean | null; fromHandle: HandleEnd | null; toHandle: HandleEnd | null },
  check: (wire: Wire) => string | undefined,
): string | undefined {
  const { fromHandle, toHandle } = connection;
  if (connection.isValid !== false || !fromHandle || !toHandle) return undefined;
  const [out, into] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return check({ source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
}
