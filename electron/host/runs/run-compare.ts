// Feeds the comparison of runs (shared/runs/run-compare): reads each run and the files of its metrics artifacts from
// wherever the runs are (the local runtime or reader, a cluster runtime). A metrics file that cannot be read leaves
// that artifact's metadata to speak for it.
import { checkComparedIds, compareRuns, metricsArtifacts, metricsFileKey, type RunComparison, type RunToCompare } from '../../../shared/runs/run-compare';
import type { RunSnapshot } from '../../../shared/runtime/runtime';

/** Metrics files are small JSON; a larger one is not read (its metadata still counts). */
const MAX_METRICS_FILE_BYTES = 1024 * 1024;

export interface ComparableRuns {
  getRun(runId: string): Promise<RunSnapshot>;
  readArtifact(runId: string, taskId: string, output: string, options?: { maxBytes?: number }): Promise<Uint8Array>;
}

async function metricsFiles(source: ComparableRuns, run: RunSnapshot): Promise<RunToCompare['files']> {
  const files: RunToCompare['files'] = {};
  for (const found of metricsArtifacts(run)) {
    try {
      const bytes = await source.readArtifact(run.id, found.taskId, found.output, { maxBytes: MAX_METRICS_FILE_BYTES + 1 });
      if (bytes.length > MAX_METRICS_FILE_BYTES) continue;
      files[metricsFileKey(found.taskId, found.output)] = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      // Not stored where it can be read, or not JSON: the artifact's metadata is all there is.
    }
  }
  return files;
}

/** KFS960 for a wrong number of runs or one given twice; an unknown run fails with its runtime's error. */
export async function gatherComparison(source: ComparableRuns, runIds: readonly string[]): Promise<RunComparison> {
  checkComparedIds(runIds);
  const runs = await Promise.all(runIds.map((id) => source.getRun(id)));
  const inputs = await Promise.all(runs.map(async (run) => ({ run, files: await metricsFiles(source, run) })));
  return compareRuns(inputs);
}
