// A host for the desktop tests: the in-memory autosave/recovery calls of the renderer test host, with every call
// recorded so tests can see what reached the host and when.
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { PipelineDocument } from '../../shared/model/document';
import { memoryDocumentCalls } from '../host/document-calls.test-host';
import { createTestHost } from '../test-host';

export interface RecordedCall {
  name: string;
  request: Record<string, unknown>;
}

export function recordingHost(autosaved = new Map<string, { path?: string; savedAt: string; document: PipelineDocument }>()) {
  const calls: RecordedCall[] = [];
  const testHost = createTestHost();
  const base: HostApi = { ...testHost, ...memoryDocumentCalls(autosaved) };
  const host = Object.fromEntries(
    Object.entries(base).map(([name, fn]) => [
      name,
      typeof fn === 'function'
        ? (request: Record<string, unknown>) => {
            calls.push({ name, request });
            return (fn as (r: unknown) => unknown)(request);
          }
        : fn,
    ]),
  ) as unknown as HostApi;
  /** Documents saved through the host (path → text); put one here to open it. */
  const saved = testHost.saved;
  return { host, calls, autosaved, saved, named: (name: string) => calls.filter((c) => c.name === name) };
}
