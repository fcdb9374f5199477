import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { documentSchemaText, DOCUMENT_SCHEMA_PATH } from '../tools/document-schema-file';

const examplesDir = fileURLToPath(new URL('../../resources/examples/', import.meta.url));

describe('the published JSON Schema of the document', () => {
  it('is in sync with the model (run `npm run schema` after changing it)', () => {
    expect(readFileSync(DOCUMENT_SCHEMA_PATH, 'utf8')).toBe(documentSchemaText());
  });

  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(DOCUMENT_SCHEMA_PATH, 'utf8')));

  it('accepts a real document and every bundled example', () => {
    const documents = [twoStepDocument(), ...readdirSync(examplesDir).filter((f) => f.endsWith('.pipeline.json')).map((f) => JSON.parse(readFileSync(examplesDir + f, 'utf8')))];
    for (const document of documents) expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a document with a task argument of an unknown kind', () => {
    const doc = twoStepDocument() as unknown as { graph: { tasks: { use: { arguments: Record<string, unknown> } } } };
    doc.graph.tasks.use.arguments.label = { kind: 'guess' };
    expect(validate(doc)).toBe(false);
  });
});
