// Which build context a step's image stands for now. An image step built from a folder or a script stands for the
// files it was built from (the host hashes them again); a script step's image stands for the packages the step lists
// now on the base image it was built from, so editing the packages makes the image stale. The code is not in the
// image (it stays in the step's command), so editing it never does.
import type { ComponentSpec, ImageBuildRecord, ImageBuildSource } from '../model/document';

export interface BuiltImage {
  build: ImageBuildRecord;
  /** The context to hash now and compare with `build.contextHash`. */
  current: ImageBuildSource;
}

export function builtImageOf(component: ComponentSpec | undefined): BuiltImage | undefined {
  const impl = component?.implementation;
  if (!impl || (impl.kind !== 'container' && impl.kind !== 'script') || !impl.build) return undefined;
  const { build } = impl;
  if (impl.kind === 'script' && build.source.kind === 'packages') return { build, current: { kind: 'packages', packages: impl.packages ?? [], baseImage: build.source.baseImage } };
  return { build, current: build.source };
}

/** What changed, in the words of the step's kind of build. */
export function staleWhat(source: ImageBuildSource): string {
  if (source.kind === 'script') return 'the script or its requirements changed';
  if (source.kind === 'folder') return 'files in the build folder changed';
  return "the step's packages changed";
}
