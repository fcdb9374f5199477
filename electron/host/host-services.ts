// The host side of the HostApi: every call implemented once, over plain Node (no Electron), for every binding.
import path from 'node:path';
import type { HostHandlers } from '../../shared/host-api/host-api.calls';
import { importComponentYaml } from '../../shared/import/component.import';
import { listCatalog } from './catalog.service';
import { openDocument, saveDocument } from './document.service';
import { listExamples, openExample } from './example.service';
import { hostCall } from './host-call';

export interface HostPaths {
  /** The repository's (or the packaged app's) `resources` folder. */
  resourcesDir: string;
  /** Where relative document paths point: the user's documents, or a test's fresh folder. */
  documentsDir: string;
}

export function createHostServices(paths: HostPaths): HostHandlers {
  const componentsDir = path.join(paths.resourcesDir, 'components');
  const examplesDir = path.join(paths.resourcesDir, 'examples');
  return {
    catalogList: hostCall('catalogList', () => listCatalog(componentsDir)),
    documentOpen: hostCall('documentOpen', (request) => openDocument(paths.documentsDir, request.path)),
    documentSave: hostCall('documentSave', (request) => saveDocument(paths.documentsDir, request.path, request.document)),
    exampleList: hostCall('exampleList', async () => ({ examples: await listExamples(examplesDir) })),
    exampleOpen: hostCall('exampleOpen', (request) => openExample(examplesDir, request.id)),
    importComponentFile: hostCall('importComponentFile', async (request) =>
      importComponentYaml(request.text, { file: request.name, source: { kind: 'file', path: request.name } }),
    ),
  };
}
