// Reading a pipeline file as the KFP backend's ReadPipelineFile does: a .yaml/.yml or .json name is text;
// otherwise the content decides (zip or gzip-compressed tar, whatever the name), and anything else is
// refused. Stricter than the backend where it protects the app: caps on size, entries and unpacked
// data, unsafe paths and links refused anywhere in an archive, and text that is not UTF-8 refused.
import { KfsError } from '../errors/codes';
import type { ArchiveFormat, ArchiveLimits } from './archive-format';
import { archiveLocation, formatBytes, formatFromFileName, looksLikeGzip, looksLikeZip, resolveLimits } from './archive-format';
import { choosePipelineEntry } from './archive-entry';
import { gunzipChecked } from './gzip.read';
import { decodePipelineText } from './pipeline-text.decode';
import { readTarEntries } from './tar.read';
import { readZipEntries } from './zip.read';

export interface PipelineFileContent {
  /** The pipeline's text: YAML, or for `json` JSON (which the backend, like us, reads as YAML). */
  text: string;
  /** The archive entry the text came from; absent for yaml and json. */
  entry?: string;
  /** What the file is, by its content for archives. */
  format: ArchiveFormat;
}

/**
 * The pipeline text in `bytes`, the content of a file named `fileName` (a path will do).
 * Refusals are KfsErrors: KFS501 file too large, KFS510 unsupported type, KFS511 corrupt archive,
 * KFS512 empty, KFS513 no YAML entry, KFS514 unsafe entry path, KFS515 link or device entry,
 * KFS516 unpacks to too much, KFS517 too many entries, KFS518 not UTF-8 text.
 */
export function readPipelineArchive(bytes: Uint8Array, fileName: string, limits?: Partial<ArchiveLimits>): PipelineFileContent {
  const caps = resolveLimits(limits);
  if (bytes.length > caps.maxFileBytes) {
    throw new KfsError(
      'KFS501',
      `${fileName} is ${formatBytes(bytes.length)}; Kubeflow Pipelines accepts pipeline files of at most ${formatBytes(caps.maxFileBytes)}.`,
      archiveLocation(fileName),
    );
  }
  const byName = formatFromFileName(fileName);
  if (byName === 'yaml' || byName === 'json') {
    return { text: decodePipelineText(bytes, fileName), format: byName };
  }
  if (bytes.length === 0) throw new KfsError('KFS512', `${fileName} is empty.`, archiveLocation(fileName));
  if (looksLikeZip(bytes)) {
    const entry = choosePipelineEntry(readZipEntries(bytes, fileName, caps), fileName, 'zip archive');
    return { text: decodePipelineText(entry.read(), fileName, entry.name), entry: entry.name, format: 'zip' };
  }
  if (looksLikeGzip(bytes)) {
    const tar = gunzipChecked(bytes, fileName, caps.maxUnpackedBytes);
    const entry = choosePipelineEntry(readTarEntries(tar, fileName, caps), fileName, 'tar archive');
    return { text: decodePipelineText(entry.read(), fileName, entry.name), entry: entry.name, format: 'tar.gz' };
  }
  const said = byName === undefined ? '' : ` Its name says ${byName}, but its content is not a ${byName === 'zip' ? 'zip archive' : 'gzip-compressed tar archive'}.`;
  throw new KfsError(
    'KFS510',
    `${fileName} is not a pipeline file Kubeflow Pipelines accepts: use .yaml/.yml, .json, .zip or .tar.gz.${said}`,
    archiveLocation(fileName),
  );
}
