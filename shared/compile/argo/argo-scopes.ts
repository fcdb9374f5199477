// How a graph's groups map onto Argo DAG templates ("scopes"): the graph's own DAG, one per parallelFor and exit
// handler group, and one per branch of a condition (an if/elif/else's branches are sibling DAG tasks, each with its
// own `when`). Each scope but the top is one DAG task in its parent scope.
import { KfsError } from '../../errors/codes';
import type { Location } from '../../errors/codes';
import type { Group, JsonValue, PipelineGraph } from '../../model/document';
import { byCodeUnit } from '../ir-structure';
import type { ArgoNames } from './argo-names';
import { own } from '../../names/names';

export const TOP = '';

export interface ScopeInput {
  name: string;
  artifact: boolean;
  /** The value the DAG task in the parent scope passes. */
  outer: string;
  /** `outer` is an Argo expression (an artifact then goes in `fromExpression`). */
  expression: boolean;
  /** A loop's item (or a field of it): set by the loop's own iteration, not by the parent. */
  item?: boolean;
}

export interface ScopeOutput {
  name: string;
  artifact: boolean;
  /** The value inside the scope: `{{tasks.x.outputs.parameters.y}}`, or an expression. */
  inner: string;
  expression: boolean;
}

export interface Scope {
  key: string;
  kind: 'top' | 'loop' | 'exit' | 'branch';
  group?: Group;
  branchIndex?: number;
  parent?: string;
  /** The DAG task that runs this scope, in the parent scope. */
  node: string;
  template: string;
  inputs: Map<string, ScopeInput>;
  outputs: Map<string, ScopeOutput>;
  /** Names taken among this template's inputs and among its outputs. */
  inputNames: ArgoNames;
  outputNames: ArgoNames;
  /** A loop with a parallelism limit runs its iterations from a wrapper DAG template that carries the limit. */
  wrapper?: { template: string; parallelism: number; itemsInput?: string; items?: JsonValue[] };
}

export class GraphScopes {
  readonly scopes = new Map<string, Scope>();
  /** Group or branch id → the scope holding its members (undefined: a condition of several branches). */
  private readonly containers = new Map<string, string | undefined>();

  constructor(
    readonly graph: PipelineGraph,
    private readonly where: Location,
    makeScope: (key: string, kind: Scope['kind'], group?: Group, branchIndex?: number) => Scope,
  ) {
    this.scopes.set(TOP, makeScope(TOP, 'top'));
    for (const id of Object.keys(graph.groups).sort(byCodeUnit)) {
      const group = own(graph.groups, id) as Group;
      if (group.kind === 'condition') {
        if (group.branches.length === 0) throw new KfsError('KFS106', `Condition ${id} has no branches.`, { ...where, group: id });
        group.branches.forEach((branch, index) => {
          this.scopes.set(branch.id, makeScope(branch.id, 'branch', group, index));
          this.containers.set(branch.id, branch.id);
        });
        this.containers.set(id, group.branches.length === 1 ? group.branches[0]?.id : undefined);
      } else {
        this.scopes.set(id, makeScope(id, group.kind === 'parallelFor' ? 'loop' : 'exit', group));
        this.containers.set(id, id);
      }
    }
    for (const scope of this.scopes.values()) {
      if (scope.group) scope.parent = this.containerOf(scope.group.parent, { group: scope.group.id });
    }
    for (const key of this.scopes.keys()) this.path(key);
  }

  /** The scope holding members whose `parent` is `parentId`. */
  containerOf(parentId: string | undefined, at: Location): string {
    if (parentId === undefined) return TOP;
    if (!this.containers.has(parentId)) {
      throw new KfsError('KFS106', `Parent "${parentId}" is not a group or condition branch of this graph.`, { ...this.where, ...at });
    }
    const container = this.containers.get(parentId);
    if (container === undefined) {
      throw new KfsError('KFS620', `"${parentId}" has several branches: place the step in one of its branches.`, { ...this.where, ...at });
    }
    return container;
  }

  get(key: string): Scope {
    const scope = this.scopes.get(key);
    if (!scope) throw new KfsError('KFS620', `Unknown group "${key}".`, this.where);
    return scope;
  }

  /** Scope keys from the top down to `key`, inclusive. */
  path(key: string): string[] {
    const path: string[] = [];
    for (let current: string | undefined = key; current !== undefined; current = this.scopes.get(current)?.parent) {
      if (path.includes(current)) throw new KfsError('KFS601', `Groups nest in a cycle through "${current}".`, { ...this.where, group: current });
      path.unshift(current);
    }
    return path;
  }

  /** The scopes a group id or branch id stands for, as DAG nodes (a condition of several branches: all of them). */
  scopesOfId(id: string): string[] {
    const group = own(this.graph.groups, id);
    if (group?.kind === 'condition') return group.branches.map((b) => b.id);
    return this.scopes.has(id) && id !== TOP ? [id] : [];
  }
}
