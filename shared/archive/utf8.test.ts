import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { decodeUtf8Strict, encodeUtf8, invalidUtf8Offset } from './utf8';

// The platform's strict decoder, as the oracle (shared/ is typed without DOM or Node globals).
const platform = new (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => { decode(bytes: Uint8Array): string } }).TextDecoder(
  'utf-8',
  { fatal: true, ignoreBOM: true },
);

function platformDecode(bytes: Uint8Array): string | undefined {
  try {
    const text = platform.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

describe('decodeUtf8Strict', () => {
  it('accepts and refuses exactly what a strict platform decoder does', () => {
    const nearUtf8 = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 24 });
    fc.assert(
      fc.property(nearUtf8, (values) => {
        const bytes = new Uint8Array(values);
        expect(decodeUtf8Strict(bytes)).toBe(platformDecode(bytes));
        // The validator used where the platform has no TextDecoder.
        expect(invalidUtf8Offset(bytes) === -1).toBe(platformDecode(bytes) !== undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeUtf8Strict(encodeUtf8(text))).toBe(text.replace(/^\uFEFF/, ''));
      }),
    );
  });

  it('refuses the classic malformed sequences', () => {
    for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      expect(decodeUtf8Strict(new Uint8Array(bad)), String(bad)).toBeUndefined();
    }
  });
});

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(encodeUtf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('gives what a byte-at-a-time CRC gives, on any length and in any pieces', () => {
    const byteAtATime = (bytes: Uint8Array): number => {
      let c = 0xffffffff;
      for (const b of bytes) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (bytes, cut) => {
        const at = cut % (bytes.length + 1);
        expect(crc32(bytes)).toBe(byteAtATime(bytes));
        expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(byteAtATime(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('can be computed in pieces', () => {
    const bytes = encodeUtf8('pipelineInfo:\n  name: hello\n');
    expect(crc32(bytes.subarray(7), crc32(bytes.subarray(0, 7)))).toBe(crc32(bytes));
  });
});
