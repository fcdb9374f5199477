// Where the real Kubeflow Pipelines reference files live (../shared/kfp beside the repo), for suites that read them.
// Suites skip with a clear message when the folder is absent, so a fresh clone elsewhere still passes.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of the KFP reference folder. */
export const KFP_DIR = path.resolve(repoRoot, '../shared/kfp');

export const hasKfp: boolean = existsSync(KFP_DIR) && statSync(KFP_DIR).isDirectory();

/** Sorted absolute paths of the files in `KFP_DIR/sub` (not recursive); empty when absent. */
export function listKfpFiles(sub: string): string[] {
  const dir = path.join(KFP_DIR, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

/** The note printed when a suite skips because the reference folder is missing. */
export const KFP_MISSING_NOTE = `KFP reference files not found at ${KFP_DIR}: skipping suites that need them`;
