// A folder artifact (a KFP artifact can be a directory): the files under it as the runtime listed them, and the
// preview of the one picked, read by its path inside the folder.
import { useEffect, useState } from 'react';
import type { ArtifactEntry, ArtifactValue } from '../../../shared/runtime/runtime';
import { useHost } from '../../host/host-context';
import { PreviewBody, type PreviewData } from './PreviewBody';

export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

interface FolderProps {
  runId: string;
  entry: ArtifactEntry;
  target: string | undefined;
}

/** One file inside a folder artifact, drawn by its own name and content rather than by the folder's type. */
export function FolderFilePreview({ runId, entry, path, target }: FolderProps & { path: string }) {
  const host = useHost();
  const [state, setState] = useState<{ data?: PreviewData; error?: string }>({});
  const { taskId, output, artifact } = entry;
  useEffect(() => {
    let live = true;
    setState({});
    void host.runArtifactRead({ target, runId, taskId, output, path }).then((result) => {
      if (!live) return;
      setState(result.ok ? { data: result.value } : { error: `${result.error.code} ${result.error.message}` });
    });
    return () => {
      live = false;
    };
  }, [host, target, runId, taskId, output, path]);
  if (state.error) return <p className="kfs-error-text">{state.error}</p>;
  if (!state.data) return <p className="kfs-muted">Loading {path}…</p>;
  const file: ArtifactValue = { name: path, uri: `${artifact.uri.replace(/[\\/]+$/, '')}/${path}`, schemaTitle: 'system.Artifact', metadata: {} };
  return (
    <div className="kfs-preview" aria-label={`Preview of ${output}/${path}`} role="region">
      <PreviewBody artifact={file} data={state.data} />
    </div>
  );
}

export function FolderPreview({ runId, entry, target }: FolderProps) {
  const [picked, setPicked] = useState<string | undefined>();
  const { output, artifact } = entry;
  const files = entry.files;
  if (!files) return <p className="kfs-muted">{output} is a folder whose files cannot be listed here: open it from {artifact.uri}.</p>;
  const count = `${files.length}${entry.filesTruncated ? '+' : ''} ${files.length === 1 && !entry.filesTruncated ? 'file' : 'files'}`;
  return (
    <div className="kfs-preview" role="region" aria-label={`Files of ${output}`}>
      <p className="kfs-muted">
        {files.length ? `A folder of ${count}${entry.size !== undefined ? `, ${bytesText(entry.size)}` : ''}: pick a file to preview it.` : 'The folder is empty.'}
      </p>
      {files.length ? (
        <ul className="kfs-folder-files" aria-label={`Files in ${output}`}>
          {files.map((file) => (
            <li key={file.path}>
              <button type="button" aria-pressed={picked === file.path} onClick={() => setPicked((current) => (current === file.path ? undefined : file.path))}>
                {file.path}
              </button>{' '}
              <span className="kfs-muted">{bytesText(file.size)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {entry.filesTruncated ? <p className="kfs-muted">Showing the first {files.length} files; open the rest from {artifact.uri}.</p> : null}
      {entry.refused ? <p className="kfs-error-text">{`${entry.refused.code}: ${entry.refused.message}`}</p> : null}
      {picked ? <FolderFilePreview key={picked} runId={runId} entry={entry} path={picked} target={target} /> : null}
    </div>
  );
}
