// PipelineService v2beta1: pipelines and pipeline versions (create, list, get, get by name, delete).
import type { EmulatorEnv } from './env';
import { ApiError, GRPC, alreadyExists, invalidInput, notFound, sendJson } from './http-util';
import { apiPipeline, apiVersion } from './kfp-json';
import { listItems } from './list-query';
import type { ListSpec } from './list-query';
import { checkPipelineSpec, readUploadedPipeline } from './pipeline-spec';
import type { Router } from './router';
import type { PipelineRecord, VersionRecord } from './state';

type Obj = { [key: string]: unknown };

const sec = (ms: number): number => Math.floor(ms / 1000);

const PIPELINE_LIST: ListSpec<PipelineRecord> = {
  kind: 'pipelines',
  id: (p) => p.pipeline_id,
  fields: {
    pipeline_id: (p) => p.pipeline_id,
    id: (p) => p.pipeline_id,
    name: (p) => p.name,
    display_name: (p) => p.display_name,
    description: (p) => p.description ?? '',
    created_at: (p) => sec(p.created_at),
    namespace: (p) => p.namespace ?? '',
  },
};

const VERSION_LIST: ListSpec<VersionRecord> = {
  kind: 'pipeline versions',
  id: (v) => v.pipeline_version_id,
  fields: {
    pipeline_version_id: (v) => v.pipeline_version_id,
    id: (v) => v.pipeline_version_id,
    name: (v) => v.name,
    display_name: (v) => v.display_name,
    description: (v) => v.description ?? '',
    created_at: (v) => sec(v.created_at),
    pipeline_id: (v) => v.pipeline_id,
  },
};

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function getPipeline(env: EmulatorEnv, id: string): PipelineRecord {
  const pipeline = env.state.pipelines.get(id);
  if (!pipeline) throw notFound('Pipeline', id);
  return pipeline;
}

export function getVersion(env: EmulatorEnv, id: string, pipelineId?: string): VersionRecord {
  const version = env.state.versions.get(id);
  if (!version || (pipelineId && version.pipeline_id !== pipelineId)) throw notFound('PipelineVersion', id);
  return version;
}

/** The newest version of a pipeline (what a run or recurring run with only a pipeline_id uses). */
export function latestVersion(env: EmulatorEnv, pipelineId: string): VersionRecord | undefined {
  return [...env.state.versions.values()]
    .filter((v) => v.pipeline_id === pipelineId)
    .sort((a, b) => b.created_at - a.created_at || (a.pipeline_version_id < b.pipeline_version_id ? 1 : -1))[0];
}

export function addPipeline(env: EmulatorEnv, input: { name: string; display_name?: string; description?: string; namespace?: string; tags?: Record<string, string> }): PipelineRecord {
  const name = input.name || input.display_name || '';
  if (!name) throw invalidInput('Pipeline name is empty. Please specify a valid name.');
  const namespace = input.namespace ?? '';
  for (const other of env.state.pipelines.values()) {
    if (other.name === name && (other.namespace ?? '') === namespace) {
      throw alreadyExists(`Failed to create a new pipeline. The name ${name} already exists. Please specify a new name`);
    }
  }
  const record: PipelineRecord = {
    pipeline_id: env.state.newId(),
    name,
    display_name: input.display_name || name,
    ...(input.description ? { description: input.description } : {}),
    created_at: env.clock.now(),
    ...(namespace ? { namespace } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
  };
  env.state.pipelines.set(record.pipeline_id, record);
  return record;
}

export function addVersion(
  env: EmulatorEnv,
  pipelineId: string,
  input: Omit<VersionRecord, 'pipeline_id' | 'pipeline_version_id' | 'created_at' | 'display_name'> & { display_name?: string },
): VersionRecord {
  getPipeline(env, pipelineId);
  if (!input.name) throw invalidInput('Pipeline version name is empty. Please specify a valid name.');
  for (const other of env.state.versions.values()) {
    if (other.pipeline_id === pipelineId && other.name === input.name) {
      throw alreadyExists(`Failed to create a new pipeline version. The name ${input.name} already exists in pipeline ${pipelineId}. Please specify a new name`);
    }
  }
  const record: VersionRecord = {
    ...input,
    display_name: input.display_name || input.name,
    pipeline_id: pipelineId,
    pipeline_version_id: env.state.newId(),
    created_at: env.clock.now(),
  };
  env.state.versions.set(record.pipeline_version_id, record);
  return record;
}

async function specFromPackageUrl(url: string): Promise<ReturnType<typeof readUploadedPipeline>> {
  if (!url) throw invalidInput('Pipeline version package_url.pipeline_url is empty. Please specify a valid URL.');
  let bytes: Uint8Array;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw invalidInput(`Failed to download the pipeline from ${url}: ${(error as Error).message}`);
  }
  return readUploadedPipeline(bytes, new URL(url).pathname || 'pipeline.yaml');
}

