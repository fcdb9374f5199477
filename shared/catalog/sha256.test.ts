import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from '../archive/utf8';
import { contentDigest, sha256Hex, shortDigest } from './sha256';

const hex = (text: string) => sha256Hex(encodeUtf8(text));

describe('sha256', () => {
  it('gives the FIPS 180-2 test vectors (empty, one block, two blocks)', () => {
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('names content as sha256: plus hex, shortened to 12 hex digits for display', () => {
    expect(contentDigest('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(shortDigest(contentDigest('abc'))).toBe('sha256:ba7816bf8f01');
  });
});
