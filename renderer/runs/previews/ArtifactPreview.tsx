// One artifact's preview: its first bytes fetched from the host (capped), drawn as what it is; for a folder artifact,
// its files, each previewed the same way when picked.
import { useEffect, useState } from 'react';
import type { ArtifactEntry, ArtifactValue } from '../../../shared/runtime/runtime';
import { useHost } from '../../host/host-context';
import { FolderPreview } from './FolderPreview';
import { PreviewBody, type PreviewData } from './PreviewBody';

export interface ArtifactPreviewProps {
  runId: string;
  taskId: string;
  output: string;
  artifact: ArtifactValue;
  /** The runs' target (a cluster profile's name; undefined for this computer). */
  target: string | undefined;
}

type Loaded = { data: PreviewData } | { folder: ArtifactEntry } | { error: string };

/** An output artifact: a file drawn as what it is, or a folder's files to pick from (each previewed the same way). */
export function ArtifactPreview({ runId, taskId, output, artifact, target }: ArtifactPreviewProps) {
  const host = useHost();
  const [state, setState] = useState<Loaded | undefined>();
  useEffect(() => {
    let live = true;
    setState(undefined);
    // Both at once: the listing says whether it is a folder (its files), the read is the preview of a file.
    void Promise.all([host.runArtifactList({ target, runId }), host.runArtifactRead({ target, runId, taskId, output })]).then(([list, read]) => {
      if (!live) return;
      const entry = list.ok ? list.value.artifacts.find((a) => a.taskId === taskId && a.output === output) : undefined;
      if (entry?.isDirectory) setState({ folder: entry });
      else setState(read.ok ? { data: read.value } : { error: `${read.error.code} ${read.error.message}` });
    });
    return () => {
      live = false;
    };
  }, [host, target, runId, taskId, output]);
  if (!state) return <p className="kfs-muted">Loading the preview…</p>;
  if ('error' in state) return <p className="kfs-error-text">{state.error}</p>;
  if ('folder' in state) return <FolderPreview entry={state.folder} target={target} runId={runId} />;
  return (
    <div className="kfs-preview" aria-label={`Preview of ${output}`} role="region">
      <PreviewBody artifact={artifact} data={state.data} />
    </div>
  );
}
