// Fetching catalog content over http(s): size-capped while it streams, time-limited, and kept in a cache under the
// data folder so the palette and URL components work offline. Nothing fetched is ever run: it is text to parse.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isHttpUrl } from '../../../shared/catalog/catalog-index';
import { contentDigest, sha256Hex } from '../../../shared/catalog/sha256';
import { KfsError } from '../../../shared/errors/codes';
import { encodeUtf8 } from '../../../shared/archive/utf8';
import { writeAtomic } from '../documents/atomic-write';
import { ensureFolder } from '../data-folder';

export interface Fetched {
  url: string;
  text: string;
  digest: string;
  /** ISO time of the fetch that gave this text. */
  fetchedAt: string;
  /** True when the network failed and this is the cached copy. */
  cached: boolean;
}

export interface RemoteOptions {
  maxBytes: number;
  timeoutMs?: number;
}

export function checkUrl(url: string): void {
  if (!isHttpUrl(url)) throw new KfsError('KFS447', `Only http and https URLs can be loaded, not ${JSON.stringify(url.slice(0, 200))}.`, { file: url.slice(0, 200) });
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  const tooLarge = () => new KfsError('KFS445', `${url} is larger than the ${Math.round(maxBytes / 1024)} KiB allowed; it was not loaded.`, { file: url });
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return text.replace(/^\uFEFF/, '');
}

/** Fetches the text at `url`, or throws KFS444 (unreachable, HTTP error), KFS445 (too large) or KFS447 (not http). */
export async function fetchText(url: string, options: RemoteOptions): Promise<string> {
  checkUrl(url);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? 20_000), headers: { accept: 'application/yaml, application/json, text/plain, */*' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new KfsError('KFS444', `Could not reach ${url} (${cause}); check the address and the network.`, { file: url });
  }
  if (!isHttpUrl(response.url || url)) throw new KfsError('KFS447', `${url} redirected to a non-http address.`, { file: url });
  if (!response.ok) {
    await response.body?.cancel();
    throw new KfsError('KFS444', `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, { file: url });
  }
  try {
    return await readCapped(response, url, options.maxBytes);
  } catch (error) {
    if (error instanceof KfsError) throw error;
    if (error instanceof TypeError) throw new KfsError('KFS518', `${url} is not UTF-8 text.`, { file: url });
    throw new KfsError('KFS444', `Reading ${url} failed: ${(error as Error).message}.`, { file: url });
  }
}

interface CacheRecord {
  url: string;
  fetchedAt: string;
  digest: string;
  text: string;
}

/** Remote texts by URL, under `dir`: the network first, the last good copy when it fails. */
export class RemoteCache {
  constructor(
    private readonly dir: string,
    private readonly fetcher: (url: string, options: RemoteOptions) => Promise<string> = fetchText,
  ) {}

  private fileFor(url: string): string {
    return path.join(this.dir, `${sha256Hex(encodeUtf8(url)).slice(0, 32)}.json`);
  }

  async cached(url: string): Promise<Fetched | undefined> {
    try {
      const record = JSON.parse(await readFile(this.fileFor(url), 'utf8')) as CacheRecord;
      if (record.url !== url || typeof record.text !== 'string' || contentDigest(record.text) !== record.digest) return undefined;
      return { url, text: record.text, digest: record.digest, fetchedAt: record.fetchedAt, cached: true };
    } catch {
      return undefined;
    }
  }

  async store(url: string, text: string): Promise<Fetched> {
    const fetched: Fetched = { url, text, digest: contentDigest(text), fetchedAt: new Date().toISOString(), cached: false };
    await ensureFolder(this.dir);
    const record: CacheRecord = { url, fetchedAt: fetched.fetchedAt, digest: fetched.digest, text };
    await writeAtomic(this.fileFor(url), encodeUtf8(JSON.stringify(record)));
    return fetched;
  }

  /** The network's copy (stored for later), or the cached one when the network fails; KFS444 when there is neither. */
  async get(url: string, options: RemoteOptions): Promise<Fetched> {
    checkUrl(url);
    try {
      return await this.store(url, await this.fetcher(url, options));
    } catch (error) {
      if (!(error instanceof KfsError) || error.code !== 'KFS444') throw error;
      const copy = await this.cached(url);
      if (copy) return copy;
      throw new KfsError('KFS444', `${error.message} No copy is cached from an earlier visit, so it cannot be used offline.`, error.location);
    }
  }
}
