// `npm run web [-- --port N] [--data DIR] [--engine auto|host|docker|podman] [--no-build]`: builds the renderer (unless --no-build and a build exists),
// serves it and the HostApi on 127.0.0.1, and prints the URL to open. It opens nothing itself.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHostServices } from '../host/host-services';
import type { ExecutionChoice } from '../host/runtime/local/container-engine';
import { RunsService } from '../host/runs';
import { secretStoreFromEnv, WEB_MODE_SECRET_REFUSAL } from '../host/secrets';
import { runEventsRoute } from './run-events.route';
import { startWebServer } from './web-server';
import { ensureFolder } from '../host/data-folder';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_BUILD_DIR = path.join(REPO_ROOT, 'dist/renderer');

interface WebArgs {
  port: number;
  dataDir: string;
  build: boolean;
  /** How local runs execute steps (default: in Docker or Podman when one answers, else on the host). */
  engine: ExecutionChoice;
}

const ENGINES: readonly ExecutionChoice[] = ['auto', 'host', 'docker', 'podman'];

export function parseWebArgs(argv: readonly string[]): WebArgs {
  const args: WebArgs = { port: 0, dataDir: path.join(os.homedir(), '.kfp-studio'), build: true, engine: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--port' && value !== undefined) {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a number from 0 to 65535, not "${value}".`);
      args.port = port;
      i++;
    } else if (arg === '--data' && value !== undefined) {
      args.dataDir = path.resolve(value);
      i++;
    } else if (arg === '--engine' && value !== undefined) {
      const engine = ENGINES.find((e) => e === value);
      if (!engine) throw new Error(`--engine is auto, host, docker or podman, not "${value}".`);
      args.engine = engine;
      i++;
    } else if (arg === '--no-build') {
      args.build = false;
    } else {
      throw new Error(`Unknown option "${arg}". Usage: npm run web -- [--port N] [--data DIR] [--engine auto|host|docker|podman] [--no-build]`);
    }
  }
  return args;
}

async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2));
  if (args.build || !existsSync(path.join(RENDERER_BUILD_DIR, 'index.html'))) await buildRenderer();
  const documentsDir = path.join(args.dataDir, 'documents');
  await ensureFolder(documentsDir);
  const runs = new RunsService({ dataDir: args.dataDir, execution: args.engine });
  const secrets = secretStoreFromEnv(args.dataDir, process.env, WEB_MODE_SECRET_REFUSAL);
  const handlers = createHostServices({ resourcesDir: path.join(REPO_ROOT, 'resources'), documentsDir, dataDir: args.dataDir, runs, secrets });
  const running = await startWebServer({ handlers, staticDir: RENDERER_BUILD_DIR, port: args.port, routes: [runEventsRoute(runs.events)] });
  process.stdout.write(`KFP Studio is serving on 127.0.0.1 only. Open:\n${running.url}\n`);
  const stop = (): void => {
    void runs.close().then(() => running.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`kfp-studio web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
