// The Kubernetes settings of kfp-kubernetes' newer calls: affinity terms, ephemeral volumes, shared memory, the
// security context and init containers, checked with the rules kfp-kubernetes and Kubernetes apply; and the values
// they take at run time (node selector and toleration JSON, pull secret names), which are connections like inputs.
import type { Argument, TaskOptions } from '../../model/document';
import { typeLabel } from '../../types/type-compat';
import { resolveArgument } from '../argument-resolve';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { isRecord, listOf, quote, text } from '../../model/shape';

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
// add_pod_affinity's VALID_OPERATORS.
const POD_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const QUANTITY = /^(?:\d*\.)?\d+(?:E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki|k|m)?$/;
const K8S_NAME = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

const JSON_TYPES = ['STRUCT', 'STRING'];
const NAME_TYPES = ['STRING'];

/** One value a setting takes at run time: a connection like an input's, of one of the accepted parameter types. */
function checkValue(ix: ValidationIndex, report: Report, id: string, source: Argument | undefined, what: string, field: string, accepts: readonly string[]): void {
  if (source === undefined) return;
  const site = { task: id, field };
  const type = resolveArgument(ix, report, source, { what: `The ${what} of task ${quote(id)}`, site, chain: ix.taskChain(id), task: id });
  if (type && !(type.kind === 'parameter' && accepts.includes(type.type))) {
    report.add('KFS204', `The ${what} of task ${quote(id)} comes from a ${typeLabel(type)} value: it must be ${accepts.join(' or ')}.`, site);
  }
}

// Plain loops, no callbacks: this runs for every task on every edit, and most tasks have none of these lists.
function checkValues(ix: ValidationIndex, report: Report, id: string, options: TaskOptions): void {
  checkValue(ix, report, id, options.nodeSelectorFrom, 'node selector JSON', 'options.nodeSelectorFrom', JSON_TYPES);
  const pullSecrets = listOf(options.imagePullSecretsFrom);
  for (let i = 0; i < pullSecrets.length; i++) {
    const from = pullSecrets[i];
    if (isRecord(from) && from.kind === 'constant' && (typeof from.value !== 'string' || from.value.trim() === '')) {
      report.add('KFS205', `Image pull secret ${i + 1} of task ${quote(id)} has no name: choose the value it comes from, or remove it.`, { task: id, field: `options.imagePullSecretsFrom[${i}]` });
    } else checkValue(ix, report, id, from, 'image pull secret name', `options.imagePullSecretsFrom[${i}]`, NAME_TYPES);
  }
  const tolerations = listOf(options.tolerations);
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i];
    if (isRecord(t)) checkValue(ix, report, id, t.fromJson as Argument | undefined, 'toleration JSON', `options.tolerations[${i}].fromJson`, JSON_TYPES);
  }
  const affinity = listOf(options.nodeAffinity);
  for (let i = 0; i < affinity.length; i++) {
    const t = affinity[i];
    if (isRecord(t)) checkValue(ix, report, id, t.fromJson as Argument | undefined, 'node affinity JSON', `options.nodeAffinity[${i}].fromJson`, JSON_TYPES);
  }
}

function checkRequirements(report: Report, id: string, list: unknown, operators: readonly string[], field: string): number {
  const items: readonly unknown[] = Array.isArray(list) ? list : [];
  items.forEach((r, i) => {
    const at = { task: id, field: `${field}[${i}]` };
    if (!isRecord(r) || typeof r.key !== 'string' || r.key.trim() === '') report.add('KFS205', `Task ${quote(id)} has an affinity rule without a key: name the label or field it matches.`, at);
    else if (!operators.includes(String(r.operator))) report.add('KFS205', `Task ${quote(id)} has affinity rule ${quote(r.key)} with operator ${quote(r.operator)}: use one of ${operators.join(', ')}.`, at);
  });
  return items.length;
}

function checkWeight(report: Report, id: string, weight: unknown, field: string): void {
  if (weight !== undefined && !(typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= 100)) {
    report.add('KFS205', `Task ${quote(id)} has an affinity weight of ${text(weight)}: use a whole number from 1 to 100 (preferred), or none (required).`, { task: id, field });
  }
}

function checkAffinity(report: Report, id: string, options: TaskOptions): void {
  listOf(options.nodeAffinity).forEach((t, i) => {
    if (!isRecord(t) || t.fromJson !== undefined) return;
    const at = `options.nodeAffinity[${i}]`;
    const count = checkRequirements(report, id, t.matchExpressions, NODE_OPERATORS, `${at}.matchExpressions`) + checkRequirements(report, id, t.matchFields, NODE_OPERATORS, `${at}.matchFields`);
    if (count === 0) report.add('KFS205', `Node affinity term ${i + 1} of task ${quote(id)} matches nothing: add a rule, or remove the term.`, { task: id, field: at });
    checkWeight(report, id, t.weight, `${at}.weight`);
  });
  listOf(options.podAffinity).forEach((t, i) => {
    if (!isRecord(t)) return;
    const at = `options.podAffinity[${i}]`;
    checkRequirements(report, id, t.matchPodExpressions, POD_OPERATORS, `${at}.matchPodExpressions`);
    checkRequirements(report, id, t.matchNamespaceExpressions, POD_OPERATORS, `${at}.matchNamespaceExpressions`);
    if (typeof t.topologyKey !== 'string' || t.topologyKey.trim() === '') {
      report.add('KFS205', `Pod ${t.anti ? 'anti-affinity' : 'affinity'} term ${i + 1} of task ${quote(id)} has no topology key: set one such as 'kubernetes.io/hostname'.`, { task: id, field: `${at}.topologyKey` });
    }
    checkWeight(report, id, t.weight, `${at}.weight`);
  });
}

