import { fileURLToPath } from 'node:url';
import { documentJsonSchema } from '../../shared/model/document.schema';

export const DOCUMENT_SCHEMA_PATH = fileURLToPath(new URL('../../resources/schema/pipeline-document.schema.json', import.meta.url));

export function documentSchemaText(): string {
  const schema = {
    $id: 'https://kfp-studio.dev/schema/pipeline-document.schema.json',
    title: 'KFP Studio pipeline document (NAME.pipeline.json)',
    ...documentJsonSchema(),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
