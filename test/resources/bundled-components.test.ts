// The bundled catalog: every component imports cleanly, is listed once in catalog.json, and declares typed ports.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { importComponentYaml } from '../../shared/import/component.import';
import { CATALOG_GROUPS, COMPONENTS_DIR, readCatalog } from './bundled-catalog';

const catalog = readCatalog();
const files = readdirSync(COMPONENTS_DIR).filter((f) => f.endsWith('.component.yaml')).sort();

describe('resources/components', () => {
  it('catalog.json lists each component file exactly once, under a known group', () => {
    expect(catalog.groups).toEqual([...CATALOG_GROUPS]);
    expect(catalog.components.map((e) => e.file).sort()).toEqual(files);
    expect(new Set(catalog.components.map((e) => e.ref)).size).toBe(catalog.components.length);
    for (const entry of catalog.components) {
      expect(CATALOG_GROUPS as readonly string[]).toContain(entry.group);
      expect(entry.keywords.length).toBeGreaterThan(0);
    }
    for (const group of CATALOG_GROUPS) expect(catalog.components.some((e) => e.group === group)).toBe(true);
  });

  it.each(catalog.components.map((entry) => [entry.ref, entry] as const))('%s imports cleanly with every port typed and described', (ref, entry) => {
    const text = readFileSync(path.join(COMPONENTS_DIR, entry.file), 'utf8');
    const source = { kind: 'catalog', ref } as const;
    const { component } = importComponentYaml(text, { file: entry.file, source });
    const yaml = load(text) as { name: string; inputs: { name: string; type?: string }[]; outputs: { name: string; type?: string }[] };
    expect(component.name).toBe(yaml.name);
    expect(component.description?.length).toBeGreaterThan(0);
    expect(component.inputs.map((p) => p.name)).toEqual(yaml.inputs.map((p) => p.name));
    expect(component.outputs.map((p) => p.name)).toEqual(yaml.outputs.map((p) => p.name));
    for (const port of [...yaml.inputs, ...yaml.outputs]) expect(port.type, `${ref}: port ${port.name}`).toBeTruthy();
    for (const port of [...component.inputs, ...component.outputs]) expect(port.description, `${ref}: port ${port.name}`).toBeTruthy();
    expect(component.implementation.kind).toBe('container');
    if (component.implementation.kind === 'container') expect(component.implementation.image).toMatch(/^[\w.-]+(\/[\w.-]+)*:[\w.-]+$/);
  });

  // An unquoted description in a YAML flow map ({name: x, description: a, b}) is cut at the comma, and the rest
  // becomes a key of its own: every port holds only the keys a port has, and its description ends its sentence.
  it.each(files)('%s keeps every port description whole', (file) => {
    const yaml = load(readFileSync(path.join(COMPONENTS_DIR, file), 'utf8')) as { inputs?: Record<string, unknown>[]; outputs?: Record<string, unknown>[] };
    for (const port of [...(yaml.inputs ?? []), ...(yaml.outputs ?? [])]) {
      expect(Object.keys(port).filter((k) => !['name', 'type', 'description', 'default', 'optional'].includes(k)), `${file}: port ${String(port.name)}`).toEqual([]);
      expect(String(port.description), `${file}: port ${String(port.name)}`).toMatch(/[.)]$/);
    }
  });
});
