// The Clusters dialog: the cluster profiles (where each points, whether a token is stored, test, set token, remove)
// and the form to add one. Modal, named "Clusters", closes with Escape and gives focus back.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useHost } from '../host/host-context';
import { AddProfileForm } from './AddProfileForm';
import { useUiStore } from '../store/ui-stores';
import { errorText, useClustersUi, type ClustersUiStore } from './clusters-ui';
import { ProfileItem } from './ProfileItem';
import './clusters.css';

export function ClustersDialog({ clusters: given }: { clusters?: ClustersUiStore }) {
  const clusters = useUiStore('clusters', given);
  const host = useHost();
  const profiles = useClustersUi((s) => s.profiles, clusters);
  const loadError = useClustersUi((s) => s.loadError, clusters);
  const box = useRef<HTMLDivElement>(null);
  const close = () => clusters.getState().closeDialog();
  const refresh = () => void clusters.getState().refresh(host);

  useEffect(() => {
    void clusters.getState().refresh(host);
  }, [host, clusters]);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    box.current?.querySelector<HTMLElement>('button, input')?.focus();
    return () => before?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    // Keys typed here stay here: the editor's shortcuts (Delete, Ctrl+Z) must not act behind the dialog.
    event.stopPropagation();
    if (event.key === 'Escape') close();
  };

  return createPortal(
    <div className="kfs-clusters-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="kfs-clusters-dialog" role="dialog" aria-modal="true" aria-labelledby="kfs-clusters-title" ref={box} onKeyDown={onKeyDown}>
        <div className="kfs-clusters-title">
          <h2 id="kfs-clusters-title">Clusters</h2>
          <button type="button" onClick={close}>Close</button>
        </div>
        <p className="kfs-muted">Profiles say where runs can go besides this computer: a Kubeflow Pipelines API, or Argo Workflows in a Kubernetes namespace.</p>
        {loadError ? <p className="kfs-error-text" role="alert">{errorText(loadError)}</p> : null}
        {profiles && !profiles.length ? <p className="kfs-muted">No profiles yet: add one below.</p> : null}
        {profiles?.length ? (
          <ul className="kfs-cluster-list" aria-label="Cluster profiles">
            {profiles.map((entry) => <ProfileItem key={entry.profile.id} entry={entry} onChanged={refresh} />)}
          </ul>
        ) : null}
        <AddProfileForm existingNames={profiles?.map((p) => p.profile.name) ?? []} onAdded={refresh} />
      </div>
    </div>,
    document.body,
  );
}

/** Mounts the dialog while the clusters store says it is open. */
export function ClustersDialogHost({ clusters: given }: { clusters?: ClustersUiStore }) {
  const clusters = useUiStore('clusters', given);
  const open = useClustersUi((s) => s.dialogOpen, clusters);
  return open ? <ClustersDialog clusters={clusters} /> : null;
}
