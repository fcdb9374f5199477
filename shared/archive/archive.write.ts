// Writing a pipeline in each form Kubeflow Pipelines accepts. Output is deterministic: the same pipeline
// gives the same bytes (a fixed modification time, owner, mode and compression level; no gzip time).
import { zipSync } from 'fflate';
import { KfsError } from '../errors/codes';
import { loadYamlDocuments } from '../yaml/safe-load';
import { lendYamlStream, yamlStreamBytes, type YamlStream } from '../yaml/yaml-block.write';
import type { ArchiveFormat } from './archive-format';
import { ARCHIVE_LIMITS, formatBytes, PIPELINE_ENTRY } from './archive-format';
import { gzip, GZIP_LEVEL } from './gzip.write';
import { pipelineJsonText } from './pipeline-json.write';
import { TAR_HEADROOM, TAR_TAILROOM, tarAround, writeTar, type TarEntry } from './tar.write';
import { decodeUtf8Lenient, encodeUtf8 } from './utf8';

export interface WriteArchiveOptions {
  /** The modification time recorded for pipeline.yaml in a tar.gz or zip; 1980-01-01T00:00:00Z by default. */
  mtime?: Date;
}

/** The earliest time a zip can record, so one default serves both archive kinds. */
export const DEFAULT_ARCHIVE_MTIME = new Date(Date.UTC(1980, 0, 1));

const FILE_MODE = 0o644;
const ZIP_UNIX_HOST = 3;
const ZIP_FILE_ATTRS = (0o100644 << 16) >>> 0;

function checkedMtime(options: WriteArchiveOptions | undefined): Date {
  const mtime = options?.mtime ?? DEFAULT_ARCHIVE_MTIME;
  const year = mtime.getUTCFullYear();
  if (Number.isNaN(mtime.getTime()) || year < 1980 || year > 2099) {
    throw new RangeError(`An archive's modification time must fall in 1980-2099 (zip's range); got ${String(mtime)}.`);
  }
  return mtime;
}

function pipelineEntry(mtime: Date): TarEntry {
  return { name: PIPELINE_ENTRY, mode: FILE_MODE, mtime: Math.trunc(mtime.getTime() / 1000) };
}

function pipelineTar(content: Uint8Array, mtime: Date): Uint8Array {
  return writeTar({ ...pipelineEntry(mtime), data: content });
}

/** The pipeline file as text, as UTF-8, or as a YAML stream still to write (see shared/yaml/yaml-block.write.ts). */
export type PipelineYaml = string | Uint8Array | YamlStream;

function isStream(pipelineYaml: PipelineYaml): pipelineYaml is YamlStream {
  return typeof pipelineYaml === 'object' && !(pipelineYaml instanceof Uint8Array);
}

function pipelineBytes(pipelineYaml: PipelineYaml): Uint8Array {
  if (typeof pipelineYaml === 'string') return encodeUtf8(pipelineYaml);
  return isStream(pipelineYaml) ? yamlStreamBytes(pipelineYaml) : pipelineYaml;
}

/**
 * Hands `use` the pipeline's tar for the length of the call: a YAML stream is written where the tar holds it, in
 * the YAML writer's own buffer (lent, so never copied), with the header and padding put around it there.
 */
function withPipelineTar<T>(pipelineYaml: PipelineYaml, mtime: Date, use: (tar: Uint8Array) => T): T {
  if (!isStream(pipelineYaml)) return use(pipelineTar(pipelineBytes(pipelineYaml), mtime));
  return lendYamlStream(pipelineYaml, TAR_HEADROOM, TAR_TAILROOM, (buffer, end) => use(tarAround(buffer, pipelineEntry(mtime), end - TAR_HEADROOM)));
}

function zip(content: Uint8Array, mtime: Date): Uint8Array {
  // fflate records the DOS time from local-time fields; give it a local date with the UTC fields of
  // `mtime`, so the bytes are the same in every time zone.
  const local = new Date(
    mtime.getUTCFullYear(),
    mtime.getUTCMonth(),
    mtime.getUTCDate(),
    mtime.getUTCHours(),
    mtime.getUTCMinutes(),
    mtime.getUTCSeconds(),
  );
  return zipSync({ [PIPELINE_ENTRY]: [content, { level: GZIP_LEVEL, mtime: local, os: ZIP_UNIX_HOST, attrs: ZIP_FILE_ATTRS }] });
}

function checkSize(bytes: Uint8Array): Uint8Array {
  if (bytes.length > ARCHIVE_LIMITS.maxFileBytes) {
    throw new KfsError(
      'KFS501',
      `The pipeline file would be ${formatBytes(bytes.length)}; Kubeflow Pipelines accepts at most ${formatBytes(ARCHIVE_LIMITS.maxFileBytes)}.`,
    );
  }
  return bytes;
}

/** JSON documents (a PipelineSpec, optionally then a PlatformSpec) as the bytes of a .json pipeline file. */
export function writePipelineJson(docs: readonly unknown[]): Uint8Array {
  if (docs.length === 0) throw new KfsError('KFS512', 'There is no pipeline to write: no documents.');
  return checkSize(encodeUtf8(pipelineJsonText(docs, ARCHIVE_LIMITS.maxFileBytes)));
}

/**
 * The pipeline YAML (one or two documents; text, UTF-8, or a YAML stream like irToYamlStream gives) as the bytes of
 * a file in `format`: `tar.gz` and `zip` hold a single entry, pipeline.yaml; `yaml` is the text as UTF-8; `json`
 * is the same documents as JSON (see writePipelineJson).
 */
export function writePipelineArchive(pipelineYaml: PipelineYaml, format: ArchiveFormat, options?: WriteArchiveOptions): Uint8Array {
  if (format === 'json') {
    const text = typeof pipelineYaml === 'string' ? pipelineYaml : decodeUtf8Lenient(pipelineBytes(pipelineYaml));
    // Empty documents (only comments, or a stray ---) are skipped, as the backend skips them.
    return writePipelineJson(loadYamlDocuments(text).filter((doc) => doc !== null && doc !== undefined));
  }
  if (format === 'yaml') return checkSize(pipelineBytes(pipelineYaml));
  const mtime = checkedMtime(options);
  return checkSize(format === 'zip' ? zip(pipelineBytes(pipelineYaml), mtime) : withPipelineTar(pipelineYaml, mtime, gzip));
}

/** A gzip that runs asynchronously, as the browser's CompressionStream does. */
export type AsyncGzip = (data: Uint8Array) => Promise<Uint8Array>;

/** writePipelineArchive with `gzipAsync` for a tar.gz (the same tar, another compressor); other formats as there. */
export async function writePipelineArchiveWith(
  gzipAsync: AsyncGzip,
  pipelineYaml: PipelineYaml,
  format: ArchiveFormat,
  options?: WriteArchiveOptions,
): Promise<Uint8Array> {
  if (format !== 'tar.gz') return writePipelineArchive(pipelineYaml, format, options);
  // The compressor runs after this call returns, so it gets a copy of a lent tar.
  const tar = withPipelineTar(pipelineYaml, checkedMtime(options), (lent) => (isStream(pipelineYaml) ? lent.slice() : lent));
  return checkSize(await gzipAsync(tar));
}
