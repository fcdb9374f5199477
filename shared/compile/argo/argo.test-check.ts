// A structural check of a compiled Workflow, beyond Argo's JSON schema: every name a `{{...}}` reference uses is
// declared where Argo looks it up, every called template exists and gets exactly the inputs it needs, and every task a
// DAG task reads from is one it waits for. Used by the tests; returns the problems found (none for a good workflow).
type Obj = { [key: string]: unknown };

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? (value as Obj[]) : [];
}

function names(io: unknown, kind: 'parameters' | 'artifacts'): Set<string> {
  return new Set(list((io as Obj | undefined)?.[kind]).map((p) => String(p.name)));
}

function refs(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}

const INPUT_PARAM = /\{\{inputs\.parameters\.([-\w]+)\}\}/g;
const INPUT_ART = /\{\{inputs\.artifacts\.([-\w]+)\}\}/g;
const TASK_REF = /\{\{tasks\.([-\w]+)\.outputs\.(?:parameters|artifacts)\.[-\w]+\}\}/g;
const TASK_EXPR = /tasks\['([-\w]+)'\]/g;
const WORKFLOW_PARAM = /\{\{workflow\.parameters\.([-\w]+)\}\}/g;

function dependenciesOf(task: Obj): Set<string> {
  const deps = new Set(list(task.dependencies).map(String));
  if (typeof task.depends === 'string') {
    for (const term of task.depends.replace(/[()!]/g, ' ').split(/&&|\|\|/)) deps.add(term.trim().split('.')[0] as string);
  }
  return deps;
}

function checkCall(where: string, call: Obj, templates: Map<string, Obj>, problems: string[]): void {
  const target = templates.get(String(call.template));
  if (!target) {
    problems.push(`${where}: calls unknown template ${String(call.template)}`);
    return;
  }
  const args = (call.arguments ?? {}) as Obj;
  for (const kind of ['parameters', 'artifacts'] as const) {
    const declared = names(target.inputs, kind);
    const given = names(args, kind);
    for (const name of given) if (!declared.has(name)) problems.push(`${where}: passes ${kind} ${name}, which ${String(call.template)} does not declare`);
    for (const input of list((target.inputs as Obj | undefined)?.[kind])) {
      const fixed = input.value !== undefined || input.default !== undefined || input.path !== undefined && kind === 'artifacts' && Object.keys(input).some((k) => ['gcs', 's3', 'http'].includes(k));
      if (!given.has(String(input.name)) && !fixed) problems.push(`${where}: does not pass ${kind} ${String(input.name)} to ${String(call.template)}`);
    }
  }
}

export function checkWorkflowReferences(workflow: Obj): string[] {
  const problems: string[] = [];
  const spec = workflow.spec as Obj;
  const templates = new Map(list(spec.templates).map((t) => [String(t.name), t]));
  if (templates.size !== list(spec.templates).length) problems.push('two templates share a name');
  const workflowParams = new Set(list((spec.arguments as Obj | undefined)?.parameters).map((p) => String(p.name)));
  for (const name of [spec.entrypoint, spec.onExit]) if (name !== undefined && !templates.has(String(name))) problems.push(`unknown template ${String(name)}`);
  for (const ref of refs(JSON.stringify(spec.templates), WORKFLOW_PARAM)) if (!workflowParams.has(ref)) problems.push(`unknown workflow parameter ${ref}`);
  for (const template of templates.values()) {
    const name = String(template.name);
    const inParams = names(template.inputs, 'parameters');
    const inArts = names(template.inputs, 'artifacts');
    const { inputs: _inputs, ...body } = template;
    const text = JSON.stringify(body);
    for (const ref of refs(text, INPUT_PARAM)) if (!inParams.has(ref)) problems.push(`${name}: uses undeclared input parameter ${ref}`);
    for (const ref of refs(text, INPUT_ART)) if (!inArts.has(ref)) problems.push(`${name}: uses undeclared input artifact ${ref}`);
    const dag = template.dag as Obj | undefined;
    if (!dag) continue;
    const tasks = new Map(list(dag.tasks).map((t) => [String(t.name), t]));
    for (const task of tasks.values()) {
      const where = `${name}/${String(task.name)}`;
      checkCall(where, task, templates, problems);
      const hook = ((task.hooks as Obj | undefined)?.exit ?? undefined) as Obj | undefined;
      if (hook) checkCall(`${where} exit hook`, hook, templates, problems);
      const { hooks: _hooks, ...own } = task;
      const ownText = JSON.stringify(own);
      const deps = dependenciesOf(task);
      for (const dep of deps) if (!tasks.has(dep)) problems.push(`${where}: waits on unknown task ${dep}`);
      for (const ref of [...refs(ownText, TASK_REF), ...refs(ownText, TASK_EXPR)]) {
        if (!deps.has(ref)) problems.push(`${where}: reads task ${ref} without waiting on it`);
      }
      if (ownText.includes('{{item') && task.withItems === undefined && task.withParam === undefined) problems.push(`${where}: uses {{item}} outside a loop`);
    }
    for (const output of list((template.outputs as Obj | undefined)?.parameters)) {
      const from = String(((output.valueFrom as Obj | undefined)?.parameter ?? (output.valueFrom as Obj | undefined)?.expression) ?? '');
      for (const ref of [...refs(from, TASK_REF), ...refs(from, TASK_EXPR)]) if (!tasks.has(ref)) problems.push(`${name}: output reads unknown task ${ref}`);
    }
  }
  return problems;
}
