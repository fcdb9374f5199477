import { describe, expect, it } from 'vitest';
import { ArgoNames, argoNodeName, argoParamName } from './argo-names';

const NODE = /^[a-z][-a-z0-9]*$/;

describe('Argo names', () => {
  it('turns any task id into a DNS-style template name that starts with a letter', () => {
    for (const id of ['Train Model', 'train_model', '1st-step', '--x--', '', 'ÜBER', 'a'.repeat(200)]) {
      const name = argoNodeName(id);
      expect(name).toMatch(NODE);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(argoNodeName('Train Model')).toBe('train-model');
    expect(argoNodeName('1st-step')).toBe('t-1st-step');
  });

  it('keeps underscores and case in parameter names, as KFP v1 did for pipeline parameters', () => {
    expect(argoParamName('project_id')).toBe('project_id');
    expect(argoParamName('learning rate')).toBe('learning-rate');
    expect(argoParamName('Output')).toBe('Output');
  });

  it('never hands out the same name twice', () => {
    const names = new ArgoNames();
    const given = ['a b', 'a-b', 'A_B', 'a.b'].map((id) => names.node(id));
    expect(new Set(given).size).toBe(given.length);
  });
});
