// The CLI's side of the one build path (shared/build): a document with errors is refused by printing each error and
// what to do, and the command ends with EXIT_PROBLEMS; nothing is written or sent.
import { buildPipeline, type Built, type BuildTarget } from '../../shared/build/build-pipeline';
import { formatDiagnostic } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { plural } from './cli-command';
import { EXIT_PROBLEMS } from './cli-error';

export interface RefusalText {
  /** Printed before each error ("error " where the command's other problems are printed so). */
  prefix: string;
  /** The last line, given "N errors". */
  advice: (errors: string) => string;
}

/** The document built for `target`, or EXIT_PROBLEMS once its errors and the advice are printed. */
export function buildOrPrint<T extends BuildTarget>(document: PipelineDocument, target: T, out: (line: string) => void, text: RefusalText): Built<T> | number {
  const outcome = buildPipeline(document, target);
  if (outcome.ok) return outcome;
  for (const diagnostic of outcome.errors) out(`${text.prefix}${formatDiagnostic(diagnostic)}`);
  out(text.advice(plural(outcome.errors.length, 'error')));
  return EXIT_PROBLEMS;
}
