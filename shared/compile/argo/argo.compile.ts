// PipelineDocument → an Argo `Workflow` in the KFP v1 style (what the KFP v1 backend runs, and plain Argo too).
//
// Supported, and where it lands:
// - pipeline parameters → `spec.arguments.parameters` (default → `value`, literals → `enum`), read anywhere as
//   `{{workflow.parameters.x}}`; a nested pipeline's inputs → its DAG template's inputs.
// - each container / script / importer step → one template; KFP placeholders rewritten (argo-placeholders.ts):
//   parameters `{{inputs.parameters.x}}`, input artifacts `/tmp/inputs/x/data`, outputs `/tmp/outputs/x/data`
//   (`outputs.parameters[].valueFrom.path`, `outputs.artifacts[].path`), `{{$}}` as an ExecutorInput JSON
//   (argo-executor-input.ts), IfPresent decided at compile time. Scripts use the IR compiler's launcher.
// - the pipeline, each loop, each condition branch, each exit handler and each nested pipeline → a DAG template;
//   data and `after` edges → `dependencies` between the DAG tasks that differ in the DAG both share.
// - if / elif / else → one DAG task per branch with `when` (earlier branches negated); oneOf → an expression picking
//   the branch that succeeded; parallelFor → `withItems` / `withParam` with `{{item}}` / `{{item.field}}`, a
//   parallelism limit on a wrapper DAG template; collected parameters → Argo's aggregated JSON list.
// - a top-level exit handler → `spec.onExit` (the final status from `{{workflow.status}}`); a nested one → an exit
//   hook (`hooks.exit`) on the group's DAG task. ignoreUpstreamFailure → `depends` on any outcome, `failFast: false`.
// - retries → `retryStrategy` (limit, backoff duration / factor / maxDuration, policy Always); resources →
//   container `resources` (an accelerator under its resource name in limits); env, secrets and config maps (as env or
//   volumes, names possibly taken from values), PVCs, empty dirs, field-path env, node selector, tolerations, image pull
//   policy, pod labels and annotations (template `metadata`), per-step deadline; image pull secrets → the workflow's
//   (Argo has no per-template ones); the workspace → a `volumeClaimTemplates` claim mounted at /kfp-workspace;
//   run settings → `activeDeadlineSeconds` and `ttlStrategy`.
// Left out, as Argo has no equivalent: caching and cache keys (every run runs every step), `defaultPipelineRoot` (the
// cluster's artifact repository decides), importer metadata / reimport / downloadToWorkspace.
// Artifact pipeline inputs → the Workflow's argument artifacts; resources taken from values → the template's
// `podSpecPatch`, filled from its inputs.
// Refused with a KFS62x error: gathering a loop's artifacts, artifact URIs or metadata inside a container, importers
// whose URI is not a constant gs:// / s3:// / http(s):// URI, accelerators not named as Kubernetes resources, a nested exit step receiving the final status or taking step outputs,
// an exit step that other steps use, an empty pipeline or group, more than 200 tasks in one DAG.
import { KfsError } from '../../errors/codes';
import type { PipelineDocument, PortSpec, Task } from '../../model/document';
import { WORKSPACE_VOLUME } from './argo-container.compile';
import { ArgoGraphCompiler } from './argo-graph.compile';
import type { WorkflowContext } from './argo-graph.compile';
import { ArgoNames, argoNodeName, argoParamName } from './argo-names';
import type { ArgoObject } from './argo-types';
import { constantText } from './argo-values';

export interface ArgoCompileOptions {
  namespace?: string;
  serviceAccount?: string;
}

function workflowParameters(inputs: readonly PortSpec[]): ArgoObject[] {
  const taken = new Set<string>();
  const parameters: ArgoObject[] = [];
  for (const port of inputs) {
    const name = argoParamName(port.name);
    if (taken.has(name)) {
      throw new KfsError('KFS302', `Pipeline parameters ${port.name} and another become the same Argo name "${name}".`, { parameter: port.name });
    }
    taken.add(name);
    if (port.type.kind === 'artifact') continue;
    const param: ArgoObject = { name };
    if (port.default !== undefined) param.value = constantText(port.default);
    else if (port.optional) param.value = '';
    if (port.literals?.length) param.enum = port.literals.map(constantText);
    if (port.description !== undefined) param.description = port.description;
    parameters.push(param);
  }
  return parameters;
}

