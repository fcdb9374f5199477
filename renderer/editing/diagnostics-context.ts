import { createContext, useContext, useMemo } from 'react';
import type { Diagnostic } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { validate } from '../../shared/validate/validate';

export const DiagnosticsContext = createContext<readonly Diagnostic[]>([]);

export const useDiagnostics = (): readonly Diagnostic[] => useContext(DiagnosticsContext);

/** Validates on every document change (validation is a pure function of the document). */
export function useValidation(document: PipelineDocument): readonly Diagnostic[] {
  return useMemo(() => validate(document), [document]);
}

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
