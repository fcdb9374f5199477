// What Argo writes on a node besides its phase: `inputs` (the template's inputs with the values the DAG task passed,
// expressions resolved: `{{workflow.parameters.x}}`, `{{inputs.parameters.x}}`, `{{tasks.t.outputs.parameters.y}}`,
// `{{tasks.t.outputs.artifacts.y}}`) and, once a pod succeeded, `outputs`: its parameters (a value made from the task
// and output names, as the emulator runs no code) and its artifacts, saved in the default artifact repository at
// Argo's default key `<workflow>/<pod>/<name>.tgz`.
import type { SimTask } from './dag-sim';
import type { WorkflowRecord } from './state';

type Obj = { [key: string]: unknown };
type Artifact = Obj & { name: string };
export interface NodeIo {
  inputs?: { parameters?: { name: string; value: string }[]; artifacts?: Artifact[] };
  outputs?: { parameters?: { name: string; value: string }[]; artifacts?: Artifact[] };
}

const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter((item): item is Obj => typeof item === 'object' && item !== null) : []);

/** The inputs and outputs of each started task's node, by task id. */
export function workflowNodeIo(record: WorkflowRecord): Map<string, NodeIo> {
  const spec = (record.object.spec ?? {}) as Obj;
  const templates = new Map(list(spec.templates).map((template) => [String(template.name), template]));
  const workflowParameters = new Map(list((spec.arguments as Obj | undefined)?.parameters).map((p) => [String(p.name), String(p.value ?? '')]));
  const workflowName = String((record.object.metadata as Obj | undefined)?.name ?? '');
  const byId = new Map(record.sim.tasks.map((task) => [task.id, task]));
  const out = new Map<string, NodeIo>();
  const resolve = (text: string, task: SimTask): string =>
    text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, expression: string) => {
      const parts = expression.split('.');
      if (parts[0] === 'workflow' && parts[1] === 'parameters') return workflowParameters.get(parts.slice(2).join('.')) ?? whole;
      const parent = task.parentId !== undefined ? out.get(task.parentId) : undefined;
      if (parts[0] === 'inputs' && parts[1] === 'parameters') return parent?.inputs?.parameters?.find((p) => p.name === parts[2])?.value ?? whole;
      if (parts[0] === 'tasks' && parts[2] === 'outputs' && parts[3] === 'parameters') {
        return out.get(`${task.parentId}.${parts[1]}`)?.outputs?.parameters?.find((p) => p.name === parts[4])?.value ?? whole;
      }
      return whole;
    });
  const artifactFrom = (from: string, task: SimTask): Artifact | undefined => {
    const parts = /^\{\{\s*(.+?)\s*\}\}$/.exec(from)?.[1]?.split('.') ?? [];
    if (parts[0] === 'tasks' && parts[2] === 'outputs' && parts[3] === 'artifacts') return out.get(`${task.parentId}.${parts[1]}`)?.outputs?.artifacts?.find((a) => a.name === parts[4]);
    if (parts[0] === 'inputs' && parts[1] === 'artifacts') return (task.parentId !== undefined ? out.get(task.parentId) : undefined)?.inputs?.artifacts?.find((a) => a.name === parts[2]);
    return undefined;
  };
  for (const task of record.sim.tasks) {
    if (task.state === 'pending' || task.state === 'skipped') continue;
    const template = templates.get(task.template ?? '');
    const parent = task.parentId !== undefined ? byId.get(task.parentId) : undefined;
    const call = list(((templates.get(parent?.template ?? '')?.dag as Obj | undefined)?.tasks)).find((item) => item.name === task.name);
    const args = (call?.arguments ?? {}) as Obj;
    const inputs = (template?.inputs ?? {}) as Obj;
    const io: NodeIo = {};
    const parameters = list(inputs.parameters).map((def) => {
      const given = list(args.parameters).find((p) => p.name === def.name);
      return { name: String(def.name), value: resolve(String(given?.value ?? def.value ?? def.default ?? ''), task) };
    });
    const artifacts = list(inputs.artifacts).flatMap((def): Artifact[] => {
      const given = list(args.artifacts).find((a) => a.name === def.name);
      const source = typeof given?.from === 'string' ? artifactFrom(given.from, task) : undefined;
      return source ? [{ ...source, name: String(def.name), ...(def.path ? { path: def.path } : {}) }] : [];
    });
    if (parameters.length || artifacts.length) io.inputs = { ...(parameters.length ? { parameters } : {}), ...(artifacts.length ? { artifacts } : {}) };
    if (task.kind === 'pod' && task.state === 'succeeded') {
      const outputs = (template?.outputs ?? {}) as Obj;
      const pod = record.nodeIds.get(task.id) ?? task.id;
      const made = list(outputs.parameters).map((def) => ({ name: String(def.name), value: `${task.name}-${String(def.name)}` }));
      const files = list(outputs.artifacts).map((def) => ({ name: String(def.name), ...(def.path ? { path: def.path } : {}), s3: { key: `${workflowName}/${pod}/${String(def.name)}.tgz` } }));
      if (made.length || files.length) io.outputs = { ...(made.length ? { parameters: made } : {}), ...(files.length ? { artifacts: files } : {}) };
    }
    out.set(task.id, io);
  }
  return out;
}
