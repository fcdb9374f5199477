// One cluster profile in the Clusters dialog: where it points, whether a token is stored, and its actions: Test
// connection (what answered, or the host's coded error as is), Set token (KFP by URL with a token or cookie), Remove
// (asks first).
import { useId, useState, type FormEvent } from 'react';
import type { ConnectionReport, TransportNote } from '../../shared/host-api/cluster.calls';
import type { HostError } from '../../shared/host-api/host-result';
import { useHost } from '../host/host-context';
import { errorText, KIND_TEXT, profileWhere, type ProfileEntry } from './clusters-ui';

function reportText(report: ConnectionReport): string {
  const parts = [`${report.kind === 'kfp' ? 'KFP' : 'Kubernetes'} ${report.version}`];
  if (report.multiUser !== undefined) parts.push(report.multiUser ? 'multi-user' : 'single-user');
  if (report.namespace) parts.push(`namespace ${report.namespace}`);
  parts.push(`endpoint ${report.endpoint}`);
  return `Connected: ${parts.join(' · ')}`;
}

/** Certificate checks off, credentials over plain http, the exec plugin run for credentials: said with the profile. */
function TransportNotes({ notes, label }: { notes: readonly TransportNote[]; label: string }) {
  if (!notes.length) return null;
  return (
    <ul className="kfs-cluster-transport" aria-label={label}>
      {notes.map((note) => (
        <li key={`${note.kind}:${note.message}`} className={note.kind === 'exec-plugin' ? 'kfs-muted' : 'kfs-cluster-warning'}>
          {note.message}
        </li>
      ))}
    </ul>
  );
}

export interface ProfileItemProps {
  entry: ProfileEntry;
  onChanged(): void;
}

export function ProfileItem({ entry, onChanged }: ProfileItemProps) {
  const host = useHost();
  const uid = useId();
  const { profile, hasSecret, transport } = entry;
  const [testing, setTesting] = useState(false);
  const [report, setReport] = useState<ConnectionReport | undefined>();
  const [failure, setFailure] = useState<HostError | undefined>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [tokenOpen, setTokenOpen] = useState(false);
  const [token, setToken] = useState('');
  const usesSecret = profile.kind === 'kfp' && profile.connection.mode === 'url' && profile.connection.auth !== 'none';
  const cookie = profile.kind === 'kfp' && profile.connection.mode === 'url' && profile.connection.auth === 'cookie';

  const test = async () => {
    setTesting(true);
    setReport(undefined);
    setFailure(undefined);
    const result = await host.clusterProfileTest({ profile: profile.name });
    setTesting(false);
    if (result.ok) setReport(result.value);
    else setFailure(result.error);
  };
  const remove = async () => {
    const result = await host.clusterProfileRemove({ profile: profile.name });
    setConfirmRemove(false);
    if (!result.ok) return setFailure(result.error);
    onChanged();
  };
  const saveToken = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return;
    const result = await host.clusterProfileSetSecret({ profile: profile.name, secret: token.trim() });
    if (!result.ok) return setFailure(result.error);
    setToken('');
    setTokenOpen(false);
    setFailure(undefined);
    onChanged();
  };

  return (
    <li className="kfs-cluster-profile" aria-labelledby={`${uid}-name`}>
      <div className="kfs-cluster-profile-head">
        <div>
          <strong id={`${uid}-name`}>{profile.name}</strong> <span className="kfs-cluster-kind">{KIND_TEXT[profile.kind]}</span>
          <p className="kfs-muted kfs-cluster-where">{profileWhere(profile)}</p>
          {usesSecret ? <p className="kfs-muted kfs-cluster-where">{hasSecret ? `${cookie ? 'Cookie' : 'Token'} stored` : `No ${cookie ? 'cookie' : 'token'} stored`}</p> : null}
          <TransportNotes notes={transport} label={`How ${profile.name} connects`} />
        </div>
        <div className="kfs-cluster-actions">
          <button type="button" onClick={() => void test()} disabled={testing}>{testing ? 'Testing…' : 'Test connection'}</button>
          {usesSecret ? <button type="button" aria-expanded={tokenOpen} onClick={() => setTokenOpen((o) => !o)}>Set token</button> : null}
          {confirmRemove ? (
            <>
              <button type="button" className="kfs-danger" onClick={() => void remove()}>Remove {profile.name}</button>
              <button type="button" onClick={() => setConfirmRemove(false)}>Keep</button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmRemove(true)}>Remove</button>
          )}
        </div>
      </div>
      {confirmRemove ? <p className="kfs-muted">Remove the profile {profile.name} and its stored {cookie ? 'cookie' : 'token'}? Runs on the cluster stay there.</p> : null}
      {tokenOpen ? (
        <form className="kfs-inline-form" onSubmit={(e) => void saveToken(e)}>
          <input type="password" autoComplete="off" aria-label={`New ${cookie ? 'session cookie' : 'token'} for ${profile.name}`} placeholder={cookie ? 'NAME=VALUE' : 'token'} value={token} onChange={(e) => setToken(e.target.value)} />
          <button type="submit" disabled={!token.trim()}>Save token</button>
        </form>
      ) : null}
      <div aria-live="polite">
        {report ? <p className="kfs-cluster-ok" role="status">{reportText(report)}</p> : null}
        {report ? <TransportNotes notes={report.transport} label={`How the test of ${profile.name} connected`} /> : null}
        {failure ? <p className="kfs-error-text" role="alert">{errorText(failure)}</p> : null}
      </div>
    </li>
  );
}
