// What the native Open dialog answers: a pipeline document is opened by the host through its path (so Save writes
// back to it); any other pipeline file (compiled YAML/JSON, .tar.gz, .zip) is read here, because the person chose
// it, and its bytes go to the renderer's importer. Nothing else is read.
import { readFile, stat } from 'node:fs/promises';
import { KfsError } from '../../shared/errors/codes';
import { MAX_DOCUMENT_BYTES } from '../../shared/model/document.parse';

export const PIPELINE_FILE_FILTERS = [
  { name: 'Pipelines (documents, compiled YAML, archives)', extensions: ['json', 'yaml', 'yml', 'gz', 'tgz', 'zip'] },
  { name: 'Pipeline documents', extensions: ['json'] },
];

export const DOCUMENT_FILE_FILTERS = [{ name: 'Pipeline documents', extensions: ['json'] }];

export async function readChosenPipelineFile(file: string): Promise<{ path: string; content?: string }> {
  if (file.endsWith('.pipeline.json')) return { path: file };
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new KfsError('KFS505', `There is no file at ${file}.`, { file });
  if (info.size > MAX_DOCUMENT_BYTES) throw new KfsError('KFS501', `${file} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB, more than any pipeline file.`, { file });
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new KfsError('KFS505', `Could not read ${file} (${error.code ?? error.message}).`, { file });
  });
  return { path: file, content: bytes.toString('base64') };
}
