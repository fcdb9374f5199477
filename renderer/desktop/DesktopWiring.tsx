// Mounted once inside the shell: autosave and the recovery offer for everyone, the secret-storage notice, and in
// the desktop app (when `window.kfpStudio` exists) the menu, dirty-state and open-file wiring.
import { useEffect, useRef, useState } from 'react';
import { commandById } from '../commands/command-registry';
import { useCommandContext } from '../commands/command-context';
import { desktopBridge } from '../host/desktop-bridge';
import type { AutosaveController } from './autosave';
import { startAutosave } from './autosave';
import { connectDesktop } from './desktop-bridge.wiring';
import { recoveryCheck, RecoveryOffer } from './RecoveryOffer';
import { SecretNotice } from './SecretNotice';

export function DesktopWiring() {
  const ctx = useCommandContext();
  const { store, host } = ctx;
  const [autosave, setAutosave] = useState<AutosaveController>();
  // Autosave writes nothing before the recovery offer has read (and the person answered) an earlier session's work.
  const [check] = useState(recoveryCheck);
  // Read at perform time, so a new context object does not reconnect (and take the launch files twice).
  const latest = useRef(ctx);
  latest.current = ctx;

  useEffect(() => {
    const controller = startAutosave(store, host, { until: check.done });
    setAutosave(controller);
    return () => controller.stop();
  }, [store, host, check]);

  useEffect(() => {
    const bridge = desktopBridge();
    if (!bridge || !autosave) return;
    return connectDesktop(bridge, {
      store,
      autosave,
      perform: (id) => {
        const command = commandById(id);
        if (!command) return false;
        void Promise.resolve(command.perform(latest.current)).catch((error: unknown) => store.getState().setStatus(`${command.label} failed: ${error instanceof Error ? error.message : String(error)}`));
        return true;
      },
    });
  }, [store, autosave]);

  return (
    <>
      <RecoveryOffer host={host} store={store} autosave={autosave} onSettled={check.finish} />
      <SecretNotice host={host} />
    </>
  );
}
