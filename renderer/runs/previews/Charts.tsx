// Classification metrics as small SVG charts: a confusion matrix (cells shaded by count) and an ROC curve.
import { rocArea, sortedRoc, type ConfusionMatrix, type RocPoint } from '../../../shared/runs/run-metrics';

export function ConfusionMatrixChart({ matrix }: { matrix: ConfusionMatrix }) {
  const n = matrix.labels.length;
  const cell = 56;
  const left = 90;
  const top = 40;
  const max = Math.max(1, ...matrix.rows.flat());
  const size = { width: left + n * cell + 10, height: top + n * cell + 30 };
  return (
    <figure className="kfs-chart">
      <svg role="img" aria-label={`Confusion matrix of ${n} classes`} width={size.width} height={size.height} viewBox={`0 0 ${size.width} ${size.height}`}>
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
      <figcaption>Confusion matrix: rows are the actual class, columns the predicted one.</figcaption>
    </figure>
  );
}

export function RocChart({ points }: { points: RocPoint[] }) {
  const size = 200;
  const pad = 30;
  const sorted = sortedRoc(points);
  const x = (fpr: number) => pad + fpr * size;
  const y = (tpr: number) => pad + (1 - tpr) * size;
  const path = sorted.map((p, i) => `${i ? 'L' : 'M'}${x(p.fpr).toFixed(1)},${y(p.tpr).toFixed(1)}`).join(' ');
  const auc = rocArea(sorted);
  return (
    <figure className="kfs-chart">
      <svg role="img" aria-label={`ROC curve of ${points.length} points, area ${auc.toFixed(3)}`} width={size + pad * 2} height={size + pad * 2}>
        <rect x={pad} y={pad} width={size} height={size} fill="none" className="kfs-chart-frame" />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="kfs-chart-diagonal" />
        <path d={path} fill="none" className="kfs-chart-line" />
        <text x={pad + size / 2} y={size + pad * 2 - 6} textAnchor="middle" className="kfs-chart-axis">false positive rate</text>
        <text x={10} y={pad + size / 2} textAnchor="middle" transform={`rotate(-90 10 ${pad + size / 2})`} className="kfs-chart-axis">true positive rate</text>
      </svg>
      <figcaption>ROC curve (area under the curve {auc.toFixed(3)}).</figcaption>
    </figure>
  );
}
