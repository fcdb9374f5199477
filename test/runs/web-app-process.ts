// `npm run web` as a child process on a data folder the caller keeps (so a test can stop the server and start it again
// on the same runs), for the runs end-to-end tests and the run-to-canvas bench.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionChoice } from '../../electron/host/runtime/local/container-engine';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebProcess {
  /** Opens the bundled runnable example, whatever was open before (each test starts from it). */
  url: string;
  /** Opens what was open when the app last ran (as a person returning to it would). */
  resumeUrl: string;
  /** Stops the server (SIGTERM to its process group) and leaves the data folder. */
  stop(): Promise<void>;
}

export const START_EXAMPLE = 'classic-local';

/** Steps run on the host unless `engine` says otherwise (an engine on the machine must not change what a test runs). */
export async function startWebProcess(dataDir: string, options: { build?: boolean; engine?: ExecutionChoice } = {}): Promise<WebProcess> {
  const engine = ['--engine', options.engine ?? 'host'];
  const args = ['tsx', 'electron/web/web-main.ts', '--port', '0', '--data', dataDir, ...engine, ...(options.build === false ? ['--no-build'] : [])];
  const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web server printed no URL within 180 s:\n${out}\n${err}`)), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited (${code}) before printing its URL:\n${out}\n${err}`));
    });
  });
  return { url: url.replace('/#', `/?example=${START_EXAMPLE}#`), resumeUrl: url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-(child.pid as number), 'SIGTERM');
  });
}
