import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileToIr } from './ir.compile';
import { everyFeatureDocument } from './ir.test-document';
import { YAML_OPTIONS, yamlDocument } from './ir.yaml';

describe('yamlDocument', () => {
  it('writes exactly what js-yaml writes, for awkward values too', () => {
    const shared = { parameters: { x: { parameterType: 'STRING' } } };
    const value = {
      zeta: ['x\n  indented\n\nlast', { block: 'multi\nline\n', ' lead': '' }, [['q'], []], {}],
      'key: with colon': [1.5, 1e21, -0, null, true, 'true', 'yes', '0x1', '', ' lead', "it's", '#hash', '- dash'],
      deep: { a: { b: { c: { d: 'x\ny' } } } },
      again: [shared, shared, { nested: shared }],
      alpha: {},
    };
    expect(yamlDocument(value)).toBe(dump(value, YAML_OPTIONS));
  });

  it('writes a compiled pipeline as js-yaml does', () => {
    const { pipelineSpec, platformSpec } = compileToIr(everyFeatureDocument());
    expect(yamlDocument(pipelineSpec)).toBe(dump(pipelineSpec, YAML_OPTIONS));
    if (platformSpec) expect(yamlDocument(platformSpec)).toBe(dump(platformSpec, YAML_OPTIONS));
  });
});
