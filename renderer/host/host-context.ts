import { createContext, useContext } from 'react';
import type { HostApi } from '../../shared/host-api/host-api.calls';

export const HostContext = createContext<HostApi | null>(null);

export function useHost(): HostApi {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost needs a HostContext provider');
  return host;
}