function checkVolumes(report: Report, id: string, options: TaskOptions): void {
  listOf(options.ephemeralVolumes).forEach((v, i) => {
    if (!isRecord(v)) return;
    const at = (f: string) => ({ task: id, field: `options.ephemeralVolumes[${i}].${f}` });
    if (typeof v.volumeName !== 'string' || !K8S_NAME.test(v.volumeName)) report.add('KFS205', `Ephemeral volume ${i + 1} of task ${quote(id)} is named ${quote(v.volumeName)}: use lower-case letters, digits and '-'.`, at('volumeName'));
    if (typeof v.mountPath !== 'string' || !v.mountPath.startsWith('/')) report.add('KFS205', `Ephemeral volume ${i + 1} of task ${quote(id)} has mount path ${quote(v.mountPath)}: use an absolute path such as /scratch.`, at('mountPath'));
    const modes = listOf(v.accessModes as unknown[] | undefined);
    if (modes.length === 0 || modes.some((m) => !ACCESS_MODES.includes(String(m)))) report.add('KFS205', `Ephemeral volume ${i + 1} of task ${quote(id)} needs access modes from ${ACCESS_MODES.join(', ')}.`, at('accessModes'));
    if (typeof v.size !== 'string' || !QUANTITY.test(v.size)) report.add('KFS205', `Ephemeral volume ${i + 1} of task ${quote(id)} has size ${quote(v.size)}: write it like '5Gi'.`, at('size'));
  });
  const shm = options.sharedMemory;
  if (isRecord(shm)) {
    if (typeof shm.volumeName !== 'string' || !K8S_NAME.test(shm.volumeName)) report.add('KFS205', `The shared memory volume of task ${quote(id)} is named ${quote(shm.volumeName)}: use a name such as 'shm'.`, { task: id, field: 'options.sharedMemory.volumeName' });
    if (typeof shm.size === 'string' && shm.size !== '' && !QUANTITY.test(shm.size)) report.add('KFS205', `The shared memory of task ${quote(id)} has size ${quote(shm.size)}: write it like '1Gi', or leave it empty for no limit.`, { task: id, field: 'options.sharedMemory.size' });
  }
}

function checkContainers(report: Report, id: string, options: TaskOptions): void {
  const security = options.securityContext;
  if (isRecord(security)) {
    for (const field of ['runAsUser', 'runAsGroup'] as const) {
      const value = security[field];
      if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
        report.add('KFS205', `Task ${quote(id)} has ${field} ${text(value)}: use a whole number of 0 or more.`, { task: id, field: `options.securityContext.${field}` });
      }
    }
  }
  const containers = listOf(options.initContainers);
  if (containers.length === 0) return;
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    if (!isRecord(c)) return;
    const at = (f: string) => ({ task: id, field: `options.initContainers[${i}].${f}` });
    const name = c.name;
    if (typeof name !== 'string' || !K8S_NAME.test(name)) report.add('KFS205', `Init container ${i + 1} of task ${quote(id)} is named ${quote(name)}: use lower-case letters, digits and '-'.`, at('name'));
    else if (name === 'kfp-launcher') report.add('KFS205', `Init container name 'kfp-launcher' is reserved by Kubeflow Pipelines: choose another name.`, at('name'));
    else if (seen.has(name)) report.add('KFS205', `Task ${quote(id)} has two init containers named ${quote(name)}: give each its own name.`, at('name'));
    if (typeof name === 'string') seen.add(name);
    if (typeof c.image !== 'string' || c.image.trim() === '') report.add('KFS205', `Init container ${quote(name)} of task ${quote(id)} has no image: set one such as 'busybox:1.36'.`, at('image'));
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') report.add('KFS205', `Init container ${quote(name)} of task ${quote(id)} has restart policy ${quote(c.restartPolicy)}: only 'Always' (a sidecar) is allowed, or none.`, at('restartPolicy'));
    listOf(c.volumeMounts as unknown[] | undefined).forEach((m, j) => {
      if (!isRecord(m) || typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/')) report.add('KFS205', `Init container ${quote(name)} of task ${quote(id)} mounts a volume at a path that is not absolute: use a path such as /work.`, at(`volumeMounts[${j}].mountPath`));
    });
  });
}

export function checkScheduling(ix: ValidationIndex, report: Report): void {
  ix.tasks.forEach((task, id) => {
    const options = task.options;
    if (!isRecord(options)) return;
    checkValues(ix, report, id, options);
    checkAffinity(report, id, options);
    checkVolumes(report, id, options);
    checkContainers(report, id, options);
  });
}
