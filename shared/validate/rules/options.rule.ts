// Task options that Kubernetes or KFP would refuse at run time: retries, resources, accelerators, env, secrets, volumes.
import type { Argument, ResourceSourceField, ResourceSources, TaskOptions } from '../../model/document';
import { IMAGE_PULL_POLICIES, RESOURCE_SOURCE_FIELDS } from '../../model/document';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { resolveArgument } from '../argument-resolve';
import { typeLabel } from '../../types/type-compat';
import { entriesOf, isRecord, listOf, quote, text } from '../../model/shape';

// As the KFP SDK checks them (PipelineTask.set_cpu_limit / set_memory_limit).
const CPU = /^(?:\d*\.)?\d+m?$/;
const MEMORY = /^(?:\d*\.)?\d+(?:E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki|k)?$/;
const DURATION = /^\d+(?:\.\d+)?s$/;
/** Kubernetes' rule for environment variable names. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** A Kubernetes object name (DNS subdomain). */
const K8S_NAME = /^[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;

const MEMORY_FACTORS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

function cpuValue(q: string): number {
  return q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

function memoryValue(q: string): number {
  const match = /^([\d.]+)([A-Za-z]*)$/.exec(q);
  return match ? Number(match[1]) * (MEMORY_FACTORS[match[2] ?? ''] ?? 1) : NaN;
}

// The checks below run for every task on every edit: plain functions, no closures made per task.
const RETRY_DURATIONS = ['backoffDuration', 'backoffMaxDuration'] as const;

function retrySite(id: string, field: string): { task: string; field: string } {
  return { task: id, field: `options.retry.${field}` };
}

function checkRetry(report: Report, id: string, retry: TaskOptions['retry']): void {
  if (!isRecord(retry)) return;
  const count = retry.maxRetryCount;
  if (!(typeof count === 'number' && Number.isInteger(count) && count >= 0)) {
    report.add('KFS205', `Task ${quote(id)} retries ${text(count)} times: set a whole number of 0 or more.`, retrySite(id, 'maxRetryCount'));
  }
  for (const field of RETRY_DURATIONS) {
    const value = retry[field];
    if (value !== undefined && (typeof value !== 'string' || !DURATION.test(value))) {
      report.add('KFS205', `Task ${quote(id)} has retry ${field === 'backoffDuration' ? 'backoff' : 'maximum backoff'} ${quote(value)}: write a duration in seconds such as '60s'.`, retrySite(id, field));
    }
  }
  const factor = retry.backoffFactor;
  if (factor !== undefined && !(typeof factor === 'number' && Number.isFinite(factor) && factor > 0)) {
    report.add('KFS205', `Task ${quote(id)} has retry backoff factor ${text(factor)}: use a number above 0, such as 2.`, retrySite(id, 'backoffFactor'));
  }
}

function resourceSite(id: string, field: string): { task: string; field: string } {
  return { task: id, field: `options.resources.${field}` };
}

type QuantityField = 'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit';

/** The quantity set for `field`, or undefined when none is set or (after reporting) it is not a Kubernetes quantity. */
function quantity(report: Report, id: string, resources: NonNullable<TaskOptions['resources']>, field: QuantityField, rule: RegExp, example: string): string | undefined {
  const value = resources[field];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && rule.test(value)) return value;
  const what = field.startsWith('cpu') ? 'CPU' : 'memory';
  report.add('KFS205', `Task ${quote(id)} has ${what} ${field.endsWith('Limit') ? 'limit' : 'request'} ${quote(value)}, which is not a Kubernetes quantity: write it like ${example}.`, resourceSite(id, field));
  return undefined;
}

function checkResources(report: Report, id: string, resources: TaskOptions['resources']): void {
  if (!isRecord(resources)) return;
  const cpuRequest = quantity(report, id, resources, 'cpuRequest', CPU, "'500m' or '2'");
  const cpuLimit = quantity(report, id, resources, 'cpuLimit', CPU, "'500m' or '2'");
  const memoryRequest = quantity(report, id, resources, 'memoryRequest', MEMORY, "'512Mi' or '4G'");
  const memoryLimit = quantity(report, id, resources, 'memoryLimit', MEMORY, "'512Mi' or '4G'");
  if (cpuRequest && cpuLimit && cpuValue(cpuRequest) > cpuValue(cpuLimit)) {
    report.add('KFS205', `Task ${quote(id)} requests more CPU (${cpuRequest}) than its limit (${cpuLimit}): raise the limit or lower the request.`, resourceSite(id, 'cpuRequest'));
  }
  if (memoryRequest && memoryLimit && memoryValue(memoryRequest) > memoryValue(memoryLimit)) {
    report.add('KFS205', `Task ${quote(id)} requests more memory (${memoryRequest}) than its limit (${memoryLimit}): raise the limit or lower the request.`, resourceSite(id, 'memoryRequest'));
  }
  const accelerator = resources.accelerator;
  if (accelerator !== undefined) {
    if (!isRecord(accelerator) || typeof accelerator.type !== 'string' || accelerator.type.trim() === '') {
      report.add('KFS205', `Task ${quote(id)} asks for an accelerator without a type: set one such as 'nvidia.com/gpu'.`, resourceSite(id, 'accelerator.type'));
    }
    const count = isRecord(accelerator) ? accelerator.count : undefined;
    if (!(typeof count === 'number' && Number.isInteger(count) && count >= 1)) {
      report.add('KFS205', `Task ${quote(id)} asks for ${text(count)} accelerators: use a whole number of 1 or more, or remove the accelerator.`, resourceSite(id, 'accelerator.count'));
    }
  }
}

function checkEnv(report: Report, id: string, options: TaskOptions): void {
  if (listOf(options.env).length === 0 && listOf(options.secrets).length === 0) return;
  const names = new Map<string, string>();
  const see = (name: unknown, field: string) => {
    const site = { task: id, field };
    if (typeof name !== 'string' || !ENV_NAME.test(name)) {
      report.add('KFS205', `Task ${quote(id)} sets environment variable ${quote(name)}, which is not a valid name: use letters, digits, "_", "-" or ".", not starting with a digit.`, site);
      return;
    }
    if (names.has(name)) report.add('KFS302', `Task ${quote(id)} sets environment variable ${quote(name)} twice (also at ${names.get(name)}): remove one.`, site);
    else names.set(name, field);
  };
  listOf(options.env).forEach((env, i) => see(isRecord(env) ? env.name : undefined, `options.env[${i}].name`));
  listOf(options.secrets).forEach((secret, i) => {
    if (!isRecord(secret)) return;
    const at = (f: string) => ({ task: id, field: `options.secrets[${i}].${f}` });
    if (secret.secretNameFrom === undefined && (typeof secret.secretName !== 'string' || !K8S_NAME.test(secret.secretName))) {
      report.add('KFS205', `Task ${quote(id)} uses secret ${quote(secret.secretName)}, which is not a valid Kubernetes name: use lower-case letters, digits, "-" and ".".`, at('secretName'));
    }
    if (secret.kind === 'env') {
      if (typeof secret.key !== 'string' || secret.key === '') report.add('KFS205', `Task ${quote(id)} reads secret ${quote(secret.secretName)} without a key: name the key to read.`, at('key'));
      see(secret.envVar, `options.secrets[${i}].envVar`);
    } else if (typeof secret.mountPath !== 'string' || !secret.mountPath.startsWith('/')) {
      report.add('KFS205', `Task ${quote(id)} mounts secret ${quote(secret.secretName)} at ${quote(secret.mountPath)}: use an absolute path such as '/etc/secret'.`, at('mountPath'));
    }
  });
}

function checkPodOptions(report: Report, id: string, options: TaskOptions): void {
  listOf(options.pvcs).forEach((pvc, i) => {
    const at = (f: string) => ({ task: id, field: `options.pvcs[${i}].${f}` });
    if (!isRecord(pvc)) return;
    if (pvc.pvcNameFrom === undefined && (typeof pvc.pvcName !== 'string' || pvc.pvcName.trim() === '')) report.add('KFS205', `Task ${quote(id)} mounts a volume claim without a name: name the PVC.`, at('pvcName'));
    if (typeof pvc.mountPath !== 'string' || !pvc.mountPath.startsWith('/')) {
      report.add('KFS205', `Task ${quote(id)} mounts volume claim ${quote(pvc.pvcName)} at ${quote(pvc.mountPath)}: use an absolute path such as '/data'.`, at('mountPath'));
    }
  });
  listOf(options.tolerations).forEach((t, i) => {
    if (!isRecord(t)) return;
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
      report.add('KFS205', `Task ${quote(id)} has a toleration with operator Exists and a value: remove the value or use operator Equal.`, { task: id, field: `options.tolerations[${i}].value` });
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      report.add('KFS205', `Task ${quote(id)} has a toleration with seconds but effect ${quote(t.effect)}: seconds apply to NoExecute only.`, { task: id, field: `options.tolerations[${i}].tolerationSeconds` });
    }
  });
  if (options.imagePullPolicy !== undefined && !(IMAGE_PULL_POLICIES as readonly unknown[]).includes(options.imagePullPolicy)) {
    report.add('KFS205', `Task ${quote(id)} has image pull policy ${quote(options.imagePullPolicy)}: choose ${IMAGE_PULL_POLICIES.join(', ')}.`, { task: id, field: 'options.imagePullPolicy' });
  }
  listOf(options.imagePullSecrets).forEach((name, i) => {
    if (typeof name !== 'string' || !K8S_NAME.test(name)) {
      report.add('KFS205', `Task ${quote(id)} pulls images with secret ${quote(name)}, which is not a valid Kubernetes name: use lower-case letters, digits, "-" and ".".`, { task: id, field: `options.imagePullSecrets[${i}]` });
    }
  });
  for (const [label, value] of entriesOf(options.nodeSelector)) {
    if (typeof value !== 'string') report.add('KFS205', `Task ${quote(id)} selects nodes with label ${quote(label)} but no text value: enter the label's value.`, { task: id, field: `options.nodeSelector.${label}` });
  }
}