/** Tasks of every graph (nested pipelines included), for workflow-wide settings. */
function allTasks(doc: PipelineDocument): Task[] {
  const tasks: Task[] = [...Object.values(doc.graph.tasks)];
  for (const component of Object.values(doc.components)) {
    if (component.implementation.kind === 'graph') tasks.push(...Object.values(component.implementation.graph.tasks));
  }
  return tasks;
}

/** The pipeline's description and parameters, as the KFP v1 SDK recorded them for the KFP UI. */
function pipelineSpecAnnotation(doc: PipelineDocument): string {
  const spec: ArgoObject = { name: doc.displayName ?? doc.name };
  if (doc.description !== undefined) spec.description = doc.description;
  spec.inputs = doc.graph.inputs.map((p) => ({
    name: p.name,
    type: p.type.kind === 'parameter' ? p.type.type : p.type.schemaTitle,
    ...(p.default !== undefined ? { default: constantText(p.default) } : {}),
    ...(p.optional ? { optional: true } : {}),
  }));
  return JSON.stringify(spec);
}

/**
 * Artifact pipeline inputs as the Workflow's argument artifacts, which Argo hands to the entrypoint DAG's inputs. Argo
 * needs a location for each: a key in the cluster's default artifact repository (`inputs/<pipeline>/<input>`), where
 * the file is put before the run or which the submitter points elsewhere; an optional input may be absent.
 */
function workflowArtifacts(doc: PipelineDocument): ArgoObject[] {
  return doc.graph.inputs
    .filter((port) => port.type.kind === 'artifact')
    .map((port) => {
      const name = argoParamName(port.name);
      return { name, s3: { key: `inputs/${argoNodeName(doc.name)}/${name}` }, ...(port.optional ? { optional: true } : {}) };
    });
}

export function compileToArgo(doc: PipelineDocument, options: ArgoCompileOptions = {}): ArgoObject {
  if (!doc.name) throw new KfsError('KFS301', 'The pipeline needs a name.', { field: 'name' });
  const ctx: WorkflowContext = { doc, templates: [], templateNames: new ArgoNames(), stack: [] };
  const parameters = workflowParameters(doc.graph.inputs);
  const root = new ArgoGraphCompiler(ctx, doc.graph, undefined, '', undefined).compile(doc.graph.outputs);

  const metadata: ArgoObject = { generateName: `${argoNodeName(doc.name)}-` };
  if (options.namespace !== undefined) metadata.namespace = options.namespace;
  metadata.annotations = { 'pipelines.kubeflow.org/pipeline_spec': pipelineSpecAnnotation(doc) };
  metadata.labels = { 'kfp-studio/pipeline': argoNodeName(doc.name) };

  const spec: ArgoObject = { entrypoint: root.template };
  const artifacts = workflowArtifacts(doc);
  if (parameters.length || artifacts.length) spec.arguments = { ...(parameters.length ? { parameters } : {}), ...(artifacts.length ? { artifacts } : {}) };
  if (options.serviceAccount !== undefined) spec.serviceAccountName = options.serviceAccount;
  if (ctx.onExit) spec.onExit = ctx.onExit;
  const pullSecrets = [...new Set(allTasks(doc).flatMap((t) => t.options.imagePullSecrets ?? []))].sort();
  // Argo sets image pull secrets for the whole workflow only: every pod gets the union of the tasks' secrets.
  if (pullSecrets.length) spec.imagePullSecrets = pullSecrets.map((name) => ({ name }));
  const run = doc.runSettings;
  if (run?.activeDeadlineSeconds !== undefined) spec.activeDeadlineSeconds = run.activeDeadlineSeconds;
  const ttl: ArgoObject = {};
  if (run?.resourceTtlOnCompletion !== undefined) ttl.secondsAfterCompletion = run.resourceTtlOnCompletion;
  if (run?.resourceTtlOnSuccess !== undefined) ttl.secondsAfterSuccess = run.resourceTtlOnSuccess;
  if (run?.resourceTtlOnFailure !== undefined) ttl.secondsAfterFailure = run.resourceTtlOnFailure;
  if (Object.keys(ttl).length) spec.ttlStrategy = ttl;
  if (doc.workspace) {
    const claim: ArgoObject = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: doc.workspace.size } }, ...(doc.workspace.pvcSpecPatch ?? {}) };
    spec.volumeClaimTemplates = [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: WORKSPACE_VOLUME }, spec: claim }];
  }
  spec.templates = ctx.templates;
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata, spec };
}
