// The three index forms a catalog may publish, and the coded refusals (KFS443) of indexes that would leave their
// folder, pin a malformed digest, or are not an index at all.
import { describe, expect, it } from 'vitest';
import { looksLikeIndex, parseCatalogIndex, safeRelativePath } from './catalog-index';

const refusal = (text: string) => {
  try {
    parseCatalogIndex(text, 'catalog.json');
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { location: { field?: string } }).location.field };
  }
  return undefined;
};

describe('parseCatalogIndex', () => {
  it('reads the KFP Studio form: files, URLs, groups, versions, digests and pipelines', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const index = parseCatalogIndex(
      JSON.stringify({
        format: 'kfp-studio.catalog/v1',
        name: 'Team',
        groups: ['Data'],
        components: [{ file: './data//prep.yaml', group: 'Data', version: '1.0', keywords: ['x'] }, { url: 'https://example.com/c.yaml', digest }],
        pipelines: [{ name: 'Churn', archive: 'pipelines/churn.tar.gz' }],
      }),
      'catalog.json',
    );
    expect(index).toEqual({
      form: 'kfp-studio',
      name: 'Team',
      groups: ['Data'],
      components: [
        { location: { kind: 'file', path: 'data/prep.yaml' }, group: 'Data', version: '1.0', keywords: ['x'] },
        { location: { kind: 'url', url: 'https://example.com/c.yaml' }, digest, keywords: [] },
      ],
      pipelines: [{ name: 'Churn', archive: 'pipelines/churn.tar.gz' }],
    });
  });

  it("reads Tangle's component library (nested folders as groups, bare hex digests) and Elyra's url-catalog", () => {
    const tangle = parseCatalogIndex(`folders:\n- name: A\n  components:\n  - {url: 'https://x/a.yaml', digest: '${'b'.repeat(64)}'}\n  folders:\n  - name: B\n    components:\n    - url: https://x/b.yaml\n`, 'component_library.yaml');
    expect(tangle.components.map((c) => [c.group, c.digest])).toEqual([['A', `sha256:${'b'.repeat(64)}`], ['A / B', undefined]]);
    const elyra = parseCatalogIndex(JSON.stringify({ schema_name: 'url-catalog', display_name: 'E', metadata: { paths: ['https://x/c.yaml'], categories: ['Cat'] } }), 'e.json');
    expect(elyra).toMatchObject({ form: 'elyra', name: 'E', groups: ['Cat'], components: [{ location: { kind: 'url', url: 'https://x/c.yaml' }, group: 'Cat' }] });
  });

  it('refuses with KFS443 and the field: paths leaving the folder, other schemes, bad digests, unknown formats, non-indexes', () => {
    expect(refusal(JSON.stringify({ components: [{ file: '../x.yaml' }] }))).toEqual({ code: 'KFS443', field: 'components[0].file' });
    expect(refusal(JSON.stringify({ components: [{ file: '/etc/passwd' }] }))).toEqual({ code: 'KFS443', field: 'components[0].file' });
    expect(refusal(JSON.stringify({ components: [{ url: 'file:///etc/passwd' }] }))).toEqual({ code: 'KFS443', field: 'components[0].url' });
    expect(refusal(JSON.stringify({ components: [{ file: 'a.yaml', digest: 'md5:1' }] }))).toEqual({ code: 'KFS443', field: 'components[0].digest' });
    expect(refusal(JSON.stringify({ format: 'other/v9', components: [] }))).toEqual({ code: 'KFS443', field: 'format' });
    expect(refusal(JSON.stringify({ schema_name: 'local-directory-catalog', metadata: { paths: ['/x'] } }))).toEqual({ code: 'KFS443', field: 'schema_name' });
    expect(refusal('name: a component\nimplementation: {}\n')?.code).toBe('KFS443');
  });

  it('tells an index from a component (v1 or an IR with its components mapping)', () => {
    expect(looksLikeIndex({ components: [] })).toBe(true);
    expect(looksLikeIndex({ folders: [] })).toBe(true);
    expect(looksLikeIndex({ name: 'x', implementation: {} })).toBe(false);
    expect(looksLikeIndex({ pipelineInfo: {}, components: { 'comp-a': {} }, deploymentSpec: {} })).toBe(false);
  });

  it('keeps relative paths inside the folder', () => {
    expect(['a/b.yaml', './a.yaml', 'a//b.yaml'].map(safeRelativePath)).toEqual(['a/b.yaml', 'a.yaml', 'a/b.yaml']);
    expect(['', '..', 'a/../../b', '/a', 'C:/a', 'a\\b'].map(safeRelativePath)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
