// Container resources as the current SDK writes them: the Kubernetes quantity as text (`resourceCpuLimit: 500m`)
// and, for older backends, the deprecated numeric fields (`cpuLimit: 0.5`, `memoryLimit` in decimal gigabytes).
import type { Resources } from '../model/document';
import type { IrObject } from './ir-types';

const MEMORY_UNITS: { [suffix: string]: number } = {
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  K: 1e3,
  k: 1e3,
  Ei: 2 ** 60,
  Pi: 2 ** 50,
  Ti: 2 ** 40,
  Gi: 2 ** 30,
  Mi: 2 ** 20,
  Ki: 2 ** 10,
};

/** CPU cores of a quantity (`500m` → 0.5); undefined when it is not a plain quantity (a placeholder). */
export function cpuToNumber(quantity: string): number | undefined {
  const milli = /^(\d+(?:\.\d+)?)m$/.exec(quantity);
  if (milli) return Number(milli[1]) / 1000;
  return /^\d+(?:\.\d+)?$/.test(quantity) ? Number(quantity) : undefined;
}

/** Decimal gigabytes of a memory quantity (`256Mi` → 0.268435456), as the SDK's deprecated fields hold. */
export function memoryToGigabytes(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ei|Pi|Ti|Gi|Mi|Ki|E|P|T|G|M|K|k)?$/.exec(quantity);
  if (!match) return undefined;
  const bytes = Number(match[1]) * (match[2] ? (MEMORY_UNITS[match[2]] ?? 1) : 1);
  return bytes / 1e9;
}

export function resourcesToIr(resources: Resources): IrObject | undefined {
  const out: IrObject = {};
  const cpu = (field: 'cpuLimit' | 'cpuRequest', value: string | undefined) => {
    if (value === undefined) return;
    const n = cpuToNumber(value);
    if (n !== undefined) out[field] = n;
    out[field === 'cpuLimit' ? 'resourceCpuLimit' : 'resourceCpuRequest'] = value;
  };
  const memory = (field: 'memoryLimit' | 'memoryRequest', value: string | undefined) => {
    if (value === undefined) return;
    const n = memoryToGigabytes(value);
    if (n !== undefined) out[field] = n;
    out[field === 'memoryLimit' ? 'resourceMemoryLimit' : 'resourceMemoryRequest'] = value;
  };
  cpu('cpuLimit', resources.cpuLimit);
  cpu('cpuRequest', resources.cpuRequest);
  memory('memoryLimit', resources.memoryLimit);
  memory('memoryRequest', resources.memoryRequest);
  if (resources.accelerator) {
    const count = String(resources.accelerator.count);
    out.accelerator = { count, resourceCount: count, resourceType: resources.accelerator.type, type: resources.accelerator.type };
  }
  return Object.keys(out).length ? out : undefined;
}

/** Reads IR container resources back (the textual fields first, the deprecated numbers otherwise). */
export function resourcesFromIr(ir: { [key: string]: unknown }): Resources | undefined {
  const out: Resources = {};
  const text = (modern: string, legacy: string, unit: 'cpu' | 'memory'): string | undefined => {
    const value = ir[modern];
    if (typeof value === 'string') return value;
    const n = ir[legacy];
    if (typeof n === 'number') return unit === 'cpu' ? String(n) : `${n}G`;
    return undefined;
  };
  const cpuLimit = text('resourceCpuLimit', 'cpuLimit', 'cpu');
  const cpuRequest = text('resourceCpuRequest', 'cpuRequest', 'cpu');
  const memoryLimit = text('resourceMemoryLimit', 'memoryLimit', 'memory');
  const memoryRequest = text('resourceMemoryRequest', 'memoryRequest', 'memory');
  if (cpuLimit !== undefined) out.cpuLimit = cpuLimit;
  if (cpuRequest !== undefined) out.cpuRequest = cpuRequest;
  if (memoryLimit !== undefined) out.memoryLimit = memoryLimit;
  if (memoryRequest !== undefined) out.memoryRequest = memoryRequest;
  const acc = ir.accelerator;
  if (acc && typeof acc === 'object') {
    const a = acc as { [key: string]: unknown };
    const type = typeof a.resourceType === 'string' ? a.resourceType : typeof a.type === 'string' ? a.type : undefined;
    const count = Number(a.resourceCount ?? a.count ?? 1);
    if (type !== undefined && Number.isFinite(count)) out.accelerator = { type, count };
  }
  return Object.keys(out).length ? out : undefined;
}
