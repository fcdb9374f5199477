// The local runtime's data folder:
//   experiments.json                       the experiments
//   runs/<runId>/run.json                  the run: snapshot (state, parameters, per-task state, inputs, outputs), owner
//   runs/<runId>/pipeline.json             the compiled pipeline as submitted (PipelineSpec as JSON)
//   runs/<runId>/logs/<task>.log           each step's standard output and error
//   runs/<runId>/tasks/<task>/inputs.json  resolved inputs, the ExecutorInput and the command line actually run
//   runs/<runId>/tasks/<task>/outputs/     output parameter files, executor_output.json, outputs.json
//   runs/<runId>/tasks/<task>/artifacts/   output artifacts (a file or folder per output)
//   runs/<runId>/workspace/                the run's shared workspace ({{$.workspace_path}})
//   cache/<fingerprint>.json               cached task results: where the outputs are
// <task> is the task id with "/" written as "__". Writes go to a temporary file then are renamed, so a crash never
// leaves half a JSON file and a link a step left in a record's place is replaced, never followed. Folders are 0700
// and files 0600: runs hold the user's data. A container step sees only its own outputs/ and artifacts/, the
// workspace and its inputs (read-only); records and logs stay out of its reach.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Experiment, RunSnapshot } from '../../../../shared/runtime/runtime';
import type { ProcessIdentity } from './process-identity';

export interface RunOwner extends ProcessIdentity {
  hostname: string;
}

export interface RunRecord {
  version: 1;
  run: RunSnapshot;
  owner?: RunOwner;
  enableCaching: boolean;
  /**
   * Steps running now: the process group leader of each (with its start, so a reused pid is never taken for it), to
   * stop them if their owner died. Records of older versions hold a bare pid, which is never signalled.
   */
  processes: { [taskId: string]: ProcessIdentity | number };
}

export function taskKey(taskId: string): string {
  return taskId.replaceAll('/', '__');
}

export class RunStore {
  constructor(readonly dataDir: string) {}

  get runsDir(): string {
    return path.join(this.dataDir, 'runs');
  }

  get cacheDir(): string {
    return path.join(this.dataDir, 'cache');
  }

  runDir(runId: string): string {
    return path.join(this.runsDir, runId);
  }

  logFile(runId: string, taskId: string): string {
    return path.join(this.runDir(runId), 'logs', `${taskKey(taskId)}.log`);
  }

  taskDir(runId: string, taskId: string): string {
    return path.join(this.runDir(runId), 'tasks', taskKey(taskId));
  }

  workspaceDir(runId: string): string {
    return path.join(this.runDir(runId), 'workspace');
  }

  async init(): Promise<void> {
    await mkdir(this.runsDir, { recursive: true, mode: 0o700 });
    await mkdir(this.cacheDir, { recursive: true, mode: 0o700 });
  }

  async createRunDir(runId: string): Promise<void> {
    const dir = this.runDir(runId);
    for (const part of ['logs', 'tasks', 'workspace']) await mkdir(path.join(dir, part), { recursive: true, mode: 0o700 });
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(value, null, 1), { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  }

  async readJson<T>(file: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async writeRecord(record: RunRecord): Promise<void> {
    await this.writeJson(path.join(this.runDir(record.run.id), 'run.json'), record);
  }

  async readRecord(runId: string): Promise<RunRecord | undefined> {
    if (!/^[\w.-]+$/.test(runId)) return undefined;
    const record = await this.readJson<RunRecord>(path.join(this.runDir(runId), 'run.json'));
    return record?.version === 1 && record.run?.id === runId ? record : undefined;
  }

  async listRunIds(): Promise<string[]> {
    try {
      const entries = await readdir(this.runsDir, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  async readExperiments(): Promise<Experiment[]> {
    return (await this.readJson<Experiment[]>(path.join(this.dataDir, 'experiments.json'))) ?? [];
  }

  async writeExperiments(experiments: Experiment[]): Promise<void> {
    await this.writeJson(path.join(this.dataDir, 'experiments.json'), experiments);
  }
}

/** A sortable, readable run id: run-20261129-183012-a1b2c3. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}
