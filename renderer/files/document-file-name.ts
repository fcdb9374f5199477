// The file name a document is saved under: a plain name (no folders) ending in `.pipeline.json`.
export const DOCUMENT_SUFFIX = '.pipeline.json';

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

export function documentFileName(typed: string): NameCheck {
  let name = typed.trim();
  if (!name) return { ok: false, reason: 'Type a file name, such as my-pipeline.pipeline.json.' };
  if (/[/\\\0]/.test(name) || name === '.' || name === '..') return { ok: false, reason: 'Type a file name only, without folders: documents are saved in the data folder.' };
  if (name.toLowerCase().endsWith(DOCUMENT_SUFFIX)) name = name.slice(0, -DOCUMENT_SUFFIX.length);
  else if (name.toLowerCase().endsWith('.json')) name = name.slice(0, -'.json'.length);
  if (!name || name.startsWith('.')) return { ok: false, reason: 'The name cannot start with a dot.' };
  if (name.length > 200) return { ok: false, reason: 'Use a name of at most 200 characters.' };
  return { ok: true, name: `${name}${DOCUMENT_SUFFIX}` };
}

/** The name offered first: the file the document came from, else its pipeline name. */
export function suggestedDocumentName(path: string | undefined, pipelineName: string): string {
  const base = path?.split(/[/\\]/).pop();
  return base && base.endsWith(DOCUMENT_SUFFIX) ? base : `${pipelineName || 'pipeline'}${DOCUMENT_SUFFIX}`;
}
