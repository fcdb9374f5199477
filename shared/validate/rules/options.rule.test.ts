import { describe, expect, it } from 'vitest';
import type { TaskOptions } from '../../model/document';
import { findCode, sampleDocument, sampleWith } from '../validate.fixtures';

const withOptions = (options: TaskOptions) => sampleWith((d) => (d.graph.tasks.load!.options = options));

describe('KFS205 invalid task option', () => {
  it.each<[string, TaskOptions, string, string]>([
    ['negative retries', { retry: { maxRetryCount: -1 } }, 'options.retry.maxRetryCount', '-1'],
    ['a backoff without unit', { retry: { maxRetryCount: 1, backoffDuration: '30' } }, 'options.retry.backoffDuration', "'30'"],
    ['memory written with a space', { resources: { memoryLimit: '5 GB' } }, 'options.resources.memoryLimit', "'5 GB'"],
    ['CPU in words', { resources: { cpuRequest: 'two' } }, 'options.resources.cpuRequest', "'two'"],
    ['a request above its limit', { resources: { memoryRequest: '8Gi', memoryLimit: '4Gi' } }, 'options.resources.memoryRequest', '8Gi'],
    ['zero accelerators', { resources: { accelerator: { type: 'nvidia.com/gpu', count: 0 } } }, 'options.resources.accelerator.count', '0'],
    ['a bad environment variable name', { env: [{ name: '1-BAD NAME', value: 'x' }] }, 'options.env[0].name', "'1-BAD NAME'"],
    ['a relative volume mount', { pvcs: [{ pvcName: 'data', mountPath: 'mnt/data' }] }, 'options.pvcs[0].mountPath', "'mnt/data'"],
  ])('reports %s', (_name, options, field, named) => {
    const found = findCode(withOptions(options), 'KFS205');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', field } })]);
    expect(found[0]!.message).toContain("'load'");
    expect(found[0]!.message).toContain(named);
  });

  it('passes sensible options', () => {
    const options: TaskOptions = {
      caching: false,
      retry: { maxRetryCount: 3, backoffDuration: '10s', backoffFactor: 2, backoffMaxDuration: '3600s' },
      resources: { cpuRequest: '0.5', cpuLimit: '1500m', memoryRequest: '512Mi', memoryLimit: '4G', accelerator: { type: 'nvidia.com/gpu', count: 1 } },
      env: [{ name: 'MY_VAR', value: '1' }],
      secrets: [{ kind: 'env', secretName: 'db-creds', key: 'password', envVar: 'DB_PASSWORD' }],
      pvcs: [{ pvcName: 'data', mountPath: '/mnt/data' }],
      tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
      imagePullPolicy: 'IfNotPresent',
    };
    expect(findCode(withOptions(options), 'KFS205')).toEqual([]);
    expect(findCode(sampleDocument(), 'KFS205')).toEqual([]);
  });
});

describe('KFS302 duplicate environment variables', () => {
  it('reports a variable set twice, also through a secret', () => {
    const found = findCode(
      withOptions({ env: [{ name: 'TOKEN', value: 'a' }], secrets: [{ kind: 'env', secretName: 'api', key: 'token', envVar: 'TOKEN' }] }),
      'KFS302',
    );
    expect(found).toEqual([expect.objectContaining({ location: { task: 'load', field: 'options.secrets[0].envVar' } })]);
    expect(found[0]!.message).toContain("'TOKEN'");
  });
});
