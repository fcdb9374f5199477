// Diagnostics from validate(): each one a button that selects and reveals the task it is about.
import { useReactFlow } from '@xyflow/react';
import { memo } from 'react';
import { formatLocation, type Diagnostic } from '../../shared/errors/codes';
import { useDiagnostics } from '../editing/diagnostics-context';
import { useEditorStore } from '../store/editor-context';

export const PROBLEMS_ELEMENT_ID = 'kfs-problems';

function ProblemsView() {
  const diagnostics = useDiagnostics();
  const store = useEditorStore();
  const flow = useReactFlow();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  const reveal = (d: Diagnostic) => {
    const id = d.location.graph === undefined ? (d.location.task ?? d.location.group) : undefined;
    if (id === undefined) return;
    store.getState().select([id]);
    const node = flow.getInternalNode(id);
    if (!node) return;
    const width = node.measured.width ?? 240;
    const height = node.measured.height ?? 120;
    void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
  };

  return (
    <section className="kfs-panel kfs-problems" aria-label="Problems" tabIndex={-1} id={PROBLEMS_ELEMENT_ID}>
      <h2>
        Problems <span className="kfs-muted">{diagnostics.length ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'none'}</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="kfs-muted">No problems: the pipeline is valid.</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={`${d.code}-${i}`}>
              <button type="button" className={`kfs-problem kfs-${d.severity}`} onClick={() => reveal(d)}>
                <span className="kfs-problem-code">{d.code}</span> <span className="kfs-problem-where">{formatLocation(d.location)}</span>: {d.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ProblemsPanel = memo(ProblemsView);
