// The runs list's pages: the first page of a query, then more on demand (the host's page tokens: KFP's own on a KFP
// target). The first page is read again every few seconds, so new runs and state changes show; pages further down
// stay as loaded (a run on the first page again is dropped from them).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostRequest } from '../../shared/host-api/host-api.calls';
import type { RunSnapshot } from '../../shared/runtime/runtime';
import { useHost } from '../host/host-context';

export const RUN_PAGE_SIZE = 50;
const REFRESH_MS = 2000;

export type RunListQuery = Omit<HostRequest<'runList'>, 'pageSize' | 'pageToken'>;

export interface RunPages {
  /** Undefined until the first page came. */
  runs: RunSnapshot[] | undefined;
  totalSize: number | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  error: string | undefined;
  loadMore(): void;
}

interface Loaded {
  first: RunSnapshot[];
  rest: RunSnapshot[];
  nextPageToken: string | undefined;
  /** Whether nextPageToken follows the first page (no page loaded after it yet). */
  tokenOfFirst: boolean;
  totalSize: number | undefined;
}

export function useRunPages(query: RunListQuery, refresh: number): RunPages {
  const host = useHost();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(query);
  const current = useRef(key);
  current.current = key;

  useEffect(() => {
    let live = true;
    setLoaded(undefined);
    const request = JSON.parse(key) as RunListQuery;
    const load = () =>
      void host.runList({ ...request, pageSize: RUN_PAGE_SIZE }).then((r) => {
        if (!live) return;
        if (!r.ok) return setError(`${r.error.code} ${r.error.message}`);
        setError(undefined);
        const first = r.value.runs;
        const ids = new Set(first.map((run) => run.id));
        setLoaded((before) => ({
          first,
          rest: (before?.rest ?? []).filter((run) => !ids.has(run.id)),
          nextPageToken: !before || before.tokenOfFirst ? r.value.nextPageToken : before.nextPageToken,
          tokenOfFirst: !before || before.tokenOfFirst,
          totalSize: r.value.totalSize,
        }));
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [host, key, refresh]);

  const token = loaded?.nextPageToken;
  const loadMore = useCallback(() => {
    if (!token || loadingMore) return;
    const asked = key;
    setLoadingMore(true);
    void host.runList({ ...(JSON.parse(key) as RunListQuery), pageSize: RUN_PAGE_SIZE, pageToken: token }).then((r) => {
      setLoadingMore(false);
      if (current.current !== asked) return;
      if (!r.ok) return setError(`${r.error.code} ${r.error.message}`);
      setLoaded((before) => {
        if (!before || before.nextPageToken !== token) return before;
        const shown = new Set([...before.first, ...before.rest].map((run) => run.id));
        return { ...before, rest: [...before.rest, ...r.value.runs.filter((run) => !shown.has(run.id))], nextPageToken: r.value.nextPageToken, tokenOfFirst: false };
      });
    });
  }, [host, key, token, loadingMore]);

  return {
    runs: loaded ? [...loaded.first, ...loaded.rest] : undefined,
    totalSize: loaded?.totalSize,
    hasMore: token !== undefined,
    loadingMore,
    error,
    loadMore,
  };
}
