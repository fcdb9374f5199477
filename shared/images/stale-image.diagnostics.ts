// Images built from the app that no longer match their build context, as problems: a KFS856 warning on each task
// that runs one (the app's host finds them by hashing each build context again; see renderer/images/stale-images.ts).
import type { Diagnostic } from '../errors/codes';
import type { PipelineDocument, PipelineGraph } from '../model/document';

export interface StaleImage {
  componentId: string;
  tag: string;
  /** Why: what changed, or why the context cannot be read. */
  reason: string;
}

export type StaleImages = ReadonlyMap<string, StaleImage>;

export const NO_STALE_IMAGES: StaleImages = new Map();

function graphDiagnostics(graph: PipelineGraph, stale: StaleImages, graphId: string | undefined, out: Diagnostic[]): void {
  for (const task of Object.values(graph.tasks)) {
    const image = stale.get(task.component);
    if (!image) continue;
    out.push({
      code: 'KFS856',
      severity: 'warning',
      message: `The image ${image.tag} is older than its build context: ${image.reason} since it was built. Rebuild it.`,
      location: { ...(graphId !== undefined ? { graph: graphId } : {}), task: task.id, component: task.component, field: 'implementation.image' },
    });
  }
}

/** A KFS856 warning for each task (in the pipeline and in nested pipelines) running a stale image. */
export function staleImageDiagnostics(document: PipelineDocument, stale: StaleImages): Diagnostic[] {
  if (!stale.size) return [];
  const out: Diagnostic[] = [];
  graphDiagnostics(document.graph, stale, undefined, out);
  for (const [id, component] of Object.entries(document.components)) {
    if (component.implementation.kind === 'graph') graphDiagnostics(component.implementation.graph, stale, id, out);
  }
  return out;
}
