// What KFP's metrics artifacts hold, read leniently: scalar metrics (system.Metrics: the SDK's log_metric puts them in
// the artifact's metadata; plain components often write a JSON object to the file) and classification metrics
// (system.ClassificationMetrics: log_confusion_matrix / log_roc_data_points shapes). Shared by the run previews and
// the comparison of runs.

export const METRICS_SCHEMA = 'system.Metrics';
export const CLASSIFICATION_SCHEMA = 'system.ClassificationMetrics';

export interface ConfusionMatrix {
  labels: string[];
  rows: number[][];
}

export interface RocPoint {
  threshold?: number;
  tpr: number;
  fpr: number;
}

const isObject = (v: unknown): v is { [k: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** KFP's ClassificationMetrics (the SDK's log_confusion_matrix / log_roc_data_points shapes). */
export function readClassification(value: unknown): { matrix?: ConfusionMatrix; roc?: RocPoint[] } {
  if (!isObject(value)) return {};
  const out: { matrix?: ConfusionMatrix; roc?: RocPoint[] } = {};
  const cm = value.confusionMatrix;
  if (isObject(cm) && Array.isArray(cm.annotationSpecs) && Array.isArray(cm.rows)) {
    const labels = cm.annotationSpecs.map((s, i) => (isObject(s) && typeof s.displayName === 'string' ? s.displayName : String(i)));
    const rows = cm.rows.map((r) => (isObject(r) && Array.isArray(r.row) ? r.row.map(Number) : []));
    if (rows.length === labels.length && rows.every((r) => r.length === labels.length && r.every(Number.isFinite))) out.matrix = { labels, rows };
  }
  if (Array.isArray(value.confidenceMetrics)) {
    const points = value.confidenceMetrics.flatMap((p) => {
      if (!isObject(p)) return [];
      const tpr = Number(p.truePositiveRate ?? p.recall);
      const fpr = Number(p.falsePositiveRate);
      if (!Number.isFinite(tpr) || !Number.isFinite(fpr)) return [];
      const threshold = p.threshold ?? p.confidenceThreshold;
      return [{ tpr, fpr, ...(typeof threshold === 'number' ? { threshold } : {}) }];
    });
    if (points.length) out.roc = points;
  }
  return out;
}

/** Scalar metrics: a JSON object's numbers and strings (nested `metrics` too). */
export function readMetrics(value: unknown): [string, number | string][] {
  if (!isObject(value)) return [];
  const source = isObject(value.metrics) ? value.metrics : value;
  return Object.entries(source).flatMap(([k, v]) => (typeof v === 'number' || typeof v === 'string' ? [[k, v] as [string, number | string]] : []));
}

/** An artifact's scalar metrics: those of its file, then those of its metadata (the SDK's `display_name` left out). */
export function scalarMetrics(file: unknown, metadata: unknown): [string, number | string][] {
  const seen = new Set<string>();
  const out: [string, number | string][] = [];
  for (const [key, value] of [...readMetrics(file), ...readMetrics(metadata)]) {
    if (key === 'display_name' || seen.has(key)) continue;
    seen.add(key);
    out.push([key, value]);
  }
  return out;
}

/** A curve's points from the lowest false positive rate up. */
export function sortedRoc(points: readonly RocPoint[]): RocPoint[] {
  return [...points].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
}

/** Area under an ROC curve (trapezoids between its points). */
export function rocArea(points: readonly RocPoint[]): number {
  const sorted = sortedRoc(points);
  let area = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as RocPoint;
    const b = sorted[i] as RocPoint;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}
