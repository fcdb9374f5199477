// Every catalog at once: the bundled components plus the sources a person added. Folders are read as they are (and
// watched); URLs and Git repositories are read from the copy taken when they were added or last refreshed, so the
// palette works offline and a component changes only when the person refreshes. A source that fails to load is a
// coded problem on that source; the others keep working.
import { watch, type FSWatcher } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { encodeUtf8 } from '../../../shared/archive/utf8';
import { KfsError } from '../../../shared/errors/codes';
import type { CatalogChange, CatalogEntry, CatalogListing, CatalogSource } from '../../../shared/host-api/catalog.calls';
import type { HostError } from '../../../shared/host-api/host-result';
import { writeAtomic } from '../documents/atomic-write';
import { loadFolder, loadUrl, problemOf, type LoadedCatalog } from './catalog-load';
import { catalogChanges, entriesOf } from './catalog-entries';
import { SourceStore, defaultSourceName, sourceIdFor, type SourceKind, type SourceRecord } from './catalog-sources';
import { checkGitLocation, cloneCatalog, updateCatalog } from './git-catalog';
import { RemoteCache, checkUrl } from './remote-fetch';
import { ensureFolder } from '../data-folder';

export const BUNDLED_ID = 'bundled' as const;

interface Loaded {
  catalog: LoadedCatalog;
  entries: CatalogEntry[];
  problems: HostError[];
  fetchedAt?: string;
}

interface Snapshot {
  fetchedAt: string;
  catalog: LoadedCatalog;
}

export interface CatalogServiceOptions {
  bundledDir: string;
  dataDir: string;
  /** Where relative folder locations point. */
  baseDir: string;
  remote?: RemoteCache;
}

export class CatalogService {
  readonly remote: RemoteCache;
  private readonly store: SourceStore;
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly failures = new Map<string, HostError>();
  private readonly watchers = new Map<string, FSWatcher>();
  private revisionCount = 1;

  constructor(private readonly options: CatalogServiceOptions) {
    this.remote = options.remote ?? new RemoteCache(path.join(options.dataDir, 'catalogs', 'cache'));
    this.store = new SourceStore(path.join(options.dataDir, 'catalogs', 'sources.json'));
  }

  revision(): number {
    return this.revisionCount;
  }

  private dirOf(kind: 'snapshots' | 'git', id: string): string {
    return path.join(this.options.dataDir, 'catalogs', kind, kind === 'snapshots' ? `${id}.json` : id);
  }

  private invalidate(id: string): void {
    this.loaded.delete(id);
    this.revisionCount += 1;
  }

