import { describe, expect, it } from 'vitest';
import { documentFileName, suggestedDocumentName } from './document-file-name';

describe('documentFileName', () => {
  it('ends every name in .pipeline.json', () => {
    expect(documentFileName(' taxi ')).toEqual({ ok: true, name: 'taxi.pipeline.json' });
    expect(documentFileName('taxi.json')).toEqual({ ok: true, name: 'taxi.pipeline.json' });
    expect(documentFileName('taxi.pipeline.json')).toEqual({ ok: true, name: 'taxi.pipeline.json' });
  });

  it('refuses folders, empty names and hidden files', () => {
    for (const bad of ['', '  ', '../x', 'a/b', 'a\\b', '.pipeline.json', '.hidden']) expect(documentFileName(bad).ok).toBe(false);
  });

  it('suggests the file the document came from, else the pipeline name', () => {
    expect(suggestedDocumentName('/data/documents/old.pipeline.json', 'new-name')).toBe('old.pipeline.json');
    expect(suggestedDocumentName(undefined, 'new-name')).toBe('new-name.pipeline.json');
  });
});
