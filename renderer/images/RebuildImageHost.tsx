// "Rebuild" of a stale image (from Problems or the step's badge on the canvas): the Build image dialog starts from the
// step's last build, and what it builds becomes the step's image with the new build record, one undoable change.
import type { ComponentSpec, ImageBuildRecord } from '../../shared/model/document';
import { own } from '../../shared/names/names';
import { builtImageOf } from '../../shared/images/image-staleness';
import { useEditor, useEditorStore } from '../store/editor-context';
import { selectDocument } from '../store/selectors';
import { BuildImageDialog } from './BuildImageDialog';

const selectRebuild = (s: { rebuildImage: string | undefined }) => s.rebuildImage;

function rebuilt(component: ComponentSpec, image: string, build: ImageBuildRecord): ComponentSpec | undefined {
  const impl = component.implementation;
  if (impl.kind !== 'container' && impl.kind !== 'script') return undefined;
  return { ...component, implementation: { ...impl, image, build } };
}

export function RebuildImageHost() {
  const store = useEditorStore();
  const componentId = useEditor(selectRebuild);
  const document = useEditor(selectDocument);
  const component = componentId !== undefined ? own(document.components, componentId) : undefined;
  const built = builtImageOf(component);
  if (componentId === undefined || !component || !built) return null;
  const close = () => store.getState().openRebuild(undefined);
  const current = built.current;
  return (
    <BuildImageDialog
      key={componentId}
      previous={built.build}
      {...(current.kind === 'packages' ? { packages: { packages: current.packages, baseImage: current.baseImage } } : {})}
      onClose={close}
      onBuilt={(image, build) => {
        const next = rebuilt(component, image, build);
        if (next) store.getState().apply([{ type: 'putComponent', id: componentId, component: next }]);
        store.getState().setStatus(`Rebuilt the image of ${component.name}: it now runs ${image}.`);
      }}
    />
  );
}
