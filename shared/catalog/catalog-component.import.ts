// What a catalog file can hold: a component (v1 component.yaml or a KFP v2 component), or a whole compiled
// pipeline, which becomes a nested-pipeline component (its parameters the inputs, its outputs the outputs).
// "Save pipeline for reuse" writes the latter (component-export.ts).
import { KfsError } from '../errors/codes';
import { importComponentYaml, type ImportComponentOptions, type ImportedComponent } from '../import/component.import';
import { importIr } from '../import/ir.import';
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { renameForK8s } from '../types/v1-types';

export function pipelineAsComponent(document: PipelineDocument, source?: ComponentSpec['source']): ImportedComponent {
  const id = renameForK8s(document.name) || 'pipeline';
  const component: ComponentSpec = {
    name: document.name,
    ...(document.description ? { description: document.description } : {}),
    inputs: document.graph.inputs,
    outputs: document.graph.outputs.map((o) => ({ name: o.name, type: o.type, ...(o.description ? { description: o.description } : {}) })),
    implementation: { kind: 'graph', graph: { ...document.graph, inputs: document.graph.inputs } },
    ...(source ? { source } : {}),
  };
  return { id, component, components: { ...document.components, [id]: component } };
}

/** A component file's text, or a compiled pipeline's (read as a nested pipeline). */
export function importCatalogComponent(text: string, options: ImportComponentOptions = {}): ImportedComponent {
  try {
    return importComponentYaml(text, options);
  } catch (error) {
    if (!(error instanceof KfsError) || error.code !== 'KFS414' || error.location.field !== 'root.dag') throw error;
    const document = importIr(text, options.file !== undefined ? { file: options.file } : {});
    return pipelineAsComponent(document, options.source);
  }
}
