// sanitizeName's shortcut for names that are already clean gives what the SDK's full rewrite gives, for any name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeName } from './ir-names';

/** The SDK's sanitize_k8s_name, step by step. */
const rewrite = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');

describe('sanitizeName', () => {
  it('agrees with the full rewrite on any name, clean or not', () => {
    const names = fc.oneof(fc.string(), fc.stringMatching(/^[-a-zA-Z0-9_.]{0,12}$/), fc.stringMatching(/^[-a-z0-9]{0,12}$/));
    fc.assert(fc.property(names, (name) => {
        expect(sanitizeName(name)).toBe(rewrite(name));
      }), { numRuns: 5000 });
  });

  it('keeps clean names and cleans the rest', () => {
    expect(['train-model', 'a1', '', 'Train_Model', '-x-', 'a--b', 'ünïcode'].map(sanitizeName)).toEqual(['train-model', 'a1', '', 'train-model', 'x', 'a-b', 'n-code']);
  });
});
