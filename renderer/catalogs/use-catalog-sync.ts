// Keeps the UI's catalogs current: loaded at start, then asked for the host's revision every few seconds and when the
// window gets focus (a watched folder changed, or the CLI added a catalog), reloaded only when it moved.
import { useEffect } from 'react';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { CatalogUiStore } from './catalog-ui';

export const CATALOG_CHECK_MS = 2000;

export function useCatalogSync(host: HostApi, catalogs: CatalogUiStore): void {
  useEffect(() => {
    void catalogs.getState().load(host);
    const check = () => void catalogs.getState().check(host);
    const timer = window.setInterval(check, CATALOG_CHECK_MS);
    window.addEventListener('focus', check);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', check);
    };
  }, [host, catalogs]);
}
