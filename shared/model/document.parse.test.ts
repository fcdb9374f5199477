import { describe, expect, it } from 'vitest';
import { migrateDocument, type Migration } from './document.migrate';
import { parseDocument, serializeDocument } from './document.parse';
import { twoStepDocument } from './test-documents';
import { refusal } from '../errors/refusal.test-support';


describe('parseDocument', () => {
  it('reads back what serializeDocument wrote, byte for byte', () => {
    const text = serializeDocument(twoStepDocument());
    expect(serializeDocument(parseDocument(text))).toBe(text);
  });

  it('refuses text that is not JSON, saying where', () => {
    const error = refusal(() => parseDocument('{\n  "format": "kfp-studio/pipeline",\n  oops\n}', { file: 'a.pipeline.json' }));
    expect(error.code).toBe('KFS503');
    expect(error.location).toMatchObject({ file: 'a.pipeline.json', line: 3 });
  });

  it('points a compiled KFP pipeline to Import', () => {
    const error = refusal(() => parseDocument(JSON.stringify({ pipelineInfo: { name: 'x' } })));
    expect(error.code).toBe('KFS503');
    expect(error.message).toContain('Import');
  });

  it('refuses a document from a newer app with its own code', () => {
    const error = refusal(() => parseDocument(JSON.stringify({ ...twoStepDocument(), version: 7 })));
    expect(error.code).toBe('KFS504');
    expect(error.message).toMatch(/newer KFP Studio/);
  });

  it('names the field that breaks the schema', () => {
    const doc = twoStepDocument() as unknown as { graph: { tasks: { use: { after: unknown } } } };
    doc.graph.tasks.use.after = 'make';
    const error = refusal(() => parseDocument(JSON.stringify(doc)));
    expect(error.code).toBe('KFS503');
    expect(error.location.field).toBe('graph.tasks.use.after');
  });

  it('refuses unknown fields rather than dropping them silently', () => {
    const error = refusal(() => parseDocument(JSON.stringify({ ...twoStepDocument(), colour: 'red' })));
    expect(error.code).toBe('KFS503');
  });

  it('refuses a task stored under a key that is not its id', () => {
    const doc = twoStepDocument();
    doc.graph.tasks.use = { ...doc.graph.tasks.use!, id: 'other' };
    const error = refusal(() => parseDocument(JSON.stringify(doc)));
    expect(error.location).toMatchObject({ task: 'use', field: 'id' });
  });

  it.each(['null', '[]', '42', '"text"'])('refuses %s as a document', (text) => {
    expect(refusal(() => parseDocument(text)).code).toBe('KFS503');
  });
});

describe('migrateDocument', () => {
  const steps: Migration[] = [
    { from: 1, migrate: (doc) => ({ ...doc, renamed: doc.name }) },
    { from: 2, migrate: ({ renamed, ...doc }) => ({ ...doc, title: renamed }) },
  ];

  it('runs each step from the file version up to the current one', () => {
    expect(migrateDocument({ version: 1, name: 'a' }, steps, 3)).toEqual({ version: 3, name: 'a', title: 'a' });
    expect(migrateDocument({ version: 2, name: 'a', renamed: 'b' }, steps, 3)).toEqual({ version: 3, name: 'a', title: 'b' });
  });

  it('refuses a version with no path to the current one', () => {
    expect(refusal(() => migrateDocument({ version: 1 }, [], 2)).code).toBe('KFS504');
    expect(refusal(() => migrateDocument({ version: 0 }, steps, 3)).code).toBe('KFS503');
  });
});
