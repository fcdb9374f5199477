// Resource quantities as the KFP SDK writes them (resourceCpuLimit "500m", resourceMemoryLimit "256Mi", the older
// cpuLimit / memoryLimit numbers in GB) become engine flags; anything else is refused with KFS817.
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../../../shared/errors/codes';
import { containerLimits, cpuCount, memoryBytes } from './container-limits';

const same = (value: string): string => value;

describe('container limits', () => {
  it('reads Kubernetes quantities', () => {
    expect([cpuCount('500m'), cpuCount('2'), cpuCount(1.5)]).toEqual([0.5, 2, 1.5]);
    expect([memoryBytes('256Mi'), memoryBytes('2G'), memoryBytes('1.5Gi')]).toEqual([268435456, 2e9, 1610612736]);
  });

  it('turns resources into --cpus and --memory, the older GB numbers too, placeholders resolved', () => {
    expect(containerLimits({ resourceCpuLimit: '1000m', resourceMemoryLimit: '256Mi' }, 'docker', same).args).toEqual(['--cpus=1', '--memory=268435456b']);
    expect(containerLimits({ cpuLimit: 1.0, memoryLimit: 0.268435456 }, 'podman', same).args).toEqual(['--cpus=1', '--memory=268435456b']);
    expect(containerLimits({ resourceCpuLimit: '{{cpu}}' }, 'docker', () => '250m').args).toEqual(['--cpus=0.25']);
  });

  it('explains a GPU request it cannot honour, and passes one to Docker when the machine has it', () => {
    const gpu = { accelerator: { resourceType: 'nvidia.com/gpu', resourceCount: '2' } };
    expect(containerLimits(gpu, 'docker', same, () => false)).toEqual({ args: [], notes: [expect.stringContaining('this machine has no NVIDIA GPU')] });
    expect(containerLimits(gpu, 'docker', same, () => true).args).toEqual(['--gpus=2']);
    expect(containerLimits(gpu, 'podman', same, () => true).notes[0]).toContain('CDI');
    expect(containerLimits({ accelerator: { type: 'TPU_V3', count: '8' } }, 'docker', same).notes[0]).toContain('only NVIDIA GPUs');
  });

  it('refuses what is not a quantity (KFS817)', () => {
    for (const bad of [{ resourceCpuLimit: 'lots' }, { resourceMemoryLimit: '12 parsecs' }, { resourceMemoryLimit: '1k' }, { resourceCpuLimit: '0' }]) {
      let caught: unknown;
      try {
        containerLimits(bad, 'docker', same);
      } catch (error) {
        caught = error;
      }
      expect(isKfsError(caught) && caught.code, JSON.stringify(bad)).toBe('KFS817');
    }
  });
});
