// Container resources as the current SDK writes them: the Kubernetes quantity as text (`resourceCpuLimit: 500m`)
// and, for older backends, the deprecated numeric fields (`cpuLimit: 0.5`, `memoryLimit` in decimal gigabytes).
// A value taken at run time is a placeholder of a task input (`{{$.inputs.parameters['pipelinechannel--t-Output']}}`),
// as the SDK 2.14 writes `set_cpu_limit(t.output)`; the task then also carries `cpu_limit` (the same placeholder as a
// constant) and the channel input itself (pipeline_spec_builder.replace_and_inject_placeholders).
import type { Argument, ResourceSourceField, Resources, ResourceSources } from '../model/document';
import type { IrObject } from './ir-types';

/** The task input that carries each run-time resource value, as the SDK names it. */
export const RESOURCE_CARRIERS: { [field in ResourceSourceField]: string } = {
  cpuRequest: 'cpu_request',
  cpuLimit: 'cpu_limit',
  memoryRequest: 'memory_request',
  memoryLimit: 'memory_limit',
  acceleratorType: 'accelerator_type',
  acceleratorCount: 'accelerator_count',
};

const INPUT_PLACEHOLDER = /^\{\{\$\.inputs\.parameters\['([^']+)'\]\}\}$/;

/** The task input a resource field's placeholder names, or undefined for a literal. */
export function placeholderInput(value: unknown): string | undefined {
  return typeof value === 'string' ? INPUT_PLACEHOLDER.exec(value)?.[1] : undefined;
}

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

/** `placeholderOf` gives the placeholder of a run-time value (required when `resources.from` is set). */
export function resourcesToIr(resources: Resources, placeholderOf?: (field: ResourceSourceField, arg: Argument) => string): IrObject | undefined {
  const out: IrObject = {};
  const from: ResourceSources = resources.from ?? {};
  const dynamic = (field: ResourceSourceField): string | undefined => {
    const arg = from[field];
    return arg && placeholderOf ? placeholderOf(field, arg) : undefined;
  };
  const cpuLimit = dynamic('cpuLimit') ?? resources.cpuLimit;
  const cpuRequest = dynamic('cpuRequest') ?? resources.cpuRequest;
  const memoryLimit = dynamic('memoryLimit') ?? resources.memoryLimit;
  const memoryRequest = dynamic('memoryRequest') ?? resources.memoryRequest;
  const type = dynamic('acceleratorType');
  const count = dynamic('acceleratorCount');
  if (type !== undefined || count !== undefined) {
    out.accelerator = { resourceCount: count ?? String(resources.accelerator?.count ?? 1), resourceType: type ?? resources.accelerator?.type ?? '' };
  } else if (resources.accelerator) {
    const count = String(resources.accelerator.count);
    out.accelerator = { count, resourceCount: count, resourceType: resources.accelerator.type, type: resources.accelerator.type };
  }
  // Each quantity as its deprecated number (when it is one) and as text; keys set in sorted order (see ir.compile.ts).
  const number = (field: string, n: number | undefined) => {
    if (n !== undefined) out[field] = n;
  };
  if (cpuLimit !== undefined) number('cpuLimit', cpuToNumber(cpuLimit));
  if (cpuRequest !== undefined) number('cpuRequest', cpuToNumber(cpuRequest));
  if (memoryLimit !== undefined) number('memoryLimit', memoryToGigabytes(memoryLimit));
  if (memoryRequest !== undefined) number('memoryRequest', memoryToGigabytes(memoryRequest));
  if (cpuLimit !== undefined) out.resourceCpuLimit = cpuLimit;
  if (cpuRequest !== undefined) out.resourceCpuRequest = cpuRequest;
  if (memoryLimit !== undefined) out.resourceMemoryLimit = memoryLimit;
  if (memoryRequest !== undefined) out.resourceMemoryRequest = memoryRequest;
  return Object.keys(out).length ? out : undefined;
}

/** Reads IR container resources back (the textual fields first, the deprecated numbers otherwise). */
export function resourcesFromIr(ir: { [key: string]: unknown }): Resources | undefined {
  const out: Resources = {};
  const from: ResourceSources = {};
  const text = (modern: string, legacy: string, unit: 'cpu' | 'memory'): string | undefined => {
    const value = ir[modern];
    const channel = placeholderInput(value);
    if (channel !== undefined) {
      from[FIELD_OF[modern] as ResourceSourceField] = channelMarker(channel);
      return undefined;
    }
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
    const typeChannel = placeholderInput(a.resourceType);
    const countChannel = placeholderInput(a.resourceCount);
    if (typeChannel !== undefined) from.acceleratorType = channelMarker(typeChannel);
    if (countChannel !== undefined) from.acceleratorCount = channelMarker(countChannel);
    const type = typeChannel !== undefined ? undefined : typeof a.resourceType === 'string' ? a.resourceType : typeof a.type === 'string' ? a.type : undefined;
    const count = countChannel !== undefined ? 1 : Number(a.resourceCount ?? a.count ?? 1);
    if (type !== undefined && Number.isFinite(count)) out.accelerator = { type, count };
  }
  if (Object.keys(from).length) out.from = from;
  return Object.keys(out).length ? out : undefined;
}

const FIELD_OF: { [modern: string]: ResourceSourceField } = {
  resourceCpuLimit: 'cpuLimit',
  resourceCpuRequest: 'cpuRequest',
  resourceMemoryLimit: 'memoryLimit',
  resourceMemoryRequest: 'memoryRequest',
};

/**
 * Until the task that uses the executor is read, a run-time value is known only by the task input it names; the
 * importer replaces this marker by what that input refers to (`isChannelMarker`).
 */
function channelMarker(input: string): Argument {
  return { kind: 'graphInput', input: `${CHANNEL_MARK}${input}` };
}

const CHANNEL_MARK = '\u0000task-input:';

/** The task input named by a marker made by `resourcesFromIr`, or undefined for a real argument. */
export function markedTaskInput(arg: Argument): string | undefined {
  return arg.kind === 'graphInput' && arg.input.startsWith(CHANNEL_MARK) ? arg.input.slice(CHANNEL_MARK.length) : undefined;
}
