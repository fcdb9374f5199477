// What the native Open dialog answers: a pipeline document is opened by the host through its path (so Save writes
// back to it); any other pipeline file (compiled YAML/JSON, .tar.gz, .zip) is read here, because the person chose
// it, and its bytes go to the renderer's importer. Nothing else is read.
import { DOCUMENT_SUFFIX, readPipelineFileBytes } from '../host/documents/document-file';

export const PIPELINE_FILE_FILTERS = [
  { name: 'Pipelines (documents, compiled YAML, archives)', extensions: ['json', 'yaml', 'yml', 'gz', 'tgz', 'zip'] },
  { name: 'Pipeline documents', extensions: ['json'] },
];

export const DOCUMENT_FILE_FILTERS = [{ name: 'Pipeline documents', extensions: ['json'] }];

export async function readChosenPipelineFile(file: string): Promise<{ path: string; content?: string }> {
  if (file.endsWith(DOCUMENT_SUFFIX)) return { path: file };
  return { path: file, content: (await readPipelineFileBytes(file)).toString('base64') };
}
