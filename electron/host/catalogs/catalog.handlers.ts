// The catalog calls of the HostApi over one CatalogService.
import type { HostHandlers } from '../../../shared/host-api/host-api.calls';
import { hostCall } from '../host-call';
import { saveComponentFile, publishPipeline } from './catalog-write';
import type { CatalogService } from './catalog.service';
import { loadComponentFromUrl } from './component-url';

type CatalogCallName = 'catalogList' | 'catalogRevision' | 'catalogAdd' | 'catalogRemove' | 'catalogRefresh' | 'componentFromUrl' | 'catalogSaveComponent' | 'catalogPublish';

export function catalogHandlers(catalogs: CatalogService): Pick<HostHandlers, CatalogCallName> {
  return {
    catalogList: hostCall('catalogList', () => catalogs.list()),
    catalogRevision: hostCall('catalogRevision', async () => ({ revision: catalogs.revision() })),
    catalogAdd: hostCall('catalogAdd', async (request) => ({ source: await catalogs.add(request) })),
    catalogRemove: hostCall('catalogRemove', async (request) => ({ removed: await catalogs.remove(request.id) })),
    catalogRefresh: hostCall('catalogRefresh', (request) => catalogs.refresh(request.id)),
    componentFromUrl: hostCall('componentFromUrl', async (request) => {
      const { id, component, components, url, digest, cached } = await loadComponentFromUrl(request.url, catalogs.remote);
      return { id, component, components, url, digest, cached };
    }),
    catalogSaveComponent: hostCall('catalogSaveComponent', async (request) => {
      const saved = await saveComponentFile(await catalogs.writableFolder(request.catalog), request.fileName, request.text, request.replace);
      catalogs.touched(request.catalog);
      return saved;
    }),
    catalogPublish: hostCall('catalogPublish', async (request) => {
      const published = await publishPipeline(await catalogs.writableFolder(request.catalog), request.name, request.description, request.document);
      catalogs.touched(request.catalog);
      return published;
    }),
  };
}
