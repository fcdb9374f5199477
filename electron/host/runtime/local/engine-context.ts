// What the engine's parts share for one run.
import type { PipelineIr } from '../../../../shared/runtime/pipeline-ir.parse';
import type { PlaceholderContext } from '../../../../shared/runtime/placeholder.resolve';
import type { TaskError, TaskIo, TaskState } from '../../../../shared/runtime/runtime';
import type { DetectedExecution } from './container-engine';
import type { RunRecorder } from './run-recorder';
import type { RunStore } from './run-store';
import type { Semaphore } from './semaphore';
import type { StartedStep } from './task-process';
import type { RunNetwork } from './run-network';

export interface EngineContext {
  ir: PipelineIr;
  runId: string;
  store: RunStore;
  recorder: RunRecorder;
  execution: DetectedExecution;
  /** Caps the steps running at once across the run. */
  slots: Semaphore;
  /** Aborted by terminate. */
  signal: AbortSignal;
  enableCaching: boolean;
  job: PlaceholderContext['job'];
  /** Whether `python3 -c "import kfp"` works here (asked once). */
  kfpAvailable: () => Promise<boolean>;
  running: Map<string, StartedStep>;
  /** Images made ready (pulled if missing) in this run, so each is checked once per run, not once per step. */
  images: Map<string, Promise<void>>;
  /** The run's one loopback-only network namespace that its step containers join. */
  network: RunNetwork;
  /** Exited step containers being removed in the background; the run ends once they are gone. */
  removals: Set<Promise<void>>;
}

export interface TaskResult {
  state: TaskState;
  outputs: TaskIo;
  error?: TaskError;
  /** Did not run because something upstream failed (so its own dependents do not run either). */
  blocked?: boolean;
  skipReason?: string;
  cachedFrom?: { runId: string; taskId: string };
}
