// What a step asks of its container, applied for real in Docker and Podman: CPU and memory limits (read back from
// the container's own cgroup), a GPU request explained on a machine without one, a missing image pulled from the
// local registry with its progress in the step's log, and a failed pull refused (KFS818) naming image and registry.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { freshDataDir, removeDataDirs, taskOf } from '../runtime/runtime-helpers';
import { testEngines } from './engines';

const engines = await testEngines();
afterAll(removeDataDirs);

function pipeline(image: string, pulled: string, missing: string): { [key: string]: unknown } {
  const limitsScript = 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us | tr "\\n" " " > "$0"';
  const steps: { [name: string]: { image: string; script: string; resources?: unknown } } = {
    limits: { image, script: limitsScript, resources: { resourceCpuLimit: '500m', resourceMemoryLimit: '256Mi', accelerator: { resourceType: 'nvidia.com/gpu', resourceCount: '1' } } },
    pulled: { image: pulled, script: 'printf ok > "$0"' },
    missing: { image: missing, script: 'printf ok > "$0"' },
  };
  const components: { [key: string]: unknown } = {};
  const executors: { [key: string]: unknown } = {};
  const tasks: { [key: string]: unknown } = {};
  for (const [name, step] of Object.entries(steps)) {
    components[`comp-${name}`] = { executorLabel: `exec-${name}`, outputDefinitions: { parameters: { out: { parameterType: 'STRING' } } } };
    executors[`exec-${name}`] = { container: { image: step.image, command: ['sh', '-c', step.script], args: ["{{$.outputs.parameters['out'].output_file}}"], ...(step.resources ? { resources: step.resources } : {}) } };
    tasks[name] = { componentRef: { name: `comp-${name}` }, taskInfo: { name } };
  }
  return { pipelineInfo: { name: 'resources' }, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.14.3', components, deploymentSpec: { executors }, root: { dag: { tasks } } };
}

for (const engine of ['docker', 'podman'] as const) {
  const detected = engines.available[engine];
  describe.skipIf(!detected || !engines.registry)(`what a step asks of ${engine}`, () => {
    it('gets its limits, an explained GPU request, a pulled image with progress, and a coded failed pull', async () => {
      const binary = detected!.binary!;
      const pulled = `${engines.registry}/kfs-test/debian-min:bookworm`;
      // In the registry (pushed once, kept there), not in the engine: the run must pull it.
      const inRegistry = await fetch(`http://${engines.registry}/v2/kfs-test/debian-min/manifests/bookworm`, { method: 'HEAD', headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
      if (!inRegistry.ok) {
        expect(spawnSync(binary, ['tag', engines.baseImage, pulled]).status).toBe(0);
        const pushed = spawnSync(binary, ['push', pulled], { encoding: 'utf8' });
        expect(pushed.status, pushed.stderr).toBe(0);
      }
      spawnSync(binary, ['rmi', '-f', pulled]);
      const missing = `${engines.registry}/kfs-test/not-there:1`;

      const runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: detected! });
      try {
        const run = await runtime.waitForRun(await runtime.submit({ pipeline: pipeline(engines.baseImage, pulled, missing) }));
        expect(taskOf(run, 'limits').state, (await runtime.readLog(run.id, 'limits')).text).toBe('succeeded');
        expect(String(taskOf(run, 'limits').outputs?.parameters.out).trim()).toBe(`${256 * 1024 * 1024} 50000`);
        if (!existsSync('/dev/nvidia0')) {
          expect((await runtime.readLog(run.id, 'limits')).text).toContain('this step asks for 1 nvidia.com/gpu, but this machine has no NVIDIA GPU (no /dev/nvidia0): it runs without one');
        }

        expect(taskOf(run, 'pulled').state).toBe('succeeded');
        const pullLog = (await runtime.readLog(run.id, 'pulled')).text;
        expect(pullLog).toContain(`[kfp-studio] ${pulled} is not in ${engine}'s images: pulling it from ${engines.registry}`);
        expect(pullLog.split('\n').length).toBeGreaterThan(2);

        const failedPull = taskOf(run, 'missing');
        expect(failedPull).toMatchObject({ state: 'failed', error: { code: 'KFS818' } });
        expect(failedPull.error?.message).toContain(`Could not pull the image ${missing} from ${engines.registry}`);
        expect(failedPull.error?.message).toContain(`${engine} login ${engines.registry}`);
      } finally {
        await runtime.close();
      }
    }, 180_000);
  });
}
