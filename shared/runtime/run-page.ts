// Pages of a list of runs, for runtimes that hold all their runs (local, Argo): the token names the last run shown
// (its sort key and id) and carries the query of the first page, as KFP's page tokens do, so a run started meanwhile
// neither repeats nor shifts the next page.
import { KfsError } from '../errors/codes';
import { compareRunKeys, queryRuns, runSortKey, type RunPage, type RunPageQuery, type RunQuery, type RunSnapshot } from './runtime';

export const DEFAULT_RUN_PAGE_SIZE = 50;
export const MAX_RUN_PAGE_SIZE = 200;

interface PageToken {
  query: RunQuery;
  after: { key: string | number; id: string };
}

function readToken(text: string): PageToken {
  try {
    const token = JSON.parse(text) as PageToken;
    if (typeof token.query === 'object' && token.query !== null && typeof token.after?.id === 'string' && ['string', 'number'].includes(typeof token.after.key)) return token;
  } catch {
    // Refused below.
  }
  throw new KfsError('KFS961', 'This page token is not one the run list gave: list the runs again from the first page.', { field: 'pageToken' });
}

function queryOf(query: RunPageQuery): RunQuery {
  const { pageSize: _size, pageToken: _token, ...rest } = query;
  return rest;
}

export function pageOfRuns(runs: readonly RunSnapshot[], request: RunPageQuery, now: number = Date.now()): RunPage {
  const size = Math.min(MAX_RUN_PAGE_SIZE, Math.max(1, request.pageSize ?? DEFAULT_RUN_PAGE_SIZE));
  const token = request.pageToken ? readToken(request.pageToken) : undefined;
  const query = token?.query ?? queryOf(request);
  const sortBy = query.sortBy ?? 'createdAt';
  const descending = query.descending ?? sortBy === 'createdAt';
  const sorted = queryRuns(runs, query, now);
  let start = 0;
  if (token) {
    const after = token.after;
    start = sorted.findIndex((run) => {
      const order = compareRunKeys({ key: runSortKey(run, sortBy, now), id: run.id }, after);
      return descending ? order < 0 : order > 0;
    });
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + size);
  const last = page[page.length - 1];
  const more = last !== undefined && start + size < sorted.length;
  return {
    runs: page,
    totalSize: sorted.length,
    ...(more ? { nextPageToken: JSON.stringify({ query, after: { key: runSortKey(last, sortBy, now), id: last.id } } satisfies PageToken) } : {}),
  };
}
