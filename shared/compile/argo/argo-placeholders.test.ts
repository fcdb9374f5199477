import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../errors/codes';
import type { PlaceholderScope } from './argo-placeholders';
import { rewriteArg, rewriteArgs } from './argo-placeholders';

function scope(overrides: Partial<PlaceholderScope> = {}): PlaceholderScope {
  return {
    inputParameters: new Map([['rows', 'rows'], ['learning rate', 'learning-rate']]),
    inputArtifacts: new Map([['data', 'data']]),
    outputParameters: new Map([['count', 'count']]),
    outputArtifacts: new Map([['model', 'model']]),
    declaredInputs: new Set(['rows', 'learning rate', 'data', 'tag']),
    taskName: 'train',
    hasWorkspace: false,
    where: { task: 'train' },
    ...overrides,
  };
}

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isKfsError(error) ? error.code : 'not a KfsError';
  }
  return undefined;
}

describe('KFP placeholders rewritten for Argo', () => {
  it('maps values to Argo inputs and files to the KFP v1 paths', () => {
    const out = rewriteArgs(
      [
        "{{$.inputs.parameters['rows']}}",
        "--lr={{$.inputs.parameters['learning rate']}}",
        "{{$.inputs.artifacts['data'].path}}",
        "{{$.outputs.parameters['count'].output_file}}",
        "{{$.outputs.artifacts['model'].path}}",
        '{{$.pipeline_job_name}}/{{$.pipeline_task_name}}',
      ],
      scope(),
    );
    expect(out).toEqual([
      '{{inputs.parameters.rows}}',
      '--lr={{inputs.parameters.learning-rate}}',
      '/tmp/inputs/data/data',
      '/tmp/outputs/count/data',
      '/tmp/outputs/model/data',
      '{{workflow.name}}/train',
    ]);
  });

  it('decides IfPresent from what the task gives, and joins Concat', () => {
    const arg = { ifPresent: { input: 'tag', then: ['--tag', "{{$.inputs.parameters['tag']}}"], else: ['--untagged'] } };
    expect(rewriteArg(arg, scope())).toEqual(['--untagged']);
    const given = scope({ inputParameters: new Map([['tag', 'tag']]) });
    expect(rewriteArg(arg, given)).toEqual(['--tag', '{{inputs.parameters.tag}}']);
    expect(rewriteArg({ concat: ['--rows=', "{{$.inputs.parameters['rows']}}", '!'] }, scope())).toEqual(['--rows={{inputs.parameters.rows}}!']);
  });

  it('refuses KFP values that an Argo container cannot see, naming the placeholder', () => {
    expect(code(() => rewriteArgs(['{{$}}'], scope()))).toBe('KFS621');
    expect(code(() => rewriteArgs(["{{$.inputs.artifacts['data'].uri}}"], scope()))).toBe('KFS621');
    expect(code(() => rewriteArgs(["{{$.outputs.artifacts['model'].metadata}}"], scope()))).toBe('KFS621');
    expect(code(() => rewriteArgs(['{{$.pipeline_root}}'], scope()))).toBe('KFS621');
    expect(code(() => rewriteArgs(["{{$.inputs.parameters['nope']}}"], scope()))).toBe('KFS621');
    expect(code(() => rewriteArgs(['{{$.workspace_path}}'], scope()))).toBe('KFS621');
    expect(rewriteArgs(['{{$.workspace_path}}/x'], scope({ hasWorkspace: true }))).toEqual(['/kfp-workspace/x']);
  });
});
