// The shared digest against Node's crypto on texts of every padding length, non-ASCII included.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDigest } from '../../../shared/catalog/sha256';

describe('contentDigest', () => {
  it('agrees with Node crypto', () => {
    for (let length = 0; length < 200; length++) {
      const text = 'é'.repeat(length % 7) + 'x'.repeat(length);
      expect(contentDigest(text)).toBe(`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`);
    }
  });
});
