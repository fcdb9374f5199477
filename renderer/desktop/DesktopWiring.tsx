// Mounted once inside the shell: autosave and the recovery offer for everyone, the secret-storage notice, and in
// the desktop app (when `window.kfpStudio` exists) the menu, dirty-state and open-file wiring.
import { useEffect, useRef, useState } from 'react';
import { commandById } from '../commands/command-registry';
import { useCommandContext } from '../commands/command-context';
import { desktopBridge } from '../host/desktop-bridge';
import type { AutosaveController } from './autosave';
import { startAutosave } from './autosave';
import { connectDesktop } from './desktop-bridge.wiring';
import { RecoveryOffer } from './RecoveryOffer';
import { SecretNotice } from './SecretNotice';

export function DesktopWiring() {
  const ctx = useCommandContext();
  const { store, host } = ctx;
  const [autosave, setAutosave] = useState<AutosaveController>();
  // Read at perform time, so a new context object does not reconnect (and take the launch files twice).
  const latest = useRef(ctx);
  latest.current = ctx;

  useEffect(() => {
    const controller = startAutosave(store, host);
    setAutosave(controller);
    return () => controller.stop();
  }, [store, host]);

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
      <RecoveryOffer host={host} store={store} autosave={autosave} />
      <SecretNotice host={host} />
    </>
  );
}
