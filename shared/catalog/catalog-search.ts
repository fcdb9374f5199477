// Palette search over every catalog at once: each word of the query must appear in the entry's name, description,
// group, catalog, keywords, or an input's or output's name or type. The text searched is built once per entry
// (`indexCatalog`), so a keystroke is one `includes` per word per entry (1,000 entries: see `npm run bench`).
import type { CatalogEntry } from '../host-api/catalog.calls';
import type { PortSpec } from '../model/document';
import { typeLabel } from '../types/type-compat';

export interface SearchableEntry {
  entry: CatalogEntry;
  text: string;
}

function portsText(ports: readonly PortSpec[]): string {
  return ports.map((port) => `${port.name} ${typeLabel(port.type)} ${port.type.declaredAs ?? ''}`).join(' ');
}

export function searchText(entry: CatalogEntry): string {
  const { component } = entry;
  return [component.name, component.description ?? '', entry.group, entry.ref, entry.catalogName, entry.version ?? '', ...entry.keywords, portsText(component.inputs), portsText(component.outputs)]
    .join(' ')
    .toLowerCase();
}

export function indexCatalog(entries: readonly CatalogEntry[]): SearchableEntry[] {
  return entries.map((entry) => ({ entry, text: searchText(entry) }));
}

export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function searchCatalog(index: readonly SearchableEntry[], query: string): CatalogEntry[] {
  const words = queryWords(query);
  if (!words.length) return index.map((item) => item.entry);
  return index.filter((item) => words.every((word) => item.text.includes(word))).map((item) => item.entry);
}
