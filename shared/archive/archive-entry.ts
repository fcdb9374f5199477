// What the tar and zip readers hand to the pipeline-entry choice, and that choice, made as the KFP backend
// makes it: the first entry named exactly `pipeline.yaml`, failing that the first entry, whose name must
// end in .yaml or .yml.
import { KfsError } from '../errors/codes';
import { archiveLocation, isYamlEntryName, PIPELINE_ENTRY } from './archive-format';

export interface ArchiveEntry {
  name: string;
  /** `other` is a header-only record Go's readers still list, such as a tar's pax global header. */
  kind: 'file' | 'directory' | 'other';
  /** The entry's content, unpacked and checked on demand. */
  read(): Uint8Array;
}

export function choosePipelineEntry(entries: readonly ArchiveEntry[], fileName: string, archiveKind: string): ArchiveEntry {
  const first = entries[0];
  if (first === undefined) {
    throw new KfsError('KFS512', `${fileName} is an empty ${archiveKind}: it holds no files.`, archiveLocation(fileName));
  }
  const chosen = entries.find((entry) => entry.name === PIPELINE_ENTRY) ?? first;
  if (!isYamlEntryName(chosen.name)) {
    throw new KfsError(
      'KFS513',
      `${fileName} holds no ${PIPELINE_ENTRY}, and its first entry, ${JSON.stringify(chosen.name)}, is not a YAML file (.yaml or .yml).`,
      archiveLocation(fileName, chosen.name),
    );
  }
  if (chosen.kind !== 'file') {
    throw new KfsError(
      'KFS513',
      `${fileName}: the entry ${JSON.stringify(chosen.name)} is a ${chosen.kind === 'directory' ? 'folder' : 'metadata record'}, not a file.`,
      archiveLocation(fileName, chosen.name),
    );
  }
  return chosen;
}
