// Opening a saved document: parseDocument (JSON, schema check) on the text of pipelines of growing size.
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { formatBytes, type BenchSection } from './bench-harness';
import { sweepBySize } from './size-sweep';

export const documentOpenBench: BenchSection = {
  id: 'document-open',
  title: 'Opening documents',
  async run({ quick }) {
    return [
      sweepBySize(
        {
          title: 'parseDocument(text) of makeSyntheticPipeline(n)',
          prepare: (doc) => serializeDocument(doc),
          run: (text) => {
            parseDocument(text);
            return formatBytes(text.length);
          },
          resultColumn: 'file size',
        },
        quick,
      ),
    ];
  },
};
