// Starting a step's process in its own process group (so terminate reaches everything it started) with its output
// appended to the task's log file, and stopping such groups.
import { spawn } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { KfsError } from '../../../../shared/errors/codes';
import type { DetectedExecution } from './container-engine';
import { stepEnvironment } from './step-environment';

export interface StepMount {
  /** Mounted at the same path in the container. */
  path: string;
  readOnly: boolean;
}

export interface StepCommand {
  /** The container's command (replaces the image's entrypoint when given); empty to keep the entrypoint. */
  command: string[];
  /** The container's args. On the host, command and args run as one command line. */
  args: string[];
  env: { [name: string]: string };
  image: string;
  cwd: string;
  /** What the step may see of this machine in a container (unused on the host). */
  mounts: StepMount[];
  /** A unique container name, so that terminate can stop the container too. */
  containerName: string;
  /** Labels on the container (the run it belongs to), so leftovers can be found and removed. */
  labels: { [name: string]: string };
  /** More flags for the engine's `run` (resource limits). */
  engineArgs?: string[];
  /** The network flags (the run's loopback-only namespace); `--network=none` when absent. */
  network?: string[];
}

export interface StartedStep {
  pid: number | undefined;
  /** Resolves with the exit code (or a signal name) once the process ended. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: string }>;
  stop(): Promise<void>;
  /** Removes the step's exited container (nothing on the host); resolves once it is gone or could not be removed. */
  remove(): Promise<void>;
}

function containerArgv(execution: DetectedExecution, step: StepCommand): string[] {
  const [entrypoint, ...rest] = step.command;
  // No network unless a step asks for it (none can yet): only a loopback interface, its own or the run's (run-network.ts);
  // nothing of this machine but the mounts.
  // The image was made ready (pulled with progress) before: never pull silently here.
  // No --rm: the engine CLI would wait for the removal before it returns, on every step's path. The runner removes
  // the exited container in the background instead (StartedStep.remove); a run's label sweeps what a crash left.
  const args = ['run', '--name', step.containerName, ...(step.network ?? ['--network=none']), '--pull=never', ...(step.engineArgs ?? []), '-w', step.cwd];
  for (const [name, value] of Object.entries(step.labels)) args.push('--label', `${name}=${value}`);
  for (const mount of step.mounts) args.push('-v', `${mount.path}:${mount.path}${mount.readOnly ? ':ro' : ''}`);
  for (const [name, value] of Object.entries(step.env)) args.push('-e', `${name}=${value}`);
  if (entrypoint !== undefined) args.push('--entrypoint', entrypoint);
  args.push(step.image, ...rest, ...step.args);
  return [execution.binary ?? execution.mode, ...args];
}

/** Sends `signal` to the process group led by `pid`; false when it no longer exists. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs` if anything of it is left. */
export async function stopGroup(pid: number, graceMs = 2000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!signalGroup(pid, 0 as unknown as NodeJS.Signals)) return;
  }
  signalGroup(pid, 'SIGKILL');
}

/** The task's log opened for appending, refusing (KFS810) a link or special file a step left in its place. */
function openLog(logFile: string): number {
  let fd;
  try {
    fd = openSync(logFile, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    throw new KfsError('KFS810', `${logFile} is a symbolic link, not the log the run wrote: a step replaced it. KFP Studio does not follow it; look at the step's code.`);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new KfsError('KFS810', `${logFile} is not a regular file: a step replaced the log the run wrote.`);
  }
  return fd;
}

export function startStep(execution: DetectedExecution, step: StepCommand, logFile: string): StartedStep {
  const argv = execution.mode === 'host' ? [...step.command, ...step.args] : containerArgv(execution, step);
  const [program, ...args] = argv;
  const logFd = openLog(logFile);
  let child;
  try {
    child = spawn(program ?? 'false', args, {
      cwd: step.cwd,
      env: execution.mode === 'host' ? { ...stepEnvironment(process.env), ...step.env } : process.env,
      stdio: ['ignore', logFd, logFd],
      detached: true,
    });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: string }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, spawnError: error.message }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stop = async (): Promise<void> => {
    if (execution.mode !== 'host' && execution.binary) {
      spawn(execution.binary, ['kill', step.containerName], { stdio: 'ignore' }).on('error', () => undefined);
    }
    if (pid !== undefined) await stopGroup(pid);
  };
  const remove = (): Promise<void> => {
    if (execution.mode === 'host' || !execution.binary) return Promise.resolve();
    const binary = execution.binary;
    return new Promise((resolve) => {
      const rm = spawn(binary, ['rm', '-f', step.containerName], { stdio: 'ignore' });
      rm.once('error', () => resolve());
      rm.once('close', () => resolve());
    });
  };
  return { pid, done, stop, remove };
}
