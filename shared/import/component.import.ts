// Imports a KFP component file: the v1 `component.yaml` format (container or graph implementation) or a KFP v2
// component YAML (the IR of one compiled component). Every refusal is a KfsError naming the construct and place.
import type { ComponentSource, ComponentSpec } from '../model/document';
import { KfsError } from '../errors/codes';
import { nameRecord, own, refuseReservedKeys } from '../names/names';
import { loadYamlDocuments } from '../yaml/safe-load';
import { renameForK8s } from '../types/v1-types';
import type { Dict, ImportContext } from './component-shape';
import { describeValue, isDict, refuse } from './component-shape';
import { importV1Container, plainPorts, readHeader, unusedV1Keys } from './component-v1.import';
import { importV1Graph } from './component-graph.import';
import { descriptionFromComments, importIrComponent } from './component-ir.import';

export interface ImportedComponent {
  /** Kebab-case id derived from the name, like the SDK's `comp-<name>` without the prefix. */
  id: string;
  component: ComponentSpec;
  /** The root and any components its graph implementation needs, keyed by id. */
  components: { [id: string]: ComponentSpec };
}

export interface ImportComponentOptions {
  /** Named in error locations. */
  file?: string;
  /** Set on the root component when given. */
  source?: ComponentSource;
  /** Default DEFAULT_MAX_COMPONENT_BYTES. */
  maxBytes?: number;
  /** Resolves graph tasks' `componentRef.url` (see `componentUrlsIn`); without it such a task is refused (KFS414). */
  resolveUrl?: (url: string) => unknown;
}

function contextOf(options: { file?: string; resolveUrl?: (url: string) => unknown }): ImportContext {
  return { ...(options.file !== undefined ? { file: options.file } : {}), ...(options.resolveUrl ? { resolveUrl: options.resolveUrl } : {}) };
}

const MAX_NESTING = 20;

/**
 * Real component files are small (the largest of the KFP repository's is about 40 KB); a cap far below the 32 MiB
 * upload limit means a big junk file is refused at once instead of being parsed for seconds.
 */
export const DEFAULT_MAX_COMPONENT_BYTES = 2 * 1024 * 1024;

class Registry {
  readonly components = nameRecord<ComponentSpec>();

  /** The id for this spec: the base id if free or already holding the same spec, else the base with a number. */
  add(base: string, spec: ComponentSpec): string {
    const text = JSON.stringify(spec);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const existing = this.components[id];
      if (existing === undefined) {
        this.components[id] = spec;
        return id;
      }
      if (JSON.stringify(existing) === text) return id;
    }
  }
}

function isIr(root: Dict): boolean {
  return 'pipelineInfo' in root || 'deploymentSpec' in root || ('root' in root && 'components' in root);
}

/** Imports one component into the registry; refusals name fields relative to this component's own mapping. */
function importInto(value: unknown, ctx: ImportContext, registry: Registry, depth: number, irDescription?: string): string {
  if (!isDict(value)) {
    return refuse('KFS411', `This is not a component specification: it holds ${describeValue(value)}, not a mapping with \`name\` and \`implementation\`.`, ctx);
  }
  if (depth > MAX_NESTING) return refuse('KFS414', `Graph components are nested more than ${MAX_NESTING} deep.`, ctx);
  let spec: ComponentSpec;
  if (!('implementation' in value)) {
    if (!isIr(value)) {
      return refuse('KFS411', 'This is not a component specification: it has no `implementation` (v1 component) and no `deploymentSpec` (KFP v2 component).', ctx);
    }
    spec = importIrComponent(value, ctx, irDescription);
  } else {
    const header = readHeader(value, ctx);
    const inner: ImportContext = { ...ctx, component: header.name };
    const implementation = value['implementation'];
    if (!isDict(implementation)) {
      return refuse('KFS414', `\`implementation\` must be a mapping with \`container\` or \`graph\`, not ${describeValue(implementation)}.`, inner, { field: 'implementation' });
    }
    const container = implementation['container'];
    const graph = implementation['graph'];
    if (isDict(container) && graph === undefined) {
      spec = importV1Container(header, container, inner);
      const unused = unusedV1Keys(value, container);
      if (unused.length) spec = { ...spec, unusedKeys: unused };
    } else if (isDict(graph) && container === undefined) {
      spec = importV1Graph(
        header,
        plainPorts(header, inner),
        graph,
        inner,
        (child, childCtx, childField) => importNested(child, childCtx, registry, depth + 1, childField),
        (id) => own(registry.components, id),
      );
    } else {
      const kinds = Object.keys(implementation);
      return refuse(
        'KFS414',
        `Unsupported implementation ${kinds.length ? kinds.map((k) => `\`${k}\``).join(' + ') : '(empty)'}; a component is implemented by one \`container\` or one \`graph\`.`,
        inner,
        { field: 'implementation' },
      );
    }
  }
  return registry.add(renameForK8s(spec.name) || 'component', spec);
}

/** A refusal inside an inline child names its place from the top of the file, and the outer component. */
function importNested(value: unknown, ctx: ImportContext, registry: Registry, depth: number, field: string): string {
  try {
    return importInto(value, contextOf(ctx), registry, depth);
  } catch (error) {
    if (!(error instanceof KfsError)) throw error;
    const inner = error.location.field;
    throw new KfsError(error.code, error.message, {
      ...error.location,
      ...(ctx.component !== undefined ? { component: ctx.component } : {}),
      field: inner ? `${field}.${inner}` : field,
    });
  }
}

/** Imports an already-parsed component (a v1 component mapping or a v2 IR PipelineSpec). */
export function importComponentObject(value: unknown, options: ImportComponentOptions = {}, irDescription?: string): ImportedComponent {
  const ctx = contextOf(options);
  refuseReservedKeys(value, ctx);
  const registry = new Registry();
  const id = importInto(value, ctx, registry, 0, irDescription);
  let component = registry.components[id] as ComponentSpec;
  if (options.source) {
    component = { ...component, source: options.source };
    registry.components[id] = component;
  }
  return { id, component, components: registry.components };
}

/** Parses and imports a component file's text. A second YAML document (an IR PlatformSpec) is ignored, as the SDK does. */
export function importComponentYaml(text: string, options: ImportComponentOptions = {}): ImportedComponent {
  const docs = loadYamlDocuments(text, {
    ...(options.file !== undefined ? { file: options.file } : {}),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_COMPONENT_BYTES,
  });
  const ctx: ImportContext = options.file !== undefined ? { file: options.file } : {};
  if (docs.length === 0 || (docs.length === 1 && (docs[0] === null || docs[0] === undefined))) {
    refuse('KFS411', 'The file is empty: a component needs `name` and `implementation`.', ctx);
  }
  if (docs.length > 2) refuse('KFS411', `Expected one or two YAML documents in a component file, found ${docs.length}.`, ctx);
  return importComponentObject(docs[0], options, descriptionFromComments(text));
}
