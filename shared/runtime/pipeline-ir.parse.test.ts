import { describe, expect, it } from 'vitest';
import { parsePipelineIr, topologicalOrder } from './pipeline-ir.parse';

const exec = { container: { image: 'alpine', command: ['true'] } };

function spec(tasks: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pipelineInfo: { name: 'p' },
    components: { 'comp-a': { executorLabel: 'exec-a' } },
    deploymentSpec: { executors: { 'exec-a': exec } },
    root: { dag: { tasks } },
    ...extra,
  };
}

describe('parsePipelineIr', () => {
  it('reads tasks with their sources, iterator, retry, caching and trigger policy', () => {
    const ir = parsePipelineIr(
      spec({
        a: {
          componentRef: { name: 'comp-a' },
          taskInfo: { name: 'A' },
          cachingOptions: { enableCache: true },
          retryPolicy: { maxRetryCount: 3, backoffDuration: '1.5s', backoffFactor: 2, backoffMaxDuration: '60s' },
          inputs: { parameters: { p: { componentInputParameter: 'x', parameterExpressionSelector: 'parseJson(string_value)["k"]' }, c: { runtimeValue: { constant: 9 } } } },
        },
        b: {
          componentRef: { name: 'comp-a' },
          taskInfo: { name: 'b' },
          inputs: { parameters: { s: { taskFinalStatus: { producerTask: 'a' } } } },
          dependentTasks: ['a'],
          triggerPolicy: { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED', condition: "inputs.parameter_values['x'] == 'y'" },
          parameterIterator: { itemInput: 'item', items: { raw: '[1, 2]' } },
          iteratorPolicy: { parallelismLimit: 2 },
        },
      }),
    );
    const a = ir.root.dag?.tasks.a;
    expect(a).toMatchObject({ displayName: 'A', enableCache: true, retry: { maxRetryCount: 3, backoffSeconds: 1.5, backoffMaxSeconds: 60 } });
    expect(a?.parameters).toEqual({ p: { kind: 'component', name: 'x', selector: 'parseJson(string_value)["k"]' }, c: { kind: 'constant', value: 9 } });
    const b = ir.root.dag?.tasks.b;
    expect(b).toMatchObject({ runsAfterFailure: true, condition: "inputs.parameter_values['x'] == 'y'", iterator: { kind: 'parameter', itemInput: 'item', raw: '[1, 2]' }, parallelismLimit: 2, enableCache: false });
    expect(b?.parameters.s).toEqual({ kind: 'finalStatus', task: 'a' });
    expect(topologicalOrder(ir.root.dag!)).toEqual(['a', 'b']);
  });

  it('refuses what is not an IR, dangling references, cycles and executors it cannot run', () => {
    expect(() => parsePipelineIr('hello: world')).toThrow(/not a compiled KFP pipeline/);
    expect(() => parsePipelineIr(spec({ a: { componentRef: { name: 'comp-missing' } } }))).toThrow(/component "comp-missing", which the IR does not define/);
    expect(() => parsePipelineIr(spec({ a: { componentRef: { name: 'comp-a' }, dependentTasks: ['ghost'] } }))).toThrow(/waits on task "ghost"/);
    expect(() => parsePipelineIr(spec({ a: { componentRef: { name: 'comp-a' }, dependentTasks: ['b'] }, b: { componentRef: { name: 'comp-a' }, dependentTasks: ['a'] } }))).toThrow(
      /tasks a → b → a wait on each other in a cycle/,
    );
    expect(() => parsePipelineIr(spec({}, { deploymentSpec: { executors: { 'exec-a': { customJob: {} } } } }))).toThrow(/neither a container nor an importer/);
  });
});
