// The host side of the HostApi: every call implemented once, over plain Node (no Electron), for every binding.
import path from 'node:path';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import { CatalogService, catalogHandlers, importWithUrlRefs } from './catalogs';
import { openDocument, saveDocument } from './document.service';
import { listExamples, openExample } from './example.service';
import { hostCall } from './host-call';
import { installNativeGzip } from './native-gzip';
import { createAutosaveStore, type AutosaveStore } from './documents/autosave-store';
import { documentHandlers } from './documents/document.handlers';
import { createSecretStore, refusingCipher, secretHandlers, type SecretStore } from './secrets';
import { RunsService, clusterRunHandlers, runHandlers } from './runs';
import { clusterHandlers } from './clusters/cluster.handlers';
import { createProfileStore } from './clusters/profile-store';
import { imageHandlers } from './images/image.handlers';

export interface HostPaths {
  /** The repository's (or the packaged app's) `resources` folder. */
  resourcesDir: string;
  /** Where relative document paths point: the user's documents, or a test's fresh folder. */
  documentsDir: string;
  /** The app's data folder (autosave, secrets); default: a `.kfp-studio` folder inside documentsDir, made when first needed. */
  dataDir?: string;
  /** Default: a store that refuses to keep secrets (no OS keychain outside the desktop app). */
  secrets?: SecretStore;
  /** Default: under dataDir/autosave. The desktop app passes its own to discard this session's work on a clean close. */
  autosave?: AutosaveStore;
  /**
   * Runs (the local runtime, opened on first use, and cluster profiles' runtimes). Default: one under dataDir. Web mode
   * passes its own to stream events. The host connects its cluster profiles to it.
   */
  runs?: RunsService;
  /** Default: one over resources/components and dataDir/catalogs. */
  catalogs?: CatalogService;
}

export function createHostServices(paths: HostPaths): HostHandlers {
  installNativeGzip();
  const componentsDir = path.join(paths.resourcesDir, 'components');
  const examplesDir = path.join(paths.resourcesDir, 'examples');
  const dataDir = paths.dataDir ?? path.join(paths.documentsDir, '.kfp-studio');
  const autosave = paths.autosave ?? createAutosaveStore(dataDir);
  const secrets = paths.secrets ?? createSecretStore(dataDir, refusingCipher());
  const runs = paths.runs ?? new RunsService({ dataDir });
  // One profile store for the cluster calls and the run calls' targets; through it, removing a profile or replacing
  // its secret retires the runtime kept for it.
  const profiles = runs.connectProfiles(createProfileStore(dataDir, secrets));
  const catalogs = paths.catalogs ?? new CatalogService({ bundledDir: componentsDir, dataDir, baseDir: paths.documentsDir });
  return {
    ...catalogHandlers(catalogs),
    documentOpen: hostCall('documentOpen', (request) => openDocument(paths.documentsDir, request.path)),
    documentSave: hostCall('documentSave', (request) => saveDocument(paths.documentsDir, request.path, request.document, request.expectedRevision, request.replace)),
    ...documentHandlers(paths.documentsDir, autosave, dataDir),
    ...secretHandlers(secrets),
    ...runHandlers(runs),
    ...clusterRunHandlers(() => runs.clusters),
    ...clusterHandlers(profiles),
    ...imageHandlers(),
    exampleList: hostCall('exampleList', async () => ({ examples: await listExamples(examplesDir) })),
    exampleOpen: hostCall('exampleOpen', (request) => openExample(examplesDir, request.id)),
    // A graph component's tasks may name their components by URL: fetched (and cached) like "Import component from URL".
    importComponentFile: hostCall('importComponentFile', (request) =>
      importWithUrlRefs(request.text, { file: request.name, source: { kind: 'file', path: request.name } }, catalogs.remote),
    ),
  };
}
