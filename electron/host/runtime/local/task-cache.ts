// Task results reused by input fingerprint: the component, its executor and the resolved inputs (artifacts by the
// digest of their content). A hit copies the recorded output artifacts into the new task's folder, so each run
// stays whole even if the earlier one is deleted.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { cacheMaterialText } from '../../../../shared/runtime/cache-key';
import type { ArtifactValue, TaskIo } from '../../../../shared/runtime/runtime';
import type { EngineContext, TaskResult } from './engine-context';

export interface CacheSource {
  component: unknown;
  executor: unknown;
  inputs: TaskIo;
}

interface CacheEntry {
  runId: string;
  taskId: string;
  outputs: TaskIo;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** A digest of an artifact's content (file or folder), or its URI when it is not on this machine. */
export async function artifactDigest(uri: string): Promise<string> {
  try {
    const info = await lstat(uri);
    if (info.isSymbolicLink()) return `uri:${uri}`; // never followed (it would be refused as an input anyway)
    if (!info.isDirectory()) return `file:${await hashFile(uri)}`;
    const hash = createHash('sha256');
    const entries = (await readdir(uri, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const files = entries.map((e) => path.join(e.parentPath, e.name)).sort();
    for (const file of files) hash.update(`${path.relative(uri, file)}\0${await hashFile(file)}\0`);
    return `dir:${hash.digest('hex')}`;
  } catch {
    return `uri:${uri}`;
  }
}

async function fingerprint(source: CacheSource): Promise<string> {
  const artifacts: { [name: string]: string[] } = {};
  for (const [name, list] of Object.entries(source.inputs.artifacts)) artifacts[name] = await Promise.all(list.map((a) => artifactDigest(a.uri)));
  const text = cacheMaterialText({ component: source.component, executor: source.executor, parameters: source.inputs.parameters, artifacts });
  return createHash('sha256').update(text).digest('hex');
}

export async function lookupCache(
  ctx: EngineContext,
  _id: string,
  source: CacheSource,
  planned: { [name: string]: ArtifactValue[] },
  _paths: unknown,
): Promise<TaskResult | undefined> {
  const key = await fingerprint(source);
  const entry = await ctx.store.readJson<CacheEntry>(path.join(ctx.store.cacheDir, `${key}.json`));
  if (!entry) return undefined;
  const artifacts: { [name: string]: ArtifactValue[] } = {};
  for (const [name, list] of Object.entries(entry.outputs.artifacts)) {
    const targets = planned[name];
    artifacts[name] = [];
    for (const [i, artifact] of list.entries()) {
      const target = targets?.[i];
      if (!target) return undefined;
      try {
        if ((await lstat(artifact.uri)).isSymbolicLink()) return undefined;
        await cp(artifact.uri, target.uri, { recursive: true });
      } catch {
        return undefined;
      }
      artifacts[name].push({ ...artifact, uri: target.uri });
    }
  }
  return { state: 'cached', outputs: { parameters: entry.outputs.parameters, artifacts }, cachedFrom: { runId: entry.runId, taskId: entry.taskId } };
}

export async function saveCache(ctx: EngineContext, id: string, source: CacheSource, outputs: TaskIo): Promise<void> {
  const key = await fingerprint(source);
  const entry: CacheEntry = { runId: ctx.runId, taskId: id, outputs };
  await ctx.store.writeJson(path.join(ctx.store.cacheDir, `${key}.json`), entry);
}
