#!/usr/bin/env node
// The `kfp-studio` command: loads the TypeScript CLI through tsx, so it runs straight after `npm ci`.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../electron/tsconfig.json', import.meta.url)) });

// `kfp-studio ... | head` closes the pipe early: stop quietly rather than crash on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

try {
  const { runCli } = await import('../electron/cli/main.ts');
  const { processIo } = await import('../electron/cli/cli-io.ts');
  process.exitCode = await runCli(process.argv.slice(2), processIo());
} catch (error) {
  // runCli reports every error itself; this is only reached when the CLI cannot even load.
  process.stderr.write(`kfp-studio: could not start (${error instanceof Error ? error.message : String(error)}). Is the installation complete (npm ci)? If it is, please report this.\n`);
  if (process.env.KFP_STUDIO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 3;
}
