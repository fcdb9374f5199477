// Which way the local runtime runs steps: in containers when Docker or Podman is installed AND its engine answers
// (a docker CLI without a daemon is common), otherwise on the host with the image ignored. The reason is kept for
// the UI and the CLI to state plainly.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { ExecutionInfo } from '../../../../shared/runtime/runtime';

export type ExecutionChoice = 'auto' | 'host' | 'docker' | 'podman';

export interface DetectedExecution extends ExecutionInfo {
  /** The engine's CLI, for container modes. */
  binary?: string;
}

/** The absolute path of a program on PATH, or undefined. */
export function findOnPath(program: string, envPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs a short command; resolves with its exit code (or -1) and output, killing it after `timeoutMs`. */
export function probe(binary: string, args: string[], timeoutMs = 5000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: -1, output: (error as Error).message });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 200);
}

/**
 * The engine's server version from `info` as JSON: Docker names it `ServerVersion`, Podman `version.Version` (a
 * `docker` that is Podman's compatibility wrapper answers the Podman way). Undefined when neither is there.
 */
export function engineVersion(infoJson: string): string | undefined {
  let info: unknown;
  try {
    // Podman prints the JSON over many lines; warnings may come before it.
    info = JSON.parse(infoJson.slice(infoJson.indexOf('{'), infoJson.lastIndexOf('}') + 1));
  } catch {
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const docker = (info as { ServerVersion?: unknown }).ServerVersion;
  if (typeof docker === 'string' && docker) return docker;
  const podman = (info as { version?: { Version?: unknown } }).version?.Version;
  return typeof podman === 'string' && podman ? podman : undefined;
}

async function tryEngine(name: 'docker' | 'podman', envPath?: string): Promise<DetectedExecution | string> {
  const binary = findOnPath(name, envPath);
  if (!binary) return `${name} is not on the PATH`;
  const info = await probe(binary, ['info', '--format', '{{json .}}'], 15_000);
  const version = info.code === 0 ? engineVersion(info.output) : undefined;
  if (version) return { mode: name, binary, reason: `${name} ${version} answers: each step runs in its image` };
  return `${name} is installed but its engine does not answer (${firstLine(info.output) || `exit ${info.code}`})`;
}

/** Decides how steps run. `choice` forces a mode; a forced engine that does not answer falls back to the host. */
/** `envPath` replaces $PATH for the search (tests). */
export async function detectExecution(choice: ExecutionChoice = 'auto', envPath?: string): Promise<DetectedExecution> {
  if (choice === 'host') return { mode: 'host', reason: 'Running steps on this machine as asked: images are ignored.' };
  const engines: ('docker' | 'podman')[] = choice === 'auto' ? ['docker', 'podman'] : [choice];
  const why: string[] = [];
  for (const engine of engines) {
    const found = await tryEngine(engine, envPath);
    if (typeof found !== 'string') return found;
    why.push(found);
  }
  return {
    mode: 'host',
    reason: `No container engine answers (${why.join('; ')}): steps run on this machine with their images ignored, so each step's tools (sh, python3, ...) must be installed here.`,
  };
}

/** The label every step container carries, with its run id as the value. */
export const RUN_LABEL = 'kfp-studio.run';

/**
 * Removes the containers of a run that are still there (after a terminate, or left by an app that crashed): found by
 * their run label, so nothing else is touched. Answers how many were removed.
 */
export async function removeRunContainers(engine: DetectedExecution, runId: string): Promise<number> {
  const binary = engine.binary ?? engine.mode;
  const listed = await probe(binary, ['ps', '-aq', '--filter', `label=${RUN_LABEL}=${runId}`], 15_000);
  const ids = listed.code === 0 ? listed.output.split('\n').map((line) => line.trim()).filter((line) => /^[0-9a-f]{6,64}$/.test(line)) : [];
  // Podman's rm -f first waits 10 s for the container to stop by itself; Docker's kills at once.
  if (ids.length) await probe(binary, ['rm', '-f', ...(engine.mode === 'podman' ? ['--time', '0'] : []), ...ids], 30_000);
  return ids.length;
}
