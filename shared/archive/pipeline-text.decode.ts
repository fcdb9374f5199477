// Pipeline files are UTF-8 text (YAML, or JSON which is also YAML). Anything else is refused here, with
// a hint when the bytes are a well-known binary kind (a PNG, or an archive given a .yaml name).
import { KfsError } from '../errors/codes';
import { archiveLocation, describeBinary } from './archive-format';
import { decodeUtf8Strict } from './utf8';

/** The characters YAML forbids in a stream (outside c-printable), so no YAML reader would take the text; a regular
 * expression finds the first one natively, several times faster than a loop over a large pipeline's characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The text of a pipeline file (or archive entry) named `what` inside `fileName`.
 * A leading byte-order mark is dropped. Empty or blank text is refused (KFS512), as are bytes that are
 * not UTF-8 or hold characters YAML forbids (KFS518).
 */
export function decodePipelineText(bytes: Uint8Array, fileName: string, entry?: string): string {
  const where = archiveLocation(fileName, entry);
  const what = entry === undefined ? fileName : `${entry} in ${fileName}`;
  const binary = describeBinary(bytes);
  if (binary !== undefined) {
    throw new KfsError('KFS518', `${what} is ${binary}, not YAML or JSON text.`, where);
  }
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) {
    throw new KfsError('KFS518', `${what} is not UTF-8 text; a pipeline must be YAML or JSON saved as UTF-8.`, where);
  }
  const i = text.search(FORBIDDEN_CHARACTER);
  if (i >= 0) {
    const code = text.charCodeAt(i);
    const { line, column } = lineAndColumn(text, i);
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    throw new KfsError(
      'KFS518',
      `${what} holds the control character U+${hex} at line ${line}, column ${column}; it is binary data, not YAML or JSON text.`,
      { ...where, line, column },
    );
  }
  if (text.trim().length === 0) {
    throw new KfsError('KFS512', `${what} is empty.`, where);
  }
  return text;
}