async function versionInput(body: Obj): Promise<Parameters<typeof addVersion>[2]> {
  const url = str(isObj(body.package_url) ? body.package_url.pipeline_url : '');
  const inline = isObj(body.pipeline_spec) ? checkPipelineSpec(body.pipeline_spec) : undefined;
  const parsed = inline ?? (await specFromPackageUrl(url));
  return {
    name: str(body.name) || str(body.display_name),
    display_name: str(body.display_name),
    ...(str(body.description) ? { description: str(body.description) } : {}),
    ...(url ? { package_url: { pipeline_url: url } } : {}),
    ...(str(body.code_source_url) ? { code_source_url: str(body.code_source_url) } : {}),
    pipeline_spec: parsed.spec,
    ...(parsed.platform ? { platform_spec: parsed.platform } : {}),
    ...(isObj(body.tags) ? { tags: body.tags as Record<string, string> } : {}),
  };
}

export function registerPipelineRoutes(router: Router, env: EmulatorEnv): void {
  const base = '/apis/v2beta1/pipelines';
  router.add('POST', base, ({ res, body }) => {
    const pipeline = addPipeline(env, {
      name: str(body.name),
      display_name: str(body.display_name),
      description: str(body.description),
      namespace: str(body.namespace),
      ...(isObj(body.tags) ? { tags: body.tags as Record<string, string> } : {}),
    });
    sendJson(res, 200, apiPipeline(pipeline));
  });
  router.add('POST', `${base}/create`, async ({ res, body }) => {
    const p = isObj(body.pipeline) ? body.pipeline : {};
    const v = isObj(body.pipeline_version) ? body.pipeline_version : {};
    const input = await versionInput(v);
    const pipeline = addPipeline(env, { name: str(p.name), display_name: str(p.display_name), description: str(p.description), namespace: str(p.namespace) });
    addVersion(env, pipeline.pipeline_id, { ...input, name: input.name || pipeline.name });
    sendJson(res, 200, apiPipeline(pipeline));
  });
  router.add('GET', base, ({ res, query }) => {
    const namespace = query.get('namespace') ?? '';
    const all = [...env.state.pipelines.values()].filter((p) => !namespace || (p.namespace ?? '') === namespace || !p.namespace);
    const page = listItems(all, query, PIPELINE_LIST);
    sendJson(res, 200, { pipelines: page.items.map(apiPipeline), total_size: page.total, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) });
  });
  router.add('GET', `${base}/names/{name}`, ({ res, params, query }) => {
    const namespace = query.get('namespace') ?? '';
    const found = [...env.state.pipelines.values()].find((p) => p.name === params.name && (p.namespace ?? '') === namespace);
    if (!found) throw notFound('Pipeline', params.name ?? '');
    sendJson(res, 200, apiPipeline(found));
  });
  router.add('GET', `${base}/{pipeline_id}`, ({ res, params }) => {
    sendJson(res, 200, apiPipeline(getPipeline(env, params.pipeline_id ?? '')));
  });
  router.add('DELETE', `${base}/{pipeline_id}`, ({ res, params, query }) => {
    const pipeline = getPipeline(env, params.pipeline_id ?? '');
    const versions = [...env.state.versions.values()].filter((v) => v.pipeline_id === pipeline.pipeline_id);
    if (versions.length && query.get('cascade') !== 'true') {
      throw new ApiError(
        GRPC.FAILED_PRECONDITION,
        `Failed to delete pipeline ${pipeline.pipeline_id}: it has ${versions.length} pipeline version(s). Delete them first or set cascade=true.`,
      );
    }
    for (const version of versions) env.state.versions.delete(version.pipeline_version_id);
    env.state.pipelines.delete(pipeline.pipeline_id);
    sendJson(res, 200, {});
  });
  router.add('POST', `${base}/{pipeline_id}/versions`, async ({ res, params, body }) => {
    getPipeline(env, params.pipeline_id ?? '');
    const version = addVersion(env, params.pipeline_id ?? '', await versionInput(body));
    sendJson(res, 200, apiVersion(version));
  });
  router.add('GET', `${base}/{pipeline_id}/versions`, ({ res, params, query }) => {
    getPipeline(env, params.pipeline_id ?? '');
    const all = [...env.state.versions.values()].filter((v) => v.pipeline_id === params.pipeline_id);
    const page = listItems(all, query, VERSION_LIST);
    sendJson(res, 200, {
      pipeline_versions: page.items.map(apiVersion),
      total_size: page.total,
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
    });
  });
  router.add('GET', `${base}/{pipeline_id}/versions/{pipeline_version_id}`, ({ res, params }) => {
    sendJson(res, 200, apiVersion(getVersion(env, params.pipeline_version_id ?? '', params.pipeline_id)));
  });
  router.add('DELETE', `${base}/{pipeline_id}/versions/{pipeline_version_id}`, ({ res, params }) => {
    const version = getVersion(env, params.pipeline_version_id ?? '', params.pipeline_id);
    env.state.versions.delete(version.pipeline_version_id);
    sendJson(res, 200, {});
  });
}
