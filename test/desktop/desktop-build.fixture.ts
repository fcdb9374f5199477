// Builds the Electron bundles once per test file into a fresh folder (the real build:electron code, esbuild).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildElectron } from '../../electron/main/build/build-electron';

export async function buildIntoTemp(): Promise<{ dir: string; main: string; preload: string; afterPack: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-electron-build-'));
  const [main, preload, afterPack] = await buildElectron(dir);
  return { dir, main: main as string, preload: preload as string, afterPack: afterPack as string };
}
