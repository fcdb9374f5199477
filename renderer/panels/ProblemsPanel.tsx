// Diagnostics from validate() (and stale images): each one a button that selects and reveals what it is about (for an
// input: its field in Properties gets the focus and its port flashes); a stale image has a "Rebuild" fix beside it. The counts stay in sight above the list, and the panel is
// resized by dragging (or with the arrow keys on) its top edge.
import { useReactFlow } from '@xyflow/react';
import { memo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatLocation, type Diagnostic } from '../../shared/errors/codes';
import { useDiagnostics } from '../editing/diagnostics';
import { useEditorStore } from '../store/editor-context';
import { revealInput } from './reveal-problem';
import { PROBLEMS_ELEMENT_ID } from '../shell/shell-focus';
import { TYPICAL_TASK } from '../../shared/layout/task-size';

const MIN_HEIGHT = 64;
const DEFAULT_HEIGHT = 168;
const KEY_STEP = 24;

const maxHeight = () => Math.round(window.innerHeight * 0.7);
const clampHeight = (h: number) => Math.max(MIN_HEIGHT, Math.min(maxHeight(), Math.round(h)));

function ResizeEdge({ height, onResize }: { height: number; onResize: (height: number) => void }) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startY = event.clientY;
    const start = height;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onResize(clampHeight(start + startY - e.clientY));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowUp') onResize(clampHeight(height + KEY_STEP));
    else if (event.key === 'ArrowDown') onResize(clampHeight(height - KEY_STEP));
    else return;
    event.preventDefault();
  };
  return (
    <div
      className="kfs-resize-edge"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize Problems"
      aria-valuenow={height}
      aria-valuemin={MIN_HEIGHT}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

function ProblemsView() {
  const diagnostics = useDiagnostics();
  const store = useEditorStore();
  const flow = useReactFlow();
  const [height, setHeight] = useState(DEFAULT_HEIGHT);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  const reveal = (d: Diagnostic) => {
    const id = d.location.graph === undefined ? (d.location.task ?? d.location.group) : undefined;
    if (id === undefined) return;
    store.getState().select([id]);
    const node = flow.getInternalNode(id);
    if (!node) return;
    const width = node.measured.width ?? TYPICAL_TASK.width;
    const nodeHeight = node.measured.height ?? TYPICAL_TASK.height;
    void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + nodeHeight / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
    if (d.location.task !== undefined && d.location.port !== undefined) revealInput(d.location.task, d.location.port);
  };

  return (
    <section className="kfs-panel kfs-problems" aria-label="Problems" tabIndex={-1} id={PROBLEMS_ELEMENT_ID} style={diagnostics.length ? { height } : undefined}>
      <ResizeEdge height={height} onResize={setHeight} />
      <h2>
        Problems{' '}
        <span className="kfs-problem-counts" aria-label={`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}>
          {diagnostics.length ? (
            <>
              <span className={errors ? 'kfs-count-errors' : undefined}>✖ {errors} error{errors === 1 ? '' : 's'}</span>
              <span className={warnings ? 'kfs-count-warnings' : undefined}>⚠ {warnings} warning{warnings === 1 ? '' : 's'}</span>
            </>
          ) : (
            'none'
          )}
        </span>
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
              {d.code === 'KFS856' && d.location.component !== undefined && (
                <button type="button" className="kfs-problem-fix" aria-label={`Rebuild the image of ${d.location.task ?? d.location.component}`} onClick={() => store.getState().openRebuild(d.location.component)}>
                  Rebuild
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ProblemsPanel = memo(ProblemsView);
