export { prepareContext, hashContext, type BuildSource, type BuildContext } from './build-context';
export { buildImage, imageEngine, type BuildRequest, type BuiltImage, type ImageEngine, type ProgressSink } from './image-build';
export { pushImage, repositoryOf, type PushedImage } from './image-push';
export { imageHandlers } from './image.handlers';
export { checkStepImageTarget, setStepImage, type StepImageTarget } from './set-step-image';
