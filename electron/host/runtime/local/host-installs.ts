// Host mode never changes the user's environment: a step that installs Python packages (pip install, as KFP's
// packages_to_install does) runs with a virtual environment of its run first on PATH, so what it installs lands in
// the run's folder, not in the user's Python; one that installs system packages (apt, conda, npm -g, ...) is refused
// on the host (KFS815): only a container may do that. The venv sees the user's packages (--system-site-packages), so
// a step needing kfp still finds it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../../shared/errors/codes';

const PIP_INSTALL = /\bpip3?(\.\d+)?["']?\s+(?:-{1,2}[\w-]+\s+)*install\b|-m\s+pip\s+(?:-{1,2}[\w-]+\s+)*install\b/;
const SYSTEM_INSTALL = /\b(?:apt-get|apt|yum|dnf|apk|brew|conda|mamba|micromamba)\s+(?:-\S+\s+)*(?:install|add)\b|\bnpm\s+(?:install|i)\s+(?:\S+\s+)*(?:-g|--global)\b|\bsudo\b/;

/** What the step's command line installs, if anything. */
export function installsIn(argv: readonly string[]): 'pip' | 'system' | undefined {
  // KFP's Python components start with "if pip is missing: ensurepip || ... || apt-get install python3-pip": in the
  // run's venv pip is there, so that fallback never runs and is not counted.
  const line = argv.join(' ').replace(/^.*\bensurepip\b.*$/gm, '');
  if (SYSTEM_INSTALL.test(line)) return 'system';
  if (PIP_INSTALL.test(line)) return 'pip';
  return undefined;
}

const venvs = new Map<string, Promise<string>>();

function run(program: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Makes the venv. Without its own copy of pip when the user's Python has one (0.3 s instead of 8 s here): the venv's
 * python runs that pip and installs into the venv, and `pip`/`pip3` in the venv's bin do the same.
 */
async function makeVenv(dir: string): Promise<string> {
  const bin = path.join(dir, 'bin');
  const light = await run('python3', ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  if (light.code === 0 && process.platform !== 'win32' && (await run(path.join(bin, 'python3'), ['-m', 'pip', '--version'])).code === 0) {
    for (const name of ['pip', 'pip3']) await writeFile(path.join(bin, name), `#!/bin/sh\nexec "${path.join(bin, 'python3')}" -m pip "$@"\n`, { mode: 0o755 });
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  const full = await run('python3', ['-m', 'venv', '--system-site-packages', dir]);
  if (full.code === 0 && existsSync(bin)) return dir;
  throw new Error(full.output.trim().split('\n').pop() || `exit ${full.code}`);
}

/** The run's virtual environment (made once per run, in `<run>/python-env`) as variables for the step. */
export async function runVenvEnvironment(runDir: string, basePath: string | undefined): Promise<{ [name: string]: string }> {
  const dir = path.join(runDir, 'python-env');
  let made = venvs.get(dir);
  if (!made) {
    made = makeVenv(dir);
    venvs.set(dir, made);
  }
  try {
    await made;
  } catch (error) {
    venvs.delete(dir);
    throw new KfsError('KFS816', `This step installs Python packages; on this machine they go into a virtual environment of the run, which could not be made (${(error as Error).message}). Install python3-venv, or run with Docker or Podman.`);
  }
  const bin = path.join(dir, process.platform === 'win32' ? 'Scripts' : 'bin');
  return { PATH: [bin, basePath].filter(Boolean).join(path.delimiter), VIRTUAL_ENV: dir, PIP_USER: '0', PIP_REQUIRE_VIRTUALENV: '1' };
}

/** The refusal for a step that would install system packages on the host. */
export function systemInstallRefusal(argv: readonly string[]): KfsError {
  const found = argv.join(' ').match(SYSTEM_INSTALL)?.[0] ?? 'a system package manager';
  return new KfsError('KFS815', `This step installs system packages ("${found}"): on this machine that would change it for every program. Run it with Docker or Podman, where it changes only the step's container.`);
}
