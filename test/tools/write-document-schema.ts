// `npm run schema`: writes the document's JSON Schema to resources/schema/ (a test keeps it in sync).
import { writeFileSync } from 'node:fs';
import { documentSchemaText, DOCUMENT_SCHEMA_PATH } from './document-schema-file';

writeFileSync(DOCUMENT_SCHEMA_PATH, documentSchemaText());
console.log(`wrote ${DOCUMENT_SCHEMA_PATH}`);
