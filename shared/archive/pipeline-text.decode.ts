// Pipeline files are UTF-8 text (YAML, or JSON which is also YAML). Anything else is refused here, with
// a hint when the bytes are a well-known binary kind (a PNG, or an archive given a .yaml name).
import { KfsError } from '../errors/codes';
import { archiveLocation, describeBinary } from './archive-format';
import { decodeUtf8Strict } from './utf8';

/** A character YAML forbids in a stream (outside c-printable), so no YAML reader would take the text. */
function isForbiddenCharacter(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code >= 0x7f && code <= 0x9f) return code !== 0x85;
  return code === 0xfffe || code === 0xffff;
}

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
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isForbiddenCharacter(code)) {
      const { line, column } = lineAndColumn(text, i);
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw new KfsError(
        'KFS518',
        `${what} holds the control character U+${hex} at line ${line}, column ${column}; it is binary data, not YAML or JSON text.`,
        { ...where, line, column },
      );
    }
  }
  if (text.trim().length === 0) {
    throw new KfsError('KFS512', `${what} is empty.`, where);
  }
  return text;
}
