// A page query of runs (state, text, pipeline, creation dates, order) as KFP's ListRuns takes it: `filter` predicates
// on the run table's API fields (runAPIToModelFieldMap in backend/src/apiserver/model/run.go), `sort_by` on a column.
// Duration is no column: it is ordered on the page only.
import type { RunPageQuery, RunQuery, RunState } from '../../../../shared/runtime/runtime';
import type { ListQuery } from './kfp-client';
import { kfpStatesOf } from './kfp-snapshot';

type Obj = { [key: string]: unknown };

const SORT_FIELDS: Partial<Record<NonNullable<RunQuery['sortBy']>, string>> = { createdAt: 'created_at', displayName: 'display_name', state: 'state' };

/** Whether the server orders runs this way (else only each page is ordered). */
export function serverSorts(sortBy: RunQuery['sortBy']): boolean {
  return SORT_FIELDS[sortBy ?? 'createdAt'] !== undefined;
}

/** `pipelineId`: the id of the pipeline named in query.pipelineName (runs of its uploaded versions carry it). */
export function kfpRunListQuery(query: RunPageQuery, pipelineId?: string): ListQuery & { experimentId?: string } {
  const predicates: Obj[] = [];
  const states = (query.states ?? []).flatMap((state: RunState) => kfpStatesOf(state));
  if (states.length) predicates.push({ key: 'state', operation: 'IN', string_values: { values: states } });
  if (query.text) predicates.push({ key: 'display_name', operation: 'IS_SUBSTRING', string_value: query.text });
  if (pipelineId) predicates.push({ key: 'pipeline_id', operation: 'EQUALS', string_value: pipelineId });
  if (query.createdAfter) predicates.push({ key: 'created_at', operation: 'GREATER_THAN_EQUALS', timestamp_value: new Date(query.createdAfter).toISOString() });
  if (query.createdBefore) predicates.push({ key: 'created_at', operation: 'LESS_THAN', timestamp_value: new Date(query.createdBefore).toISOString() });
  const field = SORT_FIELDS[query.sortBy ?? 'createdAt'];
  const descending = query.descending ?? (query.sortBy ?? 'createdAt') === 'createdAt';
  return {
    pageSize: query.pageSize ?? 50,
    ...(query.pageToken ? { pageToken: query.pageToken } : {}),
    ...(field ? { sortBy: `${field}${descending ? ' desc' : ''}` } : {}),
    ...(predicates.length ? { filter: { predicates } } : {}),
    ...(query.experimentId ? { experimentId: query.experimentId } : {}),
  };
}
