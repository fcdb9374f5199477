// Shows once, without blocking, the host's warning about how secrets are stored (e.g. Linux without a keychain,
// where Electron falls back to the basic_text backend). Dismissed for this session with its button.
import { useEffect, useState } from 'react';
import type { HostApi } from '../../shared/host-api/host-api.calls';

export function SecretNotice({ host }: { host: Pick<HostApi, 'secretStoreStatus'> }) {
  const [warning, setWarning] = useState<string>();
  useEffect(() => {
    let live = true;
    void host.secretStoreStatus({}).then((result) => {
      if (live && result.ok && result.value.warning) setWarning(result.value.warning);
    });
    return () => {
      live = false;
    };
  }, [host]);
  if (!warning) return null;
  return (
    <div className="kfs-status kfs-secret-notice" role="note" aria-label="Secret storage">
      {warning}{' '}
      <button type="button" onClick={() => setWarning(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
