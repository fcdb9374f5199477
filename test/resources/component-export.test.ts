// Saving a step for reuse: the written component.yaml reads back as the same component, in both forms, for the
// bundled components (written by others) and a script step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCatalogComponent } from '../../shared/catalog/catalog-component.import';
import { componentFileName, componentYaml, pipelineComponentYaml } from '../../shared/catalog/component-export';
import { importComponentYaml } from '../../shared/import/component.import';
import type { ComponentSpec, PortSpec } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { renameForK8s } from '../../shared/types/v1-types';

const bundled = ['train-sklearn', 'evaluate-sklearn', 'preprocess', 'download-from-url'];

function ports(spec: ComponentSpec) {
  // The IR lists parameters before artifacts; the order of ports is not part of a component's meaning.
  const byName = (a: PortSpec, b: PortSpec) => a.name.localeCompare(b.name);
  // `declaredAs` (the v1 type name a file used) is shown to people, not compiled; the v2 form has no place for it.
  const type = ({ declaredAs: _shown, ...rest }: PortSpec['type'] & { declaredAs?: string }) => rest;
  return { inputs: [...spec.inputs].sort(byName).map((p) => [p.name, type(p.type), p.optional ?? false, p.default]), outputs: [...spec.outputs].sort(byName).map((p) => [p.name, type(p.type)]) };
}

describe('componentYaml', () => {
  for (const name of bundled) {
    it(`writes ${name} in the v2 form that imports back with the same ports and container`, () => {
      const original = importComponentYaml(readFileSync(new URL(`../../resources/components/${name}.component.yaml`, import.meta.url), 'utf8'));
      const text = componentYaml(original.id, original.component, original.components, 'v2');
      expect(text).toContain('deploymentSpec:');
      const back = importComponentYaml(text).component;
      // The v2 form names a component as the SDK does: the Kubernetes-style name (`Download from URL` → `download-from-url`).
      expect(back.name).toBe(renameForK8s(original.component.name));
      expect(ports(back)).toEqual(ports(original.component));
      expect(back.implementation).toEqual(original.component.implementation);
    });

    it(`writes ${name} in the v1 form that imports back with the same ports and container`, () => {
      const original = importComponentYaml(readFileSync(new URL(`../../resources/components/${name}.component.yaml`, import.meta.url), 'utf8'));
      const text = componentYaml(original.id, original.component, original.components, 'v1');
      expect(text).toContain('implementation:');
      const back = importComponentYaml(text).component;
      expect(ports(back)).toEqual(ports(original.component));
      expect(back.implementation).toEqual(original.component.implementation);
    });
  }

  it('names files after the component', () => {
    expect(componentFileName('Train (sklearn) v2!')).toBe('train-sklearn-v2.component.yaml');
  });

  it("refuses a component the compiler refuses with the compiler's code (no image: KFS420), and an invalid one with KFS531", () => {
    const spec: ComponentSpec = { name: 'Broken', inputs: [], outputs: [], implementation: { kind: 'container', image: '' } };
    expect(() => componentYaml('broken', spec, {}, 'v2')).toThrowError(expect.objectContaining({ code: 'KFS420' }));
    const bad: ComponentSpec = { name: 'Bad', inputs: [{ name: 'x', type: { kind: 'parameter', type: 'STRING' } }], outputs: [], implementation: { kind: 'container', image: 'python:3.11', command: ["{{$.inputs.parameters['nope']}}"] } };
    expect(() => componentYaml('bad', bad, {}, 'v2')).toThrowError(expect.objectContaining({ code: 'KFS531' }));
  });
});

describe('pipelineComponentYaml', () => {
  it('writes a whole pipeline (the bundled classic example) that a catalog reads back as a nested pipeline component', () => {
    const document = parseDocument(readFileSync(new URL('../../resources/examples/classic-local.pipeline.json', import.meta.url), 'utf8'));
    const back = importCatalogComponent(pipelineComponentYaml(document), { source: { kind: 'catalog', ref: 'team:classic' } });
    expect(back.component.implementation.kind).toBe('graph');
    expect(back.component.inputs.map((p) => p.name).sort()).toEqual(document.graph.inputs.map((p) => p.name).sort());
    const graph = back.component.implementation.kind === 'graph' ? back.component.implementation.graph : undefined;
    expect(Object.keys(graph?.tasks ?? {}).sort()).toEqual(Object.keys(document.graph.tasks).sort());
    for (const task of Object.values(graph?.tasks ?? {})) expect(back.components[task.component]).toBeDefined();
    expect(back.component.source).toEqual({ kind: 'catalog', ref: 'team:classic' });
  });
});
