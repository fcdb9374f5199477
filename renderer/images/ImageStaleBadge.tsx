// On a step whose image was built from the app and whose build context changed since (KFS856): a warning that opens
// the Build image dialog to rebuild it.
import { memo } from 'react';
import { useEditorStore } from '../store/editor-context';
import { useStaleImage } from './stale-images';

function ImageStaleBadgeView({ componentId, label }: { componentId: string; label: string }) {
  const stale = useStaleImage(componentId);
  const store = useEditorStore();
  if (!stale) return null;
  return (
    <button
      type="button"
      className="kfs-task-stale nodrag"
      aria-label={`Rebuild the image of ${label}`}
      title={`KFS856: ${stale.tag} is older than its build context: ${stale.reason}. Click to rebuild it.`}
      onClick={() => store.getState().openRebuild(componentId)}
    >
      ⚠ Image stale
    </button>
  );
}

export const ImageStaleBadge = memo(ImageStaleBadgeView);
