// KFP v2's whole executor input (`{{$}}`, what lightweight Python components read with `--executor_input`) written for
// Argo: the ExecutorInput JSON with Argo's own references inside. Parameter values are JSON (a string through
// `sprig.toJson`, other types as their text, which is already JSON); artifact URIs are the local files Argo fills and
// collects (the KFP SDK reads a URI without a remote scheme as a path). Return values, which the SDK writes to the
// executor output file rather than to each output's file, are copied to those files after the step by a small launcher.
import type { ComponentSpec, KfpType } from '../../model/document';
import { EXECUTOR_OUTPUT_FILE, inputArtifactPath, outputPath } from './argo-placeholders';

const EXECUTOR_OUTPUT_DIR = EXECUTOR_OUTPUT_FILE.slice(0, EXECUTOR_OUTPUT_FILE.lastIndexOf('/'));

type Ports = { inputs: Map<string, { name: string; artifact: boolean }>; outputs: Map<string, { name: string; artifact: boolean }> };

function typeOf(component: ComponentSpec, port: string, output: boolean): KfpType | undefined {
  return (output ? component.outputs : component.inputs).find((p) => p.name === port)?.type;
}

function artifactJson(port: string, type: KfpType | undefined, uri: string): object {
  const schema = type?.kind === 'artifact' ? { schemaTitle: type.schemaTitle, ...(type.schemaVersion ? { schemaVersion: type.schemaVersion } : {}) } : { schemaTitle: 'system.Artifact' };
  return { artifacts: [{ metadata: {}, name: port, type: schema, uri }] };
}

export function executorInputText(component: ComponentSpec, ports: Ports): string {
  const raw: string[] = [];
  const token = (text: string) => `@@kfp-argo-${raw.push(text) - 1}@@`;
  const parameterValues: { [name: string]: string } = {};
  const inArtifacts: { [name: string]: object } = {};
  for (const [port, { name, artifact }] of ports.inputs) {
    const type = typeOf(component, port, false);
    if (artifact) inArtifacts[port] = artifactJson(port, type, inputArtifactPath(name));
    else if (type?.kind === 'parameter' && type.type === 'STRING') parameterValues[port] = token(`{{=sprig.toJson(inputs.parameters['${name}'])}}`);
    else parameterValues[port] = token(`{{inputs.parameters.${name}}}`);
  }
  const outParameters: { [name: string]: object } = {};
  const outArtifacts: { [name: string]: object } = {};
  for (const [port, { name, artifact }] of ports.outputs) {
    if (artifact) outArtifacts[port] = artifactJson(port, typeOf(component, port, true), outputPath(name));
    else outParameters[port] = { outputFile: outputPath(name) };
  }
  const json = JSON.stringify({
    inputs: { artifacts: inArtifacts, parameterValues },
    outputs: { artifacts: outArtifacts, outputFile: EXECUTOR_OUTPUT_FILE, parameters: outParameters },
  });
  return json.replace(/"@@kfp-argo-(\d+)@@"/g, (_, i: string) => raw[Number(i)] as string);
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

/**
 * The command that runs the step's own command (`"$@"`), then copies the output parameters found in the executor output
 * file to the files Argo collects. Output folders are made first, as the KFP v2 launcher makes them.
 */
export function withExecutorOutputLauncher(command: string[], ports: Ports): string[] {
  const files: { [port: string]: string } = {};
  const dirs = [EXECUTOR_OUTPUT_DIR];
  for (const [port, { name, artifact }] of ports.outputs) {
    dirs.push(`/tmp/outputs/${name}`);
    if (!artifact) files[port] = outputPath(name);
  }
  const copy = [
    'import json, os',
    `files = json.loads(${JSON.stringify(JSON.stringify(files))})`,
    `out = json.load(open(${JSON.stringify(EXECUTOR_OUTPUT_FILE)}))`,
    "for name, value in (out.get('parameterValues') or {}).items():",
    '    if name in files:',
    "        open(files[name], 'w').write(value if isinstance(value, str) else json.dumps(value))",
  ].join('\n');
  const script = [
    `mkdir -p ${dirs.join(' ')}`,
    '"$@"',
    `if [ -f ${EXECUTOR_OUTPUT_FILE} ]; then python3 -c ${shellQuote(copy)}; fi`,
    '',
  ].join('\n');
  return ['sh', '-ec', script, 'kfp-argo-launcher', ...command];
}
