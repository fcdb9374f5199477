// The data folder (~/.kfp-studio or --data): made on first use, readable by its owner only (it holds profiles,
// encrypted tokens, runs and their logs). Every store that writes into it calls this first.
import { mkdir } from 'node:fs/promises';
import { KfsError } from '../../shared/errors/codes';

export async function ensureFolder(dir: string): Promise<void> {
  try {
    // `recursive` gives each folder it makes (the data folder included) the 0700 mode; existing ones keep theirs.
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new KfsError('KFS940', `The folder ${dir} could not be made (${reason}): check its parent's permissions, or choose another data folder with --data DIR or KFP_STUDIO_DATA.`, { file: dir });
  }
}
