import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortNamesInPlace } from './sort-names';

describe('sortNamesInPlace', () => {
  it('gives the order sort() gives, in the same array, for short and long lists of any names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 40 }), (names) => {
        const copy = names.slice();
        expect(sortNamesInPlace(copy)).toBe(copy);
        expect(copy).toEqual(names.slice().sort());
      }),
    );
  });
});
