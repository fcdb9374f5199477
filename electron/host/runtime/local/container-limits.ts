// A step's resources (KFP IR `container.resources`) as engine flags: CPU and memory limits become --cpus and --memory,
// as the pod's limits would on a cluster. A GPU request is passed to Docker (--gpus) only when this machine has an
// NVIDIA device; otherwise the step runs without one and its log says why, as on a CPU-only node.
import { existsSync } from 'node:fs';
import { KfsError } from '../../../../shared/errors/codes';

type Resolve = (value: string) => string;

const UNITS: { [suffix: string]: number } = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

function refuse(field: string, value: unknown, example: string): KfsError {
  return new KfsError('KFS817', `The step's ${field} "${String(value)}" is not a Kubernetes quantity (like ${example}); fix it in the task's resources.`);
}

/** CPUs from "500m", "2", "0.5" or a number. */
export function cpuCount(value: unknown): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
  if (!match?.[1]) throw refuse('CPU limit', value, '500m or 2');
  const cpus = Number(match[1]) / (match[2] ? 1000 : 1);
  if (!(cpus > 0)) throw refuse('CPU limit', value, '500m or 2');
  return cpus;
}

/** Bytes from "256Mi", "2G", "1.5Gi" (a bare number is bytes). */
export function memoryBytes(value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(value).trim());
  if (!match?.[1]) throw refuse('memory limit', value, '256Mi or 2G');
  const bytes = Math.round(Number(match[1]) * (UNITS[match[2] ?? ''] ?? 1));
  if (bytes < 6 * 1024 * 1024) throw new KfsError('KFS817', `The step's memory limit "${String(value)}" is below the 6 MiB a container needs at least.`);
  return bytes;
}

export interface StepLimits {
  /** Flags for `run`. */
  args: string[];
  /** What the log should say about the request (a GPU this machine cannot give). */
  notes: string[];
}

/** The engine flags for `resources` (IR), its placeholders resolved with `resolve`. */
export function containerLimits(resources: unknown, engine: 'docker' | 'podman', resolve: Resolve, hasGpu: () => boolean = () => existsSync('/dev/nvidia0')): StepLimits {
  const args: string[] = [];
  const notes: string[] = [];
  if (typeof resources !== 'object' || resources === null) return { args, notes };
  const r = resources as { [key: string]: unknown };
  const text = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : resolve(String(value)));
  const cpu = text(r.resourceCpuLimit) ?? text(r.cpuLimit);
  if (cpu !== undefined) args.push(`--cpus=${cpuCount(cpu)}`);
  const memory = text(r.resourceMemoryLimit);
  const memoryGb = memory === undefined ? text(r.memoryLimit) : undefined;
  if (memory !== undefined) args.push(`--memory=${memoryBytes(memory)}b`);
  else if (memoryGb !== undefined) args.push(`--memory=${memoryBytes(`${Number(memoryGb) * 1e9}`)}b`);
  const accelerator = (r.accelerator ?? {}) as { [key: string]: unknown };
  const type = text(accelerator.resourceType) ?? text(accelerator.type);
  const count = Number(text(accelerator.resourceCount) ?? text(accelerator.count) ?? 0);
  if (type && count > 0) {
    if (!/nvidia/i.test(type)) notes.push(`this step asks for ${count} ${type}; only NVIDIA GPUs can be given to a local container, so it runs without one.`);
    else if (!hasGpu()) notes.push(`this step asks for ${count} ${type}, but this machine has no NVIDIA GPU (no /dev/nvidia0): it runs without one, as on a CPU-only node.`);
    else if (engine === 'docker') args.push(`--gpus=${count}`);
    else notes.push(`this step asks for ${count} ${type}; with Podman give GPUs through CDI (nvidia-ctk), which KFP Studio does not set up: it runs without one.`);
  }
  return { args, notes };
}
