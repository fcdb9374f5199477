// Classification metrics as small SVG charts: a confusion matrix (cells shaded by count) and an ROC curve.
import type { ReactNode } from 'react';
import { rocArea, sortedRoc, type ConfusionMatrix, type RocPoint } from '../../../shared/runs/run-metrics';

export function ConfusionMatrixChart({ matrix, caption }: { matrix: ConfusionMatrix; caption?: string }) {
  const n = matrix.labels.length;
  const cell = 56;
  const left = 90;
  const top = 40;
  const max = Math.max(1, ...matrix.rows.flat());
  const size = { width: left + n * cell + 10, height: top + n * cell + 30 };
  return (
    <figure className="kfs-chart">
      <svg role="img" aria-label={`Confusion matrix of ${n} classes${caption ? `, ${caption}` : ''}`} width={size.width} height={size.height} viewBox={`0 0 ${size.width} ${size.height}`}>
        <text x={left + (n * cell) / 2} y={14} textAnchor="middle" className="kfs-chart-axis">predicted</text>
        {matrix.labels.map((label, j) => (
          <text key={`p${j}`} x={left + j * cell + cell / 2} y={top - 8} textAnchor="middle" className="kfs-chart-label">{label}</text>
        ))}
        {matrix.rows.map((row, i) => (
          <g key={i}>
            <text x={left - 8} y={top + i * cell + cell / 2 + 4} textAnchor="end" className="kfs-chart-label">{matrix.labels[i]}</text>
            {row.map((count, j) => {
              const strength = count / max;
              return (
                <g key={j} data-cell={`${i},${j}`}>
                  <rect x={left + j * cell} y={top + i * cell} width={cell - 2} height={cell - 2} rx={3} fill={`rgba(37, 99, 235, ${0.08 + 0.8 * strength})`} />
                  <text x={left + j * cell + cell / 2 - 1} y={top + i * cell + cell / 2 + 4} textAnchor="middle" className={strength > 0.5 ? 'kfs-chart-count kfs-chart-count-strong' : 'kfs-chart-count'}>
                    {count}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
        <text x={12} y={top + (n * cell) / 2} textAnchor="middle" transform={`rotate(-90 12 ${top + (n * cell) / 2})`} className="kfs-chart-axis">actual</text>
      </svg>
      <figcaption>{caption ? `${caption}: ` : 'Confusion matrix: '}rows are the actual class, columns the predicted one.</figcaption>
    </figure>
  );
}

const ROC_SIZE = 200;
const ROC_PAD = 30;
const rocX = (fpr: number) => ROC_PAD + fpr * ROC_SIZE;
const rocY = (tpr: number) => ROC_PAD + (1 - tpr) * ROC_SIZE;
const rocPath = (points: readonly RocPoint[]) => sortedRoc(points).map((p, i) => `${i ? 'L' : 'M'}${rocX(p.fpr).toFixed(1)},${rocY(p.tpr).toFixed(1)}`).join(' ');

/** The square, the chance diagonal and the axis names every ROC chart shares; the curves go inside. */
function RocFrame({ label, children }: { label: string; children: ReactNode }) {
  const size = ROC_SIZE;
  const pad = ROC_PAD;
  return (
    <svg role="img" aria-label={label} width={size + pad * 2} height={size + pad * 2}>
      <rect x={pad} y={pad} width={size} height={size} fill="none" className="kfs-chart-frame" />
      <line x1={rocX(0)} y1={rocY(0)} x2={rocX(1)} y2={rocY(1)} className="kfs-chart-diagonal" />
      {children}
      <text x={pad + size / 2} y={size + pad * 2 - 6} textAnchor="middle" className="kfs-chart-axis">false positive rate</text>
      <text x={10} y={pad + size / 2} textAnchor="middle" transform={`rotate(-90 10 ${pad + size / 2})`} className="kfs-chart-axis">true positive rate</text>
    </svg>
  );
}

export function RocChart({ points }: { points: RocPoint[] }) {
  const auc = rocArea(points);
  return (
    <figure className="kfs-chart">
      <RocFrame label={`ROC curve of ${points.length} points, area ${auc.toFixed(3)}`}>
        <path d={rocPath(points)} fill="none" className="kfs-chart-line" />
      </RocFrame>
      <figcaption>ROC curve (area under the curve {auc.toFixed(3)}).</figcaption>
    </figure>
  );
}

export interface LabelledCurve {
  label: string;
  color: string;
  points: RocPoint[];
  auc: number;
}

/** Several ROC curves over one another (runs compared), each in its colour, with a legend naming them. */
export function RocCurvesChart({ curves }: { curves: LabelledCurve[] }) {
  return (
    <figure className="kfs-chart">
      <RocFrame label={`ROC curves of ${curves.length} runs`}>
        {curves.map((curve, i) => (
          <path key={i} d={rocPath(curve.points)} fill="none" stroke={curve.color} strokeWidth={2} data-curve={curve.label} />
        ))}
      </RocFrame>
      <figcaption>
        <ul className="kfs-chart-legend" aria-label="ROC curves">
          {curves.map((curve, i) => (
            <li key={i}>
              <span className="kfs-chart-swatch" style={{ background: curve.color }} aria-hidden="true" />
              {curve.label}: area {curve.auc.toFixed(3)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
