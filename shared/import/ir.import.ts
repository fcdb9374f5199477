// KFP v2 IR (a PipelineSpec, optionally followed by a PlatformSpec) → a PipelineDocument that recompiles to the
// same IR: components keyed by their IR names without `comp-`, tasks and groups by their IR task names,
// arguments as edges, Kubernetes settings as task options, laid out automatically.
import { KfsError } from '../errors/codes';
import type { Location } from '../errors/codes';
import type { Argument, ComponentSpec, PipelineDocument, Resources, TaskOptions } from '../model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../model/document';
import { nameRecord, own } from '../names/names';
import { readIrDocuments } from '../ir/ir-documents.read';
import { loadYamlDocuments } from '../yaml/safe-load';
import { DagImporter } from './ir-dag.import';
import { componentFromIr } from './ir-executor.import';
import { layoutGraph } from './ir-layout';
import { optionsFromKubernetes, pipelineConfigFromIr } from './ir-platform.import';
import type { IrMap } from './ir-ports.import';
import { isMap, mapAt, portsFrom } from './ir-ports.import';
import { PIPELINE_NAME } from '../validate/rules/names.rule';
import type { Scope } from './ir-refs.import';

export interface ImportIrOptions {
  file?: string;
}

const SPEC_FIELDS = new Set(['components', 'deploymentSpec', 'pipelineInfo', 'root', 'schemaVersion', 'sdkVersion', 'defaultPipelineRoot']);
const COMPONENT_FIELDS = new Set(['executorLabel', 'dag', 'inputDefinitions', 'outputDefinitions']);

function keyOf(irName: string): string {
  return irName.startsWith('comp-') ? irName.slice('comp-'.length) : irName;
}

export function importIrObjects(docs: readonly unknown[], options: ImportIrOptions = {}): PipelineDocument {
  const where: Location = options.file !== undefined ? { file: options.file } : {};
  const { pipelineSpec: spec, platformSpec: platform } = readIrDocuments(docs, options);
  if (spec.schemaVersion !== '2.1.0') {
    throw new KfsError('KFS610', `IR schemaVersion "${String(spec.schemaVersion)}" is not supported (expected 2.1.0).`, { ...where, field: 'schemaVersion' });
  }
  for (const key of Object.keys(spec)) {
    if (!SPEC_FIELDS.has(key)) throw new KfsError('KFS612', `PipelineSpec field "${key}" is not supported.`, { ...where, field: key });
  }
  const name = spec.pipelineInfo.name;
  if (typeof name !== 'string' || !PIPELINE_NAME.test(name)) {
    throw new KfsError('KFS301', `pipelineInfo.name "${String(name)}" is not a name the KFP server accepts: lower-case letters, digits and "-", starting with a letter or digit, at most 128 characters.`, { ...where, field: 'pipelineInfo.name' });
  }
  let kubernetes: IrMap = {};
  if (platform !== undefined) {
    if (!isMap(platform) || !isMap(platform.platforms)) throw new KfsError('KFS610', 'The second document is not a PlatformSpec.', where);
    for (const key of Object.keys(platform.platforms)) {
      if (key !== 'kubernetes') throw new KfsError('KFS612', `Platform "${key}" is not supported.`, where);
    }
    kubernetes = mapAt(platform.platforms.kubernetes, 'platforms.kubernetes', where);
    for (const key of Object.keys(kubernetes)) {
      if (key !== 'deploymentSpec' && key !== 'pipelineConfig') throw new KfsError('KFS612', `Platform field "${key}" is not supported.`, where);
    }
  }
  const irComponents = mapAt(spec.components, 'components', where);
  const executors = mapAt(mapAt(spec.deploymentSpec, 'deploymentSpec', where).executors, 'deploymentSpec.executors', where);
  const k8sExecutors = mapAt(mapAt(kubernetes.deploymentSpec, 'deploymentSpec', where).executors, 'executors', where);
  const components = nameRecord<ComponentSpec>();
  const building = new Set<string>();

  const created = new Map<string, { key: string; component: ComponentSpec; resources?: Resources }>();

  /** The model component of an IR component (made once, shared when several tasks use it) and this task's options. */
  const componentFor = (irName: string, at: Location, resolve: (ref: unknown, scope: Scope) => Argument, scope: Scope) => {
    const irComponent = own(irComponents, irName);
    if (!isMap(irComponent)) throw new KfsError('KFS611', `Component "${irName}" is not defined.`, at);
    const key = keyOf(irName);
    const cwhere = { ...at, component: key };
    for (const field of Object.keys(irComponent)) {
      if (!COMPONENT_FIELDS.has(field)) throw new KfsError('KFS612', `Component field "${field}" is not supported.`, { ...cwhere, field });
    }
    let entry = created.get(irName);
    if (!entry) {
      if (isMap(irComponent.dag)) {
        if (building.has(irName)) throw new KfsError('KFS610', `Component "${irName}" contains itself.`, cwhere);
        building.add(irName);
        const inputs = portsFrom(irComponent.inputDefinitions, true, cwhere);
        const outputs = portsFrom(irComponent.outputDefinitions, false, cwhere);
        const graph = importGraph(irComponent, inputs, outputs, { ...where, graph: key });
        building.delete(irName);
        entry = { key, component: { name: key, inputs, outputs, implementation: { kind: 'graph', graph }, source: { kind: 'ir' } } };
      } else {
        const label = irComponent.executorLabel;
        const executor = typeof label === 'string' ? own(executors, label) : undefined;
        if (!isMap(executor)) throw new KfsError('KFS611', `Executor "${String(label)}" of ${irName} is not defined.`, cwhere);
        entry = { key, ...componentFromIr(key, irComponent, executor, cwhere) };
      }
      created.set(irName, entry);
      components[key] = entry.component;
    }
    const options: TaskOptions = entry.resources ? { resources: entry.resources } : {};
    const label = irComponent.executorLabel;
    const k8s = typeof label === 'string' ? own(k8sExecutors, label) : undefined;
    if (isMap(k8s)) Object.assign(options, optionsFromKubernetes(k8s, (ref) => resolve(ref, scope), cwhere));
    return { key, component: entry.component, options };
  };

  function importGraph(owner: IrMap, inputs: ReturnType<typeof portsFrom>, outputs: ReturnType<typeof portsFrom>, gwhere: Location) {
    const importer: DagImporter = new DagImporter(
      {
        components: irComponents,
        componentFor: (irName, at, resolve, scope) => componentFor(irName, at, resolve, scope),
      },
      gwhere,
    );
    const graph = importer.importGraph(owner, inputs, outputs);
    layoutGraph(graph, components);
    return graph;
  }

  const inputs = portsFrom(spec.root.inputDefinitions, true, where);
  const outputs = portsFrom(spec.root.outputDefinitions, false, where);
  const graph = importGraph(spec.root, inputs, outputs, where);
  const doc: PipelineDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, graph, components };
  if (typeof spec.pipelineInfo.displayName === 'string') doc.displayName = spec.pipelineInfo.displayName;
  if (typeof spec.pipelineInfo.description === 'string') doc.description = spec.pipelineInfo.description;
  if (typeof spec.defaultPipelineRoot === 'string') doc.defaultPipelineRoot = spec.defaultPipelineRoot;
  if (kubernetes.pipelineConfig !== undefined) Object.assign(doc, pipelineConfigFromIr(kubernetes.pipelineConfig, where));
  return doc;
}

export function importIr(text: string, options: ImportIrOptions = {}): PipelineDocument {
  return importIrObjects(loadYamlDocuments(text, options.file !== undefined ? { file: options.file } : {}), options);
}
