// Graph outputs (pipeline outputs, or a sub-pipeline's outputs): each comes from a task output that exists at the
// top of the graph (or is gathered with collected / oneOf) and has the declared type.
import { typeLabel } from '../../types/type-compat';
import { resolveArgument } from '../argument-resolve';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { isRecord, listOf, quote, text } from '../../model/shape';
import { isKfpType } from '../value-type';

const FROM_TASKS = new Set(['taskOutput', 'collected', 'oneOf']);

export function checkOutputs(ix: ValidationIndex, report: Report): void {
  const label = ix.graphId === undefined ? 'Pipeline output' : `Output of sub-pipeline ${quote(ix.graphId)}`;
  listOf(ix.graph.outputs).forEach((output, index) => {
    if (!isRecord(output)) return;
    const name = typeof output.name === 'string' ? output.name : `#${index + 1}`;
    const what = `${label} ${quote(name)}`;
    const site = { output: name, field: 'source' };
    const source = output.source;
    if (!isRecord(source) || !FROM_TASKS.has(source.kind)) {
      report.add('KFS107', `${what} must come from a task output, but its source is ${isRecord(source) ? `a ${text(source.kind)}` : 'missing'}: connect it to an output of a task.`, site);
      return;
    }
    const type = resolveArgument(ix, report, source, { what, site, chain: [], output: true });
    if (!type) return;
    if (!isKfpType(output.type)) {
      report.add('KFS107', `${what} has no type: set it to the type of its source, ${typeLabel(type)}.`, { output: name, field: 'type' });
      return;
    }
    const problem = ix.compat(type, output.type);
    if (problem) report.add('KFS107', `${what} is declared ${typeLabel(output.type)} but its source gives ${typeLabel(type)} (${problem}): change the declared type or the source.`, { output: name, field: 'type' });
  });
}
