// Local runs read straight from the data folder, without opening a LocalRuntime: a reader never marks a run that
// another process (the app, a `kfp-studio run`) is running as interrupted, and never detects container engines.
import { KfsError } from '../../../../shared/errors/codes';
import type { LogChunk, RunSnapshot } from '../../../../shared/runtime/runtime';
import { readArtifactFile } from './artifact-files';
import { readLogChunk } from './log-reader';
import { RunStore } from './run-store';

export class LocalRunReader {
  private readonly store: RunStore;

  constructor(dataDir: string) {
    this.store = new RunStore(dataDir);
  }

  async getRun(runId: string): Promise<RunSnapshot> {
    const record = await this.store.readRecord(runId);
    if (!record) throw new KfsError('KFS941', `There is no local run "${runId}" in ${this.store.dataDir}: list them in the app, or give --profile NAME for a cluster run.`, { field: 'run' });
    return record.run;
  }

  async readLog(runId: string, taskId: string, from = 0): Promise<LogChunk> {
    const run = await this.getRun(runId);
    if (!run.tasks.some((t) => t.id === taskId)) {
      throw new KfsError('KFS941', `Run ${runId} has no step "${taskId}" (its steps: ${run.tasks.map((t) => t.id).join(', ')}).`, { task: taskId });
    }
    return readLogChunk(this.store.logFile(runId, taskId), from);
  }

  /** At most `maxBytes` of a step's output artifact file (KFS941 when the run or step has no such output). */
  async readArtifact(runId: string, taskId: string, output: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    const artifact = (await this.getRun(runId)).tasks.find((t) => t.id === taskId)?.outputs?.artifacts[output]?.[0];
    if (!artifact) throw new KfsError('KFS941', `Run ${runId} has no output artifact "${output}" of step "${taskId}".`, { task: taskId });
    return (await readArtifactFile(artifact.uri, output, options.maxBytes)).bytes;
  }

  async close(): Promise<void> {}
}
