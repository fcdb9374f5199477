// On the host a step's resources cannot be applied (there is no container): its log says so, and it still runs.
import { afterAll, expect, it } from 'vitest';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

afterAll(removeDataDirs);

it("says in the step's log that its limits are not applied on the host", async () => {
  const pipeline = {
    pipelineInfo: { name: 'limited' },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.3',
    components: { 'comp-step': { executorLabel: 'exec-step' } },
    deploymentSpec: { executors: { 'exec-step': { container: { image: 'alpine:3.20', command: ['sh', '-c', 'echo ran'], resources: { resourceCpuLimit: '500m', resourceMemoryLimit: '256Mi' } } } } },
    root: { dag: { tasks: { step: { componentRef: { name: 'comp-step' }, taskInfo: { name: 'step' } } } } },
  };
  const runtime = await openHostRuntime(freshDataDir());
  try {
    const run = await runtime.waitForRun(await runtime.submit({ pipeline }));
    expect(taskOf(run, 'step').state).toBe('succeeded');
    expect((await runtime.readLog(run.id, 'step')).text).toBe("[kfp-studio] this step's resources (CPU, memory, GPU) are not applied on the host; run with Docker or Podman to have them\nran\n");
  } finally {
    await runtime.close();
  }
});
