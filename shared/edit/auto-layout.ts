// Auto layout: the importer's layout (shared/import/ir-layout), as one moveNodes change.
// Groups and condition branches are laid out as boxes the size of their frames, so frames do not overlap.
import { graphLayout } from '../import/ir-layout';
import type { PipelineChange } from '../model/changes';
import type { PipelineDocument } from '../model/document';

export function autoLayoutChange(document: PipelineDocument): PipelineChange {
  return { type: 'moveNodes', positions: graphLayout(document.graph, document.components) };
}
