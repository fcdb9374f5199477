#!/usr/bin/env node
// `npm run bench`: bundles run.ts with esbuild (as the desktop app and web mode ship their code) into out/bench/
// and runs it with plain node, so the figures are those of shipped code, not of the TypeScript loader (tsx keeps
// function names by wrapping every function in a __name call, which alone made validate 2-4x slower).
// Arguments are passed on; node options too (e.g. `node --cpu-prof test/bench/bundled-run.mjs compile`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const outfile = fileURLToPath(new URL('../../out/bench/run.mjs', import.meta.url));
buildSync({
  entryPoints: [fileURLToPath(new URL('./run.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Libraries stay in node_modules (out/bench/ resolves them like test/bench/ would); only our code is bundled.
  packages: 'external',
  sourcemap: true,
  outfile,
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [...process.execArgv, '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
