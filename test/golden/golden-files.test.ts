// The compiler's output for the examples and the feature fixtures, byte for byte: any change to what a user's
// archive contains shows up here as a reviewed diff of test/golden/, never silently.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGoldenFiles, GOLDEN_DIR } from './golden-files';

const REGENERATE = 'the compiler output differs from test/golden/; run `npm run golden`, review the diff (git diff test/golden) and commit it if the change is intended';

describe('compiler golden files', () => {
  const files = currentGoldenFiles();

  it('covers every bundled example and the feature fixtures, for IR and Argo', () => {
    const paths = files.map((file) => file.path);
    expect(paths).toContain('ir/classic.yaml');
    expect(paths).toContain('argo/classic.yaml');
    expect(paths).toContain('ir/every-feature.yaml');
    expect(paths).toContain('argo/argo-every-feature.yaml');
    expect(paths.length).toBeGreaterThanOrEqual(8);
  });

  it('compiles the same bytes twice (nothing time- or order-dependent)', () => {
    expect(currentGoldenFiles()).toEqual(files);
  });

  it.each(files.map((file) => [file.path, file.text] as const))('%s matches its golden file', (path, text) => {
    const target = join(GOLDEN_DIR, path);
    expect(existsSync(target), `${path} is missing: ${REGENERATE}`).toBe(true);
    expect(readFileSync(target, 'utf8'), `${path}: ${REGENERATE}`).toBe(text);
  });

  it('keeps no golden file that no source produces any more', () => {
    const expected = new Set(files.map((file) => file.path));
    const stale = ['ir', 'argo'].flatMap((folder) => readdirSync(join(GOLDEN_DIR, folder)).map((name) => `${folder}/${name}`)).filter((path) => !expected.has(path));
    expect(stale, `stale golden files: ${REGENERATE}`).toEqual([]);
  });
});
