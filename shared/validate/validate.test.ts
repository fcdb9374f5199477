import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../errors/codes';
import { CODES } from '../errors/codes';
import type { ComponentSpec, PipelineDocument } from '../model/document';
import { emptyDocument } from '../model/document';
import { sampleDocument, sampleWith } from './validate.fixtures';
import { validate } from './validate';

/** Every path to a value inside the sample, so that a property can break any one of them. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function setAt(doc: unknown, path: (string | number)[], junk: unknown): unknown {
  if (path.length === 0) return junk;
  let target = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1] as string | number] = junk;
  return doc;
}

describe('validate', () => {
  it('finds nothing wrong with a pipeline that uses every construct correctly', () => {
    expect(validate(sampleDocument())).toEqual([]);
    expect(validate(emptyDocument('empty'))).toEqual([]);
  });

  it('checks the graphs of sub-pipelines and says which sub-pipeline', () => {
    const doc = sampleWith((d) => {
      const graph = { inputs: [], outputs: [], groups: {}, layout: {}, tasks: { fit: { id: 'fit', component: 'train', arguments: {}, after: [], options: {} } } };
      const sub: ComponentSpec = { name: 'fitter', inputs: [], outputs: [], implementation: { kind: 'graph', graph } };
      d.components.fitter = sub;
      d.graph.tasks.nested = { id: 'nested', component: 'fitter', arguments: {}, after: [], options: {} };
    });
    const found = validate(doc);
    expect(found.map((d) => [d.code, d.location])).toEqual([
      ['KFS201', { graph: 'fitter', task: 'fit', port: 'data' }],
      ['KFS201', { graph: 'fitter', task: 'fit', port: 'rate' }],
    ]);
    expect(found[0]!.message).toContain('an input of the sub-pipeline');
  });

  it('counts an empty constant of a required input as not filled, and an empty string typed on purpose as a value', () => {
    const unfilled = sampleWith((d) => {
      d.graph.tasks.load!.arguments.uri = { kind: 'constant', value: null };
    });
    const found = validate(unfilled);
    expect(found.map((d) => [d.code, d.location])).toEqual([['KFS201', { task: 'load', port: 'uri' }], ['KFS305', { parameter: 'source_uri' }]]);
    expect(found[0]!.message).toMatch(/required and its constant is empty: type .*""/);
    const deliberate = sampleWith((d) => {
      d.graph.tasks.load!.arguments.uri = { kind: 'constant', value: '' };
    });
    expect(validate(deliberate).map((d) => d.code)).toEqual(['KFS305']);
  });

  it('sorts diagnostics by graph, code and location, the same way every time', () => {
    const doc = sampleWith((d) => {
      d.name = 'Bad Name';
      d.graph.tasks.train!.after.push('missing');
      delete d.graph.tasks.load!.arguments.uri;
      d.graph.inputs.push({ name: 'unused', type: { kind: 'parameter', type: 'STRING' } });
    });
    const first = validate(doc);
    expect(first.map((d) => d.code)).toEqual(['KFS103', 'KFS201', 'KFS301', 'KFS305', 'KFS305']);
    expect(validate(JSON.parse(JSON.stringify(doc)) as PipelineDocument)).toEqual(first);
    // The unused parameters are warnings; everything else is an error.
    expect(first.filter((d) => d.severity === 'warning').map((d) => d.location.parameter)).toEqual(['source_uri', 'unused']);
  });

  it('gives every diagnostic a known code, a sentence and a location', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks.train!.component = 'nothing';
      d.graph.tasks.load!.arguments.uri = { kind: 'taskOutput', task: 'verdict', output: 'x' };
      d.graph.tasks['sum-scores']!.arguments.values = { kind: 'loopItem', loop: 'guard' };
    });
    const found = validate(doc);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(Object.keys(CODES)).toContain(d.code);
      expect(d.message).toMatch(/^[A-Z].*[.]$/);
      expect(Object.keys(d.location).length).toBeGreaterThan(0);
    }
  });

  it('never throws and never falls back to "could not be checked", whatever is broken', () => {
    const all = paths(sampleDocument());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), fc.anything({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const doc = sampleDocument();
        let broken: unknown = doc;
        for (const [index, junk] of edits) {
          try {
            broken = setAt(broken, all[index] as (string | number)[], junk);
          } catch {
            // An earlier edit removed the path: keep the document as it is.
          }
        }
        let result: Diagnostic[] = [];
        expect(() => (result = validate(broken as PipelineDocument))).not.toThrow();
        expect(Array.isArray(result)).toBe(true);
        expect(result.filter((d) => d.code === 'KFS503' && d.message.includes('could not be checked'))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('does not throw on documents that are not documents', () => {
    for (const junk of [null, 42, 'text', [], {}, { graph: [] }, { graph: { tasks: null }, components: 'x' }]) {
      expect(() => validate(junk as unknown as PipelineDocument)).not.toThrow();
    }
  });
});
