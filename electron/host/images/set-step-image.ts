// Sets an image step's image in a pipeline document to what was built (the digest-pinned reference when pushed) with
// its build record. The step is checked before the build (KFS857), and the file is saved against the revision read
// then, so an edit made meanwhile is never overwritten (KFS507).
import { KfsError } from '../../../shared/errors/codes';
import type { ContainerImplementation, ImageBuildRecord, PipelineDocument } from '../../../shared/model/document';
import { openDocument, saveDocument } from '../document.service';

export interface StepImageTarget {
  file: string;
  componentId: string;
  revision?: string;
}

function containerOf(document: PipelineDocument, target: StepImageTarget): ContainerImplementation {
  const component = Object.prototype.hasOwnProperty.call(document.components, target.componentId) ? document.components[target.componentId] : undefined;
  if (!component) {
    const names = Object.keys(document.components).filter((id) => document.components[id]?.implementation.kind === 'container');
    throw new KfsError('KFS857', `${target.file} has no component "${target.componentId}". Its image steps: ${names.join(', ') || 'none'}.`, { file: target.file });
  }
  if (component.implementation.kind !== 'container') {
    throw new KfsError('KFS857', `The component "${target.componentId}" in ${target.file} is a ${component.implementation.kind} step, not an image step: only an image step runs a built image.`, { file: target.file, component: target.componentId });
  }
  return component.implementation;
}

/** Opens the document and checks the step, answering the target with the revision to save against. */
export async function checkStepImageTarget(documentsDir: string, file: string, componentId: string): Promise<StepImageTarget> {
  const opened = await openDocument(documentsDir, file);
  const target = { file, componentId, ...(opened.revision ? { revision: opened.revision } : {}) };
  containerOf(opened.document, target);
  return target;
}

export async function setStepImage(documentsDir: string, target: StepImageTarget, image: string, build: ImageBuildRecord): Promise<void> {
  const opened = await openDocument(documentsDir, target.file);
  const implementation = containerOf(opened.document, target);
  implementation.image = image;
  implementation.build = build;
  await saveDocument(documentsDir, target.file, opened.document, target.revision ?? opened.revision);
}
