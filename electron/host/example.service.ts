// The bundled example pipelines in resources/examples (NAME.pipeline.json).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../shared/errors/codes';
import type { ExampleSummary } from '../../shared/host-api/host-api.calls';
import type { PipelineDocument } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { DOCUMENT_SUFFIX } from './document.service';

async function exampleIds(examplesDir: string): Promise<string[]> {
  const names = await readdir(examplesDir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(DOCUMENT_SUFFIX)).map((n) => n.slice(0, -DOCUMENT_SUFFIX.length)).sort();
}

export async function listExamples(examplesDir: string): Promise<ExampleSummary[]> {
  const summaries: ExampleSummary[] = [];
  for (const id of await exampleIds(examplesDir)) {
    const { document } = await openExample(examplesDir, id);
    summaries.push({ id, title: document.displayName ?? document.name, ...(document.description ? { description: document.description } : {}) });
  }
  return summaries;
}

export async function openExample(examplesDir: string, id: string): Promise<{ id: string; document: PipelineDocument }> {
  if (!(await exampleIds(examplesDir)).includes(id)) throw new KfsError('KFS702', `There is no bundled example named "${id}".`);
  const file = path.join(examplesDir, `${id}${DOCUMENT_SUFFIX}`);
  return { id, document: parseDocument(await readText(file), { file: `resources/examples/${id}${DOCUMENT_SUFFIX}` }) };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new KfsError('KFS505', `Could not read ${path.basename(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { file });
  }
}
