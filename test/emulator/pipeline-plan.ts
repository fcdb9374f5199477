// Turns what a run executes into the emulator's task tree: a KFP IR (PipelineSpec) walked with the project's own
// parsePipelineIr, or an Argo Workflow (a KFP v1 pipeline, or a Workflow created through the Kubernetes API).
// Conditions are not evaluated (every task runs) and a loop runs its body once.
import { parsePipelineIr, topologicalOrder, upstreamOf } from '../../shared/runtime/pipeline-ir.parse';
import type { IrDag, PipelineIr } from '../../shared/runtime/pipeline-ir.parse';
import type { SimTaskSpec } from './dag-sim';
import { failModeOfImage } from './dag-sim';

type Obj = { [key: string]: unknown };

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isArgoWorkflow(spec: unknown): boolean {
  return isObj(spec) && typeof spec.apiVersion === 'string' && spec.apiVersion.startsWith('argoproj.io') && spec.kind === 'Workflow';
}

/** `EMULATOR_DURATION_MS` in a container's env sets how long that step runs on the emulator clock. */
function durationOf(env: { name: string; value: string }[] | undefined): number | undefined {
  const value = env?.find((item) => item.name === 'EMULATOR_DURATION_MS')?.value;
  const ms = value !== undefined ? Number(value) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function planFromIr(spec: Obj): SimTaskSpec[] {
  const ir: PipelineIr = parsePipelineIr(spec);
  const plan: SimTaskSpec[] = [{ id: 'root', name: 'root', kind: 'dag', deps: [], failMode: 'never', runsAfterFailure: false }];
  const walk = (dag: IrDag, parentId: string, seen: Set<string>): void => {
    for (const name of topologicalOrder(dag)) {
      const task = dag.tasks[name];
      if (!task) continue;
      const id = `${parentId}/${name}`;
      const component = ir.components[task.componentRef];
      const deps = upstreamOf(task).map((up) => `${parentId}/${up}`);
      const base = { id, name, parentId, deps, runsAfterFailure: task.runsAfterFailure };
      if (component?.dag && !seen.has(task.componentRef)) {
        plan.push({ ...base, kind: 'dag', failMode: 'never' });
        walk(component.dag, id, new Set([...seen, task.componentRef]));
        continue;
      }
      const executor = component?.executorLabel ? ir.executors[component.executorLabel] : undefined;
      const image = executor?.kind === 'container' ? executor.image : executor?.kind === 'importer' ? 'importer' : undefined;
      const command = executor?.kind === 'container' ? [...executor.command, ...executor.args] : undefined;
      const duration = executor?.kind === 'container' ? durationOf(executor.env) : undefined;
      plan.push({
        ...base,
        kind: 'pod',
        failMode: failModeOfImage(image),
        ...(image !== undefined ? { image } : {}),
        ...(command ? { command } : {}),
        ...(duration !== undefined ? { durationMs: duration } : {}),
      });
    }
  };
  if (ir.root.dag) walk(ir.root.dag, 'root', new Set());
  return plan;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Task names a `depends` expression mentions (`a && (b.Succeeded || c.Failed)` → a, b, c). */
export function dependsNames(expression: string): string[] {
  const names = new Set<string>();
  for (const token of expression.match(/[A-Za-z0-9_-]+(?:\.[A-Za-z]+)?/g) ?? []) {
    names.add(token.split('.')[0] ?? token);
  }
  return [...names];
}

export function planFromWorkflow(workflow: Obj, rootName: string): SimTaskSpec[] {
  const spec = isObj(workflow.spec) ? workflow.spec : {};
  const templates = new Map<string, Obj>();
  for (const template of Array.isArray(spec.templates) ? spec.templates : []) {
    if (isObj(template) && typeof template.name === 'string') templates.set(template.name, template);
  }
  const plan: SimTaskSpec[] = [];
  const podOf = (template: Obj | undefined): Partial<SimTaskSpec> => {
    const container = isObj(template?.container) ? template.container : isObj(template?.script) ? template.script : undefined;
    const image = typeof container?.image === 'string' ? container.image : undefined;
    const env = Array.isArray(container?.env) ? (container.env as { name: string; value: string }[]) : undefined;
    const command = [...strings(container?.command), ...strings(container?.args)];
    const duration = durationOf(env);
    return {
      kind: 'pod',
      failMode: failModeOfImage(image),
      ...(image !== undefined ? { image } : {}),
      ...(command.length ? { command } : {}),
      ...(duration !== undefined ? { durationMs: duration } : {}),
    };
  };
  const expand = (templateName: string, id: string, name: string, parentId: string | undefined, deps: string[], depth: number): void => {
    const template = templates.get(templateName);
    const base = { id, name, deps, runsAfterFailure: false, template: templateName, ...(parentId !== undefined ? { parentId } : {}) };
    const dag = isObj(template?.dag) ? template.dag : undefined;
    const steps = Array.isArray(template?.steps) ? template.steps : undefined;
    if ((!dag && !steps) || depth > 20) {
      plan.push({ ...base, failMode: 'never', ...podOf(template) } as SimTaskSpec);
      return;
    }
    plan.push({ ...base, kind: 'dag', failMode: 'never' });
    if (dag) {
      for (const task of Array.isArray(dag.tasks) ? dag.tasks : []) {
        if (!isObj(task) || typeof task.name !== 'string') continue;
        const names = typeof task.depends === 'string' ? dependsNames(task.depends) : strings(task.dependencies);
        const child = `${id}.${task.name}`;
        expand(String(task.template ?? ''), child, task.name, id, names.map((n) => `${id}.${n}`), depth + 1);
      }
      return;
    }
    let previous: string[] = [];
    (steps ?? []).forEach((group) => {
      const current: string[] = [];
      for (const step of Array.isArray(group) ? group : [group]) {
        if (!isObj(step) || typeof step.name !== 'string') continue;
        const child = `${id}.${step.name}`;
        expand(String(step.template ?? ''), child, step.name, id, previous, depth + 1);
        current.push(child);
      }
      previous = current;
    });
  };
  expand(String(spec.entrypoint ?? ''), rootName, rootName, undefined, [], 0);
  return plan;
}

/** The plan of what a KFP run executes: an IR, or an Argo Workflow for a v1 pipeline. */
export function planFromPipelineSpec(spec: Obj): SimTaskSpec[] {
  if (isArgoWorkflow(spec)) return planFromWorkflow(spec, 'root');
  return planFromIr(spec);
}
