// What every route file receives: the state, the engine, the clock and the emulator's options.
import type { EmulatorClock } from './clock';
import type { Engine } from './engine';
import type { EmulatorState } from './state';

export interface EmulatorEnv {
  state: EmulatorState;
  engine: Engine;
  clock: EmulatorClock;
  /** Healthz `multi_user`; when true, experiments and runs need a namespace. */
  multiUser: boolean;
  /** Where KFP runs its pods (and the ml-pipeline service lives). */
  kfpNamespace: string;
  /** The default experiment's id (single-user mode). */
  defaultExperimentId?: string;
}
