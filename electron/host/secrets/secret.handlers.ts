// The HostApi calls of SECRET_CALLS. There is deliberately no call that answers a secret's value.
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { hostCall } from '../host-call';
import type { SecretStore } from './secret-store';

type SecretHandlers = Pick<HostHandlers, 'secretStoreStatus' | 'secretSet' | 'secretDelete' | 'secretHas'>;

export function secretHandlers(secrets: SecretStore): SecretHandlers {
  return {
    secretStoreStatus: hostCall('secretStoreStatus', async () => secrets.status()),
    secretSet: hostCall('secretSet', async (request) => {
      await secrets.set(request.key, request.value);
      return {};
    }),
    secretDelete: hostCall('secretDelete', async (request) => ({ deleted: await secrets.delete(request.key) })),
    secretHas: hostCall('secretHas', async (request) => ({ stored: await secrets.has(request.key) })),
  };
}
