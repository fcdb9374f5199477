// Steps get no network: each runs with only a loopback interface. Making a fresh network namespace per container is
// most of a container's start on some engines (Docker without a bridge: 270 ms of create → start against 140 ms
// without one), so a run makes one `--network=none` namespace, held by a small sleeping container of the run's first
// image, and its steps join it (`--network=container:HOLDER`). They still reach nothing outside it: the namespace has
// no interface but loopback. An image without `sleep` cannot hold it; then each step gets `--network=none` of its own.
import { spawn } from 'node:child_process';
import { RUN_LABEL, type DetectedExecution } from './container-engine';

export interface RunNetwork {
  /** The `run` flags that give a step the run's network (only loopback). */
  args(image: string): Promise<string[]>;
  /** Removes the holder container, if one was made. */
  dispose(): Promise<void>;
}

const ISOLATED = ['--network=none'];

function engineCall(binary: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: 'ignore' });
    child.once('error', () => resolve(null));
    child.once('close', (code) => resolve(code));
  });
}

export function runNetwork(execution: DetectedExecution, runId: string): RunNetwork {
  const binary = execution.binary;
  const holder = `kfs-${runId}-network`.slice(0, 120);
  let made: Promise<string[]> | undefined;
  return {
    args(image) {
      if (execution.mode === 'host' || !binary) return Promise.resolve(ISOLATED);
      made ??= engineCall(binary, ['run', '-d', '--name', holder, '--network=none', '--pull=never', '--label', `${RUN_LABEL}=${runId}`, '--entrypoint', 'sleep', image, 'infinity']).then(
        (code) => (code === 0 ? ['--network', `container:${holder}`] : ISOLATED),
      );
      return made;
    },
    async dispose() {
      if (!made || !binary) return;
      await made;
      await engineCall(binary, ['rm', '-f', ...(execution.mode === 'podman' ? ['--time', '0'] : []), holder]);
    },
  };
}
