// Checks a compiled KFP v2 IR file the way the KFP 2.x backend reads it: strict protobuf JSON decoding of the
// PipelineSpec, the optional PlatformSpec and each Kubernetes executor config, the backend's own rules, and
// reference integrity between the parts.
import { existsSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import protobuf from 'protobufjs';
import { KfsError } from '../../shared/errors/codes';
import { irDescriptorPath } from './ir-check.paths';
import { keyPath } from './ir-check.path';
import { checkReferences, pick } from './ir-refs.check';
import { ProtoJsonDecoder } from './proto-json.decode';
import { isPlainObject } from './proto-json.scalar';
import { PIPELINE_NAME } from '../../shared/validate/rules/names.rule';

export interface IrProblem {
  /** Dotted path into the document, such as `components.comp-train.executorLabel`; '' for the whole file. */
  path: string;
  message: string;
}

export interface IrChecker {
  checkYaml(text: string): IrProblem[];
  checkDocuments(docs: unknown[]): IrProblem[];
}

const SCHEMA_VERSION = '2.1.0';
// Anchored, as the rule is documented; the backend's regexp.MatchString is unanchored and so lets more through.

class StrictIrChecker implements IrChecker {
  constructor(private readonly decoder: ProtoJsonDecoder) {}

  checkYaml(text: string): IrProblem[] {
    let docs: unknown[];
    try {
      // CORE_SCHEMA: plain JSON-like values only (no timestamps or binary), as the backend's YAML-to-JSON step sees them.
      docs = yaml.loadAll(text, null, { schema: yaml.CORE_SCHEMA });
    } catch (error) {
      const message = error instanceof yaml.YAMLException ? error.message : String(error);
      return [{ path: '', message: `not valid YAML: ${message}` }];
    }
    return this.checkDocuments(docs);
  }

  checkDocuments(docs: unknown[]): IrProblem[] {
    const problems: IrProblem[] = [];
    const report = (path: string, message: string): void => {
      problems.push({ path, message });
    };
    // The backend skips empty documents (a lone `---`, or a file of comments).
    const present = docs.filter((doc) => doc !== null && doc !== undefined);
    const [spec, platform, ...extra] = present;
    if (spec === undefined) {
      report('', 'no PipelineSpec: the file holds no YAML document');
      return problems;
    }
    this.decoder.decode('ml_pipelines.PipelineSpec', spec, '', report);
    // deploymentSpec is a Struct in PipelineSpec; the backend reads it again as a PipelineDeploymentConfig. The backend
    // tolerates unknown fields there (jsonpb AllowUnknownFields); this checker does not, so our output stays clean.
    const deployment = pick(spec, 'deploymentSpec');
    if (deployment) this.decoder.decode('ml_pipelines.PipelineDeploymentConfig', deployment.value, deployment.key, report);
    checkBackendRules(spec, report);

    if (platform !== undefined) {
      this.decoder.decode('ml_pipelines.PlatformSpec', platform, '', report);
      this.checkKubernetesExecutors(platform, report);
    }
    extra.forEach((_doc, i) => report('', `document ${i + 3}: a file holds at most two YAML documents (a PipelineSpec, then a PlatformSpec)`));
    checkReferences(spec, platform, report);
    return problems;
  }

  // The PlatformSpec holds each executor config as a google.protobuf.Struct; the backend decodes it again as its real type.
  private checkKubernetesExecutors(platform: unknown, report: (path: string, message: string) => void): void {
    const platforms = pick(platform, 'platforms');
    const kubernetes = pick(platforms?.value, 'kubernetes');
    const deployment = pick(kubernetes?.value, 'deploymentSpec');
    const executors = pick(deployment?.value, 'executors');
    if (!platforms || !kubernetes || !deployment || !executors || !isPlainObject(executors.value)) return;
    const base = [platforms.key, kubernetes.key, deployment.key, executors.key].reduce(keyPath, '');
    for (const [name, config] of Object.entries(executors.value)) {
      if (isPlainObject(config)) this.decoder.decode('kfp_kubernetes.KubernetesExecutorConfig', config, keyPath(base, name), report);
    }
  }
}

function checkBackendRules(spec: unknown, report: (path: string, message: string) => void): void {
  if (!isPlainObject(spec)) return;
  const version = pick(spec, 'schemaVersion');
  if (version?.value !== SCHEMA_VERSION) {
    report(version?.key ?? 'schemaVersion', `KFP only accepts schemaVersion "${SCHEMA_VERSION}", got ${version ? JSON.stringify(version.value) : 'none'}`);
  }
  const info = pick(spec, 'pipelineInfo');
  const name = pick(info?.value, 'name');
  const namePath = keyPath(info?.key ?? 'pipelineInfo', name?.key ?? 'name');
  if (typeof name?.value !== 'string' || name.value === '') report(namePath, 'the pipeline name is empty');
  else if (!PIPELINE_NAME.test(name.value)) {
    report(namePath, `pipeline name ${JSON.stringify(name.value)} must be lower case alphanumerics or '-', start with an alphanumeric and hold at most 128 characters`);
  }
  if (!pick(spec, 'root')) report('root', 'the root component is missing');
}

/** Reads the KFP IR descriptor (beside the repository, in ../shared/kfp) and returns a checker built on it. */
export function loadIrChecker(descriptorPath: string = irDescriptorPath): IrChecker {
  if (!existsSync(descriptorPath)) {
    throw new KfsError('KFS505', `The KFP IR descriptor is missing: expected ${descriptorPath} (the KFP reference data lives in ../shared/kfp beside the repository).`, { file: descriptorPath });
  }
  let root: protobuf.Root;
  try {
    root = protobuf.Root.fromJSON(JSON.parse(readFileSync(descriptorPath, 'utf8')) as protobuf.INamespace);
    root.resolveAll();
  } catch (error) {
    throw new KfsError('KFS505', `The KFP IR descriptor ${descriptorPath} could not be read: ${error instanceof Error ? error.message : String(error)}`, { file: descriptorPath });
  }
  return new StrictIrChecker(new ProtoJsonDecoder(root));
}
