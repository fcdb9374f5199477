export type { ArchiveFormat, ArchiveLimits } from './archive-format';
export { ARCHIVE_LIMITS, PIPELINE_ENTRY, formatFromFileName } from './archive-format';
export type { PipelineFileContent } from './archive.read';
export { readPipelineArchive } from './archive.read';
export type { AsyncGzip, WriteArchiveOptions } from './archive.write';
export { DEFAULT_ARCHIVE_MTIME, writePipelineArchive, writePipelineArchiveWith, writePipelineJson } from './archive.write';
export type { Gzip } from './gzip.write';
export { useNativeGzip } from './gzip.write';