  private watchFolder(record: SourceRecord): void {
    if (this.watchers.has(record.id)) return;
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.invalidate(record.id), 150);
    };
    try {
      const watcher = watch(record.location, { recursive: true, persistent: false }, changed);
      watcher.on('error', () => watcher.close());
      this.watchers.set(record.id, watcher);
    } catch {
      // No watching here (e.g. too many watches): refresh still re-reads the folder.
    }
  }

  private async readSnapshot(id: string): Promise<Snapshot | undefined> {
    try {
      return JSON.parse(await readFile(this.dirOf('snapshots', id), 'utf8')) as Snapshot;
    } catch {
      return undefined;
    }
  }

  private async writeSnapshot(id: string, catalog: LoadedCatalog): Promise<Snapshot> {
    const snapshot: Snapshot = { fetchedAt: new Date().toISOString(), catalog };
    await ensureFolder(path.dirname(this.dirOf('snapshots', id)));
    await writeAtomic(this.dirOf('snapshots', id), encodeUtf8(JSON.stringify(snapshot)));
    return snapshot;
  }

  /** What a source offers now: a folder read afresh, a remote source from its copy (fetched when there is none or `fetch`). */
  private async read(record: SourceRecord | 'bundled', fetch: boolean): Promise<{ catalog: LoadedCatalog; fetchedAt?: string }> {
    if (record === 'bundled') return { catalog: await loadFolder(this.options.bundledDir, this.remote) };
    if (record.kind === 'folder') {
      this.watchFolder(record);
      return { catalog: await loadFolder(record.location, this.remote) };
    }
    if (record.kind === 'git') {
      const dir = this.dirOf('git', record.id);
      const cloned = await readFile(path.join(dir, '.git', 'HEAD')).then(() => true, () => false);
      if (!cloned) await ensureFolder(path.dirname(dir));
      if (fetch || !cloned) await (cloned ? updateCatalog(record.location, dir, record.ref) : cloneCatalog(record.location, dir, record.ref));
      // The clone is the copy; the snapshot only records when it was fetched.
      const snapshot = fetch || !cloned ? await this.writeSnapshot(record.id, { form: 'files', groups: [], pipelines: [], items: [], problems: [] }) : await this.readSnapshot(record.id);
      return { catalog: await loadFolder(dir, this.remote), ...(snapshot ? { fetchedAt: snapshot.fetchedAt } : {}) };
    }
    const kept = fetch ? undefined : await this.readSnapshot(record.id);
    if (kept) return { catalog: kept.catalog, fetchedAt: kept.fetchedAt };
    const catalog = await loadUrl(record.location, this.remote);
    const earlier = catalog.offline ? await this.readSnapshot(record.id) : undefined;
    if (earlier) return { catalog: { ...earlier.catalog, offline: true }, fetchedAt: earlier.fetchedAt };
    const snapshot = await this.writeSnapshot(record.id, catalog);
    return { catalog, fetchedAt: snapshot.fetchedAt };
  }

  private load(record: SourceRecord | 'bundled', fetch = false): Promise<Loaded> {
    const id = record === 'bundled' ? BUNDLED_ID : record.id;
    const cached = fetch ? undefined : this.loaded.get(id);
    if (cached) return cached;
    const name = record === 'bundled' ? 'Bundled' : record.name;
    const promise = this.read(record, fetch).then(async ({ catalog, fetchedAt }) => {
      const problems = [...catalog.problems];
      const entries = await entriesOf({ id, name, keyByRef: record === 'bundled' }, catalog.items, catalog.name ?? name, this.remote, problems);
      return { catalog, entries, problems, ...(fetchedAt ? { fetchedAt } : {}) };
    });
    this.loaded.set(id, promise);
    promise.catch(() => this.loaded.delete(id));
    return promise;
  }

  private sourceOf(record: SourceRecord | 'bundled', loaded: Loaded | undefined, failure?: HostError): CatalogSource {
    const base = record === 'bundled' ? { id: BUNDLED_ID, kind: 'bundled' as const, name: 'Bundled', location: 'resources/components' } : { id: record.id, kind: record.kind, name: record.name, location: record.location, ...(record.ref ? { ref: record.ref } : {}) };
    const problems = [...(failure ? [failure] : []), ...(loaded?.problems ?? [])];
    if (loaded?.catalog.offline) problems.unshift({ code: 'KFS444', message: `Offline: showing the copy fetched ${loaded.fetchedAt ?? 'earlier'}.` });
    return {
      ...base,
      ...(loaded ? { form: loaded.catalog.form } : {}),
      componentCount: loaded?.entries.length ?? 0,
      pipelines: loaded?.catalog.pipelines ?? [],
      ...(loaded?.fetchedAt ? { fetchedAt: loaded.fetchedAt } : {}),
      offline: Boolean(loaded?.catalog.offline || failure?.code === 'KFS444'),
      writable: record !== 'bundled' && record.kind === 'folder',
      problems,
    };
  }

  private async settle(record: SourceRecord | 'bundled', fetch = false): Promise<{ source: CatalogSource; entries: CatalogEntry[] }> {
    try {
      const loaded = await this.load(record, fetch);
      return { source: this.sourceOf(record, loaded), entries: loaded.entries };
    } catch (error) {
      return { source: this.sourceOf(record, undefined, problemOf(error, record === 'bundled' ? undefined : record.location)), entries: [] };
    }
  }

  async list(): Promise<CatalogListing> {
    const revision = this.revisionCount;
    const records: (SourceRecord | 'bundled')[] = [BUNDLED_ID, ...(await this.store.all())];
    const settled = await Promise.all(records.map((record) => this.settle(record)));
    const groups: string[] = [];
    for (const { entries } of settled) for (const entry of entries) if (!groups.includes(entry.group)) groups.push(entry.group);
    const bundled = settled[0]?.entries.length ? await this.bundledGroupOrder() : [];
    return {
      groups: [...bundled, ...groups.filter((g) => !bundled.includes(g))],
      entries: settled.flatMap((s) => s.entries),
      sources: settled.map((s) => s.source),
      revision,
    };
  }

  private async bundledGroupOrder(): Promise<string[]> {
    return (await this.load(BUNDLED_ID)).catalog.groups;
  }

  async record(id: string): Promise<SourceRecord> {
    const record = (await this.store.all()).find((r) => r.id === id);
    if (!record) throw new KfsError('KFS441', `There is no catalog "${id}"; "kfp-studio catalog list" shows the catalogs added.`);
    return record;
  }

  async add(request: { kind: SourceKind; location: string; name?: string; ref?: string }): Promise<CatalogSource> {
    const location = request.kind === 'folder' ? path.resolve(this.options.baseDir, request.location) : request.location.trim();
    if (request.kind === 'url') checkUrl(location);
    if (request.kind === 'git') checkGitLocation(location);
    const id = sourceIdFor(request.kind, location, request.ref);
    const records = await this.store.all();
    if (records.some((r) => r.id === id)) throw new KfsError('KFS442', `${location} is already a catalog (${id}).`);
    let record: SourceRecord = { id, kind: request.kind, location, name: request.name ?? defaultSourceName(request.kind, location), ...(request.ref ? { ref: request.ref } : {}), addedAt: new Date().toISOString() };
    // The first load must work (the folder exists, the URL answers, the repository clones); per-file problems may remain.
    const first = record;
    let loaded = await this.load(record, true).catch(async (error: unknown) => {
      await this.forget(first);
      throw error;
    });
    if (!request.name && loaded.catalog.name && loaded.catalog.name !== record.name) {
      // An index that names itself names the catalog (read again from the copy just taken, not fetched twice).
      record = { ...record, name: loaded.catalog.name };
      this.loaded.delete(id);
      loaded = await this.load(record);
    }
    await this.store.save([...records, record]);
    this.revisionCount += 1;
    return this.sourceOf(record, loaded);
  }

  private async forget(record: SourceRecord): Promise<void> {
    this.watchers.get(record.id)?.close();
    this.watchers.delete(record.id);
    this.loaded.delete(record.id);
    await rm(this.dirOf('snapshots', record.id), { force: true });
    if (record.kind === 'git') await rm(this.dirOf('git', record.id), { recursive: true, force: true });
  }

  async remove(id: string): Promise<boolean> {
    const records = await this.store.all();
    const record = records.find((r) => r.id === id);
    if (!record) return false;
    await this.store.save(records.filter((r) => r !== record));
    await this.forget(record);
    this.revisionCount += 1;
    return true;
  }

  /** Fetches again (remote) or re-reads (folders); answers each source's state and what changed. */
  async refresh(id?: string): Promise<{ sources: CatalogSource[]; changes: CatalogChange[] }> {
    const records = id ? [await this.record(id)] : await this.store.all();
    const sources: CatalogSource[] = [];
    const changes: CatalogChange[] = [];
    for (const record of records) {
      const before = await this.load(record).then((l) => l.entries, () => []);
      const kept = this.loaded.get(record.id);
      const after = await this.settle(record, true);
      if (after.source.problems[0]?.code === 'KFS444' && !after.entries.length && kept) {
        // Offline: keep the copy there was, and say so.
        this.loaded.set(record.id, kept);
        const loaded = await kept;
        sources.push({ ...this.sourceOf(record, loaded), offline: true, problems: [...after.source.problems, ...loaded.problems] });
        continue;
      }
      sources.push(after.source);
      changes.push(...catalogChanges(record.id, before, after.entries));
    }
    this.revisionCount += 1;
    return { sources, changes };
  }

  /** The folder of a writable (folder) catalog, for saving and publishing. */
  async writableFolder(id: string): Promise<string> {
    const record = await this.record(id);
    if (record.kind !== 'folder') throw new KfsError('KFS454', `Catalog "${record.name}" is a ${record.kind === 'git' ? 'Git repository copy' : 'URL'}; save into a folder catalog (a Git catalog's own folder can be added as a folder).`);
    return record.location;
  }

  /** Marks a folder catalog changed after the app wrote into it (the watcher may be slower or absent). */
  touched(id: string): void {
    this.invalidate(id);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
