// Names in the Argo Workflow. Templates and DAG tasks follow Argo's rule `^[a-zA-Z0-9][-a-zA-Z0-9]*$` (at most 128
// characters; we keep them lower case, as the KFP v1 compiler did, and short enough to combine); DAG task names do not
// start with a digit, which Argo refuses when tasks use `dependencies`. Parameter and artifact names follow
// `^[-a-zA-Z0-9_]+$`, so pipeline parameters keep their underscores (`project_id`), as KFP v1 kept them.
import { NameAllocator } from '../ir-names';

const MAX_NAME = 63;

/** A template or DAG task name: lower-case letters, digits and `-`, starting with a letter. */
export function argoNodeName(id: string): string {
  let name = id
    .toLowerCase()
    .replace(/[^-0-9a-z]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name === '') name = 'task';
  if (/^[0-9]/.test(name)) name = `t-${name}`;
  return name.length > MAX_NAME ? name.slice(0, MAX_NAME).replace(/-+$/, '') : name;
}

/** A parameter or artifact name: letters, digits, `_` and `-`; anything else becomes `-`. */
export function argoParamName(name: string): string {
  const clean = name.replace(/[^-0-9A-Za-z_]+/g, '-').slice(0, MAX_NAME);
  return clean === '' || /^-+$/.test(clean) ? 'value' : clean;
}

/** Unique names for one namespace (the templates of a workflow, the tasks of a DAG, the inputs of a template). */
export class ArgoNames {
  private readonly allocator = new NameAllocator();

  node(id: string): string {
    return this.allocator.unique(argoNodeName(id));
  }

  param(name: string): string {
    return this.allocator.unique(argoParamName(name));
  }
}

/** Port name → Argo parameter or artifact name, unique within one template's inputs (or outputs). */
export function ioNames(portNames: readonly string[]): Map<string, string> {
  const names = new ArgoNames();
  const out = new Map<string, string>();
  for (const port of portNames) out.set(port, names.param(port));
  return out;
}
