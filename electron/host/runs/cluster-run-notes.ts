// What this computer remembers about runs it sent to a cluster: the document submitted (to draw the run on its own
// canvas, with its layout) and where it came from (RunSnapshot.sourcePath). Kept under
// `<data>/cluster-runs/<profile id>/`, one small meta file and one document file per run, named by a hash of the
// run id (cluster run ids are not file names).
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineDocument } from '../../../shared/model/document';
import { parseDocument } from '../../../shared/model/document.parse';

export interface ClusterRunNote {
  sourcePath?: string;
  document?: PipelineDocument;
}

function fileKey(runId: string): string {
  return createHash('sha256').update(runId).digest('hex').slice(0, 40);
}

export class ClusterRunNotes {
  constructor(private readonly dataDir: string) {}

  private dirOf(profileId: string): string {
    return path.join(this.dataDir, 'cluster-runs', profileId.replace(/[^A-Za-z0-9_.-]/g, '_'));
  }

  async save(profileId: string, runId: string, note: ClusterRunNote): Promise<void> {
    if (!note.document && !note.sourcePath) return;
    const dir = this.dirOf(profileId);
    await mkdir(dir, { recursive: true });
    const key = fileKey(runId);
    if (note.document) await writeFile(path.join(dir, `${key}.document.json`), JSON.stringify(note.document));
    await writeFile(path.join(dir, `${key}.json`), JSON.stringify({ runId, ...(note.sourcePath ? { sourcePath: note.sourcePath } : {}) }));
  }

  /** The submitted document, when kept and still readable. */
  async document(profileId: string, runId: string): Promise<PipelineDocument | undefined> {
    const file = path.join(this.dirOf(profileId), `${fileKey(runId)}.document.json`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return parseDocument(text, { file });
    } catch {
      return undefined;
    }
  }

  /** The source paths of the given runs that have one. */
  async sourcePaths(profileId: string, runIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const dir = this.dirOf(profileId);
    const present = new Set(await readdir(dir).catch(() => [] as string[]));
    await Promise.all(
      runIds.map(async (runId) => {
        const name = `${fileKey(runId)}.json`;
        if (!present.has(name)) return;
        const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
        try {
          const meta = text === undefined ? undefined : (JSON.parse(text) as { runId?: unknown; sourcePath?: unknown });
          if (meta?.runId === runId && typeof meta.sourcePath === 'string') found.set(runId, meta.sourcePath);
        } catch {
          // A damaged note only loses the source path.
        }
      }),
    );
    return found;
  }
}
