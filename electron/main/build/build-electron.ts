// `npm run build:electron`: bundles the main process and the preload into dist/electron (CommonJS: a sandboxed
// preload cannot load ES modules or anything but `electron`), plus the packaging hook that flips the fuses.
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ELECTRON_OUT_DIR = path.join(REPO_ROOT, 'dist/electron');

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // package.json says "type": "module"; .cjs keeps these CommonJS whatever the nearest package.json says.
  outExtension: { '.js': '.cjs' },
};

/** Bundles into `outDir` and answers the files written. */
export async function buildElectron(outDir: string = ELECTRON_OUT_DIR): Promise<string[]> {
  await build({
    ...common,
    entryPoints: { main: path.join(REPO_ROOT, 'electron/main/main.ts') },
    platform: 'node',
    target: 'node22',
    external: ['electron'],
    outdir: outDir,
  });
  await build({
    ...common,
    entryPoints: { preload: path.join(REPO_ROOT, 'electron/preload/preload.ts') },
    // The sandboxed preload has no Node: only `require('electron')` and browser APIs.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    outdir: outDir,
  });
  await build({
    ...common,
    entryPoints: { 'after-pack': path.join(REPO_ROOT, 'electron/main/build/after-pack.ts') },
    platform: 'node',
    target: 'node20',
    // Self-contained (with @electron/fuses inside), so electron-builder can load it from anywhere.
    outdir: outDir,
  });
  return ['main.cjs', 'preload.cjs', 'after-pack.cjs'].map((name) => path.join(outDir, name));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron().then(
    (files) => process.stdout.write(`Built ${files.map((f) => path.relative(REPO_ROOT, f)).join(', ')}\n`),
    (error: unknown) => {
      process.stderr.write(`build:electron failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
