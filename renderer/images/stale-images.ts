// Images built from the app that no longer match their build context (KFS856). The host hashes each step's context
// again (a script on disk can change while the app is open): when a build record changes, when the window gets the
// focus back, and every few seconds. A stale image is a warning in Problems and on the step, fixed by "Rebuild".
import { useEffect, useMemo } from 'react';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { builtImageOf, staleWhat, type BuiltImage } from '../../shared/images/image-staleness';
import type { StaleImage, StaleImages } from '../../shared/images/stale-image.diagnostics';
import { useEditor, useEditorStore } from '../store/editor-context';

export const useStaleImage = (componentId: string): StaleImage | undefined => useEditor((s) => s.staleImages.get(componentId));

const RECHECK_MS = 4000;

type Watched = [componentId: string, built: BuiltImage][];

async function checkImages(host: HostApi, watched: Watched): Promise<StaleImages> {
  const found = new Map<string, StaleImage>();
  await Promise.all(
    watched.map(async ([componentId, { build, current }]) => {
      const stale = (reason: string) => found.set(componentId, { componentId, tag: build.tag, reason });
      if (current.kind === 'packages' && !current.packages.length) return stale('the step lists no packages any more');
      const answer = await host.imageContextHash({ source: current });
      if (!answer.ok) stale(`its build context cannot be read (${answer.error.code}: ${answer.error.message})`);
      else if (answer.value.contextHash !== build.contextHash) stale(staleWhat(current));
    }),
  );
  return found;
}

const keyOf = (stale: StaleImages): string => JSON.stringify([...stale.values()].sort((a, b) => a.componentId.localeCompare(b.componentId)));

/** Keeps the store's stale images of the open document current while it is open. */
export function useStaleImageSync(host: HostApi): void {
  const store = useEditorStore();
  const components = useEditor((s) => s.document.components);
  // Only the build records and what they depend on: moving a step does not hash anything again.
  const watched = useMemo(() => {
    const list: Watched = [];
    for (const [id, component] of Object.entries(components)) {
      const built = builtImageOf(component);
      if (built) list.push([id, built]);
    }
    return JSON.stringify(list);
  }, [components]);
  useEffect(() => {
    let live = true;
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const next = await checkImages(host, JSON.parse(watched) as Watched);
        if (live && keyOf(store.getState().staleImages) !== keyOf(next)) store.getState().setStaleImages(next);
      } finally {
        running = false;
      }
    };
    void check();
    if (watched === '[]') return () => void (live = false);
    const timer = setInterval(() => void check(), RECHECK_MS);
    const onFocus = () => void check();
    window.addEventListener('focus', onFocus);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [host, watched, store]);
}
