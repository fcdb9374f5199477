// Validates a whole pipeline document: the root graph, every sub-pipeline's graph and every component.
// Runs on every edit, so each graph is indexed once and every rule is a linear pass over that index.
import type { Diagnostic } from '../errors/codes';
import type { ComponentSpec, PipelineDocument, PipelineGraph } from '../model/document';
import type { CallCache } from './validation-index';
import { buildGraphIndex, newCallCache } from './validation-index';
import { Report, sortDiagnostics } from './report';
import { checkArguments } from './rules/arguments.rule';
import { checkComponents } from './rules/components.rule';
import { checkCycles } from './rules/cycles.rule';
import { checkGroups } from './rules/groups.rule';
import { checkNames, checkPipelineName } from './rules/names.rule';
import { checkOptions } from './rules/options.rule';
import { checkOrdering } from './rules/ordering.rule';
import { checkOutputs } from './rules/outputs.rule';
import { checkParameters } from './rules/parameters.rule';
import { checkScheduling } from './rules/scheduling.rule';
import { entriesOf, isRecord, text } from '../model/shape';

/** Runs one rule; a rule that trips over input it did not expect reports that instead of throwing. */
function guarded(report: Report, rule: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    report.add('KFS503', `Part of the pipeline could not be checked (${rule}: ${error instanceof Error ? error.message : text(error)}): fix the problems reported above, or reopen the file.`);
  }
}

function validateGraph(doc: PipelineDocument, graph: PipelineGraph, graphId: string | undefined, report: Report, cache: CallCache): void {
  const ix = buildGraphIndex(doc, graph, graphId, cache);
  guarded(report, 'names', () => checkNames(ix, report));
  guarded(report, 'groups', () => checkGroups(ix, report));
  guarded(report, 'arguments', () => checkArguments(ix, report));
  guarded(report, 'ordering', () => checkOrdering(ix, report));
  guarded(report, 'outputs', () => checkOutputs(ix, report));
  guarded(report, 'cycles', () => checkCycles(ix, report));
  guarded(report, 'options', () => checkOptions(ix, report));
  guarded(report, 'kubernetes scheduling', () => checkScheduling(ix, report));
  // Last: the rules above record which parameters they read.
  guarded(report, 'parameters', () => checkParameters(ix, report));
}

/**
 * Every problem in the document, sorted: root graph first, then sub-pipelines by component id; within a graph by
 * code, then location. Never throws.
 */
export function validate(doc: PipelineDocument): Diagnostic[] {
  const report = new Report();
  try {
    if (!isRecord(doc)) {
      report.add('KFS503', 'This is not a pipeline document: open a .pipeline.json file made by KFP Studio.');
      return report.items;
    }
    const cache = newCallCache();
    guarded(report, 'pipeline name', () => checkPipelineName(doc, report));
    if (isRecord(doc.graph)) guarded(report, 'graph', () => validateGraph(doc, doc.graph, undefined, report, cache));
    else report.add('KFS503', 'The pipeline has no graph: reopen the file, or start a new pipeline.', { field: 'graph' });
    const components = entriesOf(doc.components).filter((entry): entry is [string, ComponentSpec] => isRecord(entry[1]));
    guarded(report, 'components', () => checkComponents(components, report));
    for (const [id, component] of components) {
      const impl = component.implementation;
      if (isRecord(impl) && impl.kind === 'graph' && isRecord(impl.graph)) {
        const graph = impl.graph;
        guarded(report, `sub-pipeline ${id}`, () => validateGraph(doc, graph, id, report.forGraph(id), cache));
      }
    }
  } catch (error) {
    report.add('KFS503', `The pipeline could not be checked: ${error instanceof Error ? error.message : text(error)}.`);
  }
  return sortDiagnostics(report.items);
}