export function checkOptions(ix: ValidationIndex, report: Report): void {
  ix.tasks.forEach((task, id) => {
    if (!isRecord(task.options)) return;
    const options: TaskOptions = task.options;
    checkRetry(report, id, options.retry);
    checkResources(report, id, options.resources);
    checkEnv(report, id, options);
    checkPodOptions(report, id, options);
    checkNamesFromValues(ix, report, id, options);
  });
}

/** A secret, config map or claim named at run time by a value: that value is a connection like any input's. */
function checkNamesFromValues(ix: ValidationIndex, report: Report, id: string, options: TaskOptions): void {
  const check = (source: Argument | undefined, what: string, field: string) => {
    if (source === undefined) return;
    const site = { task: id, field };
    const type = resolveArgument(ix, report, source, { what: `The ${what} of task ${quote(id)}`, site, chain: ix.taskChain(id), task: id });
    if (type && !(type.kind === 'parameter' && type.type === 'STRING')) {
      report.add('KFS204', `The ${what} of task ${quote(id)} comes from a ${typeLabel(type)} value: a name must be a String.`, site);
    }
  };
  listOf(options.secrets).forEach((s, i) => isRecord(s) && check(s.secretNameFrom, 'secret name', `options.secrets[${i}].secretNameFrom`));
  listOf(options.configMaps).forEach((c, i) => isRecord(c) && check(c.configMapNameFrom, 'config map name', `options.configMaps[${i}].configMapNameFrom`));
  listOf(options.pvcs).forEach((p, i) => isRecord(p) && check(p.pvcNameFrom, 'volume claim name', `options.pvcs[${i}].pvcNameFrom`));
  const from: ResourceSources | undefined = isRecord(options.resources) && isRecord(options.resources.from) ? options.resources.from : undefined;
  // Most tasks take no resource from a value: no lookups for them (validate runs on every edit).
  if (!from) return;
  for (const field of RESOURCE_SOURCE_FIELDS) {
    const source = from[field];
    if (source === undefined) continue;
    const site = { task: id, field: `options.resources.from.${field}` };
    const type = resolveArgument(ix, report, source, { what: `The ${RESOURCE_LABELS[field]} of task ${quote(id)}`, site, chain: ix.taskChain(id), task: id });
    if (type && type.kind !== 'parameter') {
      report.add('KFS204', `The ${RESOURCE_LABELS[field]} of task ${quote(id)} comes from a ${typeLabel(type)} artifact: take it from a parameter (a String such as '500m', or a number).`, site);
    }
  }
}

const RESOURCE_LABELS: { [field in ResourceSourceField]: string } = {
  cpuRequest: 'CPU request',
  cpuLimit: 'CPU limit',
  memoryRequest: 'memory request',
  memoryLimit: 'memory limit',
  acceleratorType: 'accelerator type',
  acceleratorCount: 'accelerator count',
};
