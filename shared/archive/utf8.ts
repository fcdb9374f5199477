// UTF-8 without the DOM or Node typings shared/ is built without: fflate converts, and we validate
// strictly first (fflate, like a default TextDecoder, would turn bad bytes into U+FFFD silently).
import { strFromU8, strToU8 } from 'fflate';

export function encodeUtf8(text: string): Uint8Array {
  return strToU8(text);
}

/** Decodes leniently, for entry names in messages and comparisons. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  return strFromU8(bytes);
}

/** The offset of the first byte that is not well-formed UTF-8, or -1 when all are. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const lead = b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0x1f] : b >= 0xe0 && b <= 0xef ? [2, 0x800, 0x0f] : b >= 0xf0 && b <= 0xf4 ? [3, 0x10000, 0x07] : undefined;
    if (lead === undefined) return i;
    const [need, min, mask] = lead as [number, number, number];
    let code = b & mask;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderClass = new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;

/** The platform's strict decoder (Node, browsers), which refuses exactly what invalidUtf8Offset finds, natively. */
const fatalDecoder: Utf8Decoder | undefined = (() => {
  const Decoder = (globalThis as { TextDecoder?: DecoderClass }).TextDecoder;
  return Decoder ? new Decoder('utf-8', { fatal: true, ignoreBOM: true }) : undefined;
})();

/** Strictly decoded text, without a leading byte-order mark; `undefined` when the bytes are not UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  if (fatalDecoder) {
    let text: string;
    try {
      text = fatalDecoder.decode(bytes);
    } catch {
      return undefined;
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  if (invalidUtf8Offset(bytes) !== -1) return undefined;
  const text = strFromU8(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
