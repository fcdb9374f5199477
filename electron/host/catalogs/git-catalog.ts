// A Git repository as a catalog: cloned with the person's own `git` into the data folder, read as a folder, and
// brought up to date only on refresh. Nothing from the repository runs: hooks point at /dev/null, submodules are
// not fetched, links are checked out as plain files, and only the https, http, ssh, git and file transports work.
import { execFile } from 'node:child_process';
import { lstat, rm } from 'node:fs/promises';
import { KfsError } from '../../../shared/errors/codes';

const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.symlinks=false',
  'core.fsmonitor=false',
  'submodule.recurse=false',
  'protocol.allow=never',
  'protocol.https.allow=always',
  'protocol.http.allow=always',
  'protocol.ssh.allow=always',
  'protocol.git.allow=always',
  'protocol.file.allow=always',
].flatMap((setting) => ['-c', setting]);

const GIT_TIMEOUT_MS = 120_000;

function runGit(args: readonly string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_CONFIG, ...args],
      {
        cwd,
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 1024 * 1024,
        // No prompts (a catalog refresh must never hang on a password), no system-wide config hooks.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_CONFIG_NOSYSTEM: '1', GIT_LFS_SKIP_SMUDGE: '1' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new KfsError('KFS449', 'Git catalogs need the `git` program, which was not found on the PATH; install Git, or add the folder instead.'));
        }
        const detail = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ') || error.message;
        reject(new KfsError('KFS448', `git ${args[0]} failed: ${detail}`));
      },
    );
  });
}

/** Refuses transports that can run commands (`ext::`) and options smuggled in as a location. */
export function checkGitLocation(location: string): void {
  if (location.startsWith('-') || /^ext::/i.test(location) || /[\0\n]/.test(location)) {
    throw new KfsError('KFS440', `${JSON.stringify(location.slice(0, 200))} is not a repository location git may use here.`);
  }
}

/** Clones `location` (at `ref`, or its default branch) into `dir`, replacing what was there. */
export async function cloneCatalog(location: string, dir: string, ref?: string): Promise<string> {
  checkGitLocation(location);
  await rm(dir, { recursive: true, force: true });
  await runGit(['clone', '--depth', '1', '--no-recurse-submodules', '--no-tags', ...(ref ? ['--branch', ref] : []), '--', location, dir]);
  return headCommit(dir);
}

/** Fetches the followed branch again and checks it out; answers the new commit. */
export async function updateCatalog(location: string, dir: string, ref?: string): Promise<string> {
  checkGitLocation(location);
  if (!(await lstat(`${dir}/.git`).catch(() => undefined))) return cloneCatalog(location, dir, ref);
  await runGit(['fetch', '--depth', '1', '--no-recurse-submodules', '--no-tags', 'origin', ref ?? 'HEAD'], dir);
  await runGit(['checkout', '--force', '--detach', 'FETCH_HEAD'], dir);
  await runGit(['clean', '-ffdx'], dir);
  return headCommit(dir);
}

export async function headCommit(dir: string): Promise<string> {
  return (await runGit(['rev-parse', 'HEAD'], dir)).trim();
}
