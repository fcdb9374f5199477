// Which preview suits an artifact: by its KFP type first, then its file name, then its content.
import { CLASSIFICATION_SCHEMA, METRICS_SCHEMA } from '../../../shared/runs/run-metrics';

export type PreviewKind = 'metrics' | 'classification' | 'html' | 'markdown' | 'csv' | 'json' | 'text' | 'binary';

export function previewKind(schemaTitle: string, uri: string, text: string, binary: boolean): PreviewKind {
  if (binary) return 'binary';
  if (schemaTitle === METRICS_SCHEMA) return 'metrics';
  if (schemaTitle === CLASSIFICATION_SCHEMA) return 'classification';
  if (schemaTitle === 'system.HTML' || /\.html?$/i.test(uri)) return 'html';
  if (schemaTitle === 'system.Markdown' || /\.(md|markdown)$/i.test(uri)) return 'markdown';
  if (/\.json$/i.test(uri) || /^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      // Not (complete) JSON: fall through.
    }
  }
  if (/\.(csv|tsv)$/i.test(uri) || looksLikeCsv(text)) return 'csv';
  return 'text';
}

/** At least two lines with the same number (≥ 2) of commas outside quotes. */
export function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 5);
  if (lines.length < 2) return false;
  const counts = lines.map((l) => parseCsvLine(l, ',').length);
  return counts[0] !== undefined && counts[0] >= 2 && counts.every((c) => c === counts[0]);
}

export function parseCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch ?? '';
  }
  cells.push(cell);
  return cells;
}

/** Rows of a CSV (or TSV) text, at most `maxRows` after the header; a last line cut by the preview is dropped. */
export function parseCsv(text: string, maxRows: number, truncated = false): { header: string[]; rows: string[][]; more: boolean } {
  const separator = !text.includes(',') && text.includes('\t') ? '\t' : ',';
  const lines = text.split(/\r?\n/);
  if (truncated) lines.pop();
  const filled = lines.filter((l) => l.length > 0);
  const header = filled[0] !== undefined ? parseCsvLine(filled[0], separator) : [];
  const body = filled.slice(1);
  return { header, rows: body.slice(0, maxRows).map((l) => parseCsvLine(l, separator)), more: truncated || body.length > maxRows };
}
