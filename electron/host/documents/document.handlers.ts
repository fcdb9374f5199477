// The HostApi calls of DOCUMENT_CALLS (change checks, autosave, recovery), spread into createHostServices.
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { hostCall } from '../host-call';
import { documentStatus } from '../document.service';
import type { AutosaveStore } from './autosave-store';
import { listDocuments } from './document-list';
import { readSession, writeSession } from './session-store';

type DocumentHandlers = Pick<
  HostHandlers,
  'documentStatus' | 'documentAutosave' | 'recoveryList' | 'recoveryTake' | 'recoveryDiscard' | 'documentList' | 'sessionRead' | 'sessionWrite'
>;

export function documentHandlers(documentsDir: string, autosave: AutosaveStore, dataDir: string): DocumentHandlers {
  return {
    documentList: hostCall('documentList', async () => ({ documents: await listDocuments(documentsDir) })),
    sessionRead: hostCall('sessionRead', () => readSession(dataDir)),
    sessionWrite: hostCall('sessionWrite', async (request) => {
      await writeSession(dataDir, request);
      return {};
    }),
    documentStatus: hostCall('documentStatus', (request) => documentStatus(documentsDir, request.path, request.revision)),
    documentAutosave: hostCall('documentAutosave', async (request) => {
      const entry = await autosave.write(request.key, request.document, request.path);
      return { key: entry.key, savedAt: entry.savedAt };
    }),
    recoveryList: hostCall('recoveryList', async () => ({ entries: await autosave.list() })),
    recoveryTake: hostCall('recoveryTake', (request) => autosave.take(request.key)),
    recoveryDiscard: hostCall('recoveryDiscard', async (request) => {
      await autosave.discard(request.key);
      return {};
    }),
  };
}
