// The document's diagnostics as views read them: from the store, which validates once per document version.
import type { Diagnostic } from '../../shared/errors/codes';
import { useEditor } from '../store/editor-context';
import { selectDiagnostics } from '../store/selectors';

export const useDiagnostics = (): readonly Diagnostic[] => useEditor(selectDiagnostics);

export function errorsByTask(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || d.location.graph !== undefined || d.location.task === undefined) continue;
    counts.set(d.location.task, (counts.get(d.location.task) ?? 0) + 1);
  }
  return counts;
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!diagnostics.length) return 'Validated: no problems.';
  return `Validated: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
}
