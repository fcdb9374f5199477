// The autosave, recovery and secret calls of the renderer's test host: autosaves kept in memory, secrets refused (as
// in web mode). Added with the desktop app (issue 5); tests of recovery UI can read `autosaved`.
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { DOCUMENT_CALLS } from '../../shared/host-api/document.calls';
import type { SECRET_CALLS } from '../../shared/host-api/secret.calls';
import { fail, ok } from '../../shared/host-api/host-result';
import type { PipelineDocument } from '../../shared/model/document';

type DocumentAndSecretCalls = Pick<HostApi, keyof typeof DOCUMENT_CALLS | keyof typeof SECRET_CALLS>;

export function memoryDocumentCalls(autosaved = new Map<string, { path?: string; savedAt: string; document: PipelineDocument }>()): DocumentAndSecretCalls {
  const noSecrets = async () => fail('KFS703', 'Secrets are not stored in this test host.');
  let session: { path?: string; document?: PipelineDocument } = {};
  return {
    documentList: async () => ok({ documents: [] }),
    sessionRead: async () => ok(session),
    sessionWrite: async (request) => {
      session = request as typeof session;
      return ok({});
    },
    documentStatus: async () => ok({ exists: true, changed: false }),
    documentAutosave: async ({ key, path, document }) => {
      const savedAt = new Date().toISOString();
      autosaved.set(key, { ...(path ? { path } : {}), savedAt, document: document as PipelineDocument });
      return ok({ key, savedAt });
    },
    recoveryList: async () =>
      ok({ entries: [...autosaved].map(([key, e]) => ({ key, ...(e.path ? { path: e.path } : {}), name: e.document.name, savedAt: e.savedAt })) }),
    recoveryTake: async ({ key }) => {
      const entry = autosaved.get(key);
      return entry ? ok({ key, ...(entry.path ? { path: entry.path } : {}), name: entry.document.name, savedAt: entry.savedAt, document: entry.document }) : fail('KFS702', `There is no autosaved work named ${key}.`);
    },
    recoveryDiscard: async ({ key }) => {
      autosaved.delete(key);
      return ok({});
    },
    secretStoreStatus: async () => ok({ available: false, backend: 'none', warning: 'Secrets are not stored in this test host.' }),
    secretSet: noSecrets,
    secretDelete: noSecrets,
    secretHas: async () => ok({ stored: false }),
  };
}
