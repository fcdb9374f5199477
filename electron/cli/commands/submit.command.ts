// `kfp-studio submit FILE --profile NAME [--param k=v ...] [--experiment NAME] [--version-of PIPELINE] [--wait]`:
// sends a pipeline to a cluster. FILE is a pipeline document (NAME.pipeline.json, compiled here), a compiled IR
// (.yaml/.json) or an archive (.tar.gz/.zip); for an Argo profile, a document or an Argo Workflow YAML. On KFP the
// pipeline is uploaded (a name clash says to use --version-of), then a run of that version is created.
import path from 'node:path';
import { writePipelineArchive } from '../../../shared/archive';
import { irToYaml } from '../../../shared/compile/ir.yaml';
import { formatDiagnostic, KfsError } from '../../../shared/errors/codes';
import type { JsonValue } from '../../../shared/model/document';
import { readPipelineFile } from '../../../shared/import/pipeline-file.open';
import { parseParameterText, resolveRunParameters } from '../../../shared/runtime/parameter-value';
import { parsePipelineIr } from '../../../shared/runtime/pipeline-ir.parse';
import { isTerminalRun } from '../../../shared/runtime/runtime';
import type { RunSnapshot } from '../../../shared/runtime/runtime';
import { openProfileRuntime } from '../../host/clusters/profile-runtime';
import { ArgoRuntime, workflowOf } from '../../host/runtime/argo/argo-runtime';
import type { KfpRuntime, PipelineRef } from '../../host/runtime/kfp/kfp-runtime';
import { buildOrPrint } from '../cli-build';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error';
import type { CliIo } from '../cli-io';
import { readInputBytes } from '../read-input-file';
import { cliProfileStore, dataDirOf, parseFlags, reportFailure } from './cluster-cli';
import type { ClusterCliDeps } from './cluster-cli';
import { nameRecord } from '../../../shared/names/names';

const FLAGS = { profile: 'value', param: 'multi', experiment: 'value', 'version-of': 'value', name: 'value', 'run-name': 'value', wait: 'bool', data: 'value' } as const;
const USAGE = 'usage: kfp-studio submit FILE --profile NAME [--param NAME=VALUE ...] [--experiment NAME] [--version-of PIPELINE] [--name PIPELINE_NAME] [--run-name NAME] [--wait]';

interface Loaded {
  /** KFP: the archive to upload. */
  archive?: Uint8Array;
  /** The IR text, for checking the parameters before anything is sent (absent for an Argo Workflow YAML). */
  irText?: string;
  /** Argo: the Workflow. */
  workflow?: { [key: string]: unknown };
  name: string;
  fileName: string;
}

const SUBMIT_REFUSAL = (file: string) => ({ prefix: 'error ', advice: () => `${file}: fix the errors above before submitting.` });

export async function loadFile(file: string, cwd: string, target: 'kfp' | 'argo', io: CliIo): Promise<Loaded | number> {
  const bytes = await readInputBytes(file, cwd);
  const base = path.basename(file);
  const content = readPipelineFile(bytes, file);
  if (content.kind === 'document') {
    const doc = content.document;
    const built = target === 'argo' ? buildOrPrint(doc, 'argo', io.out, SUBMIT_REFUSAL(file)) : buildOrPrint(doc, 'tar.gz', io.out, SUBMIT_REFUSAL(file));
    if (typeof built === 'number') return built;
    const irText = irToYaml(built.ir());
    if (built.output instanceof Uint8Array) return { archive: built.output, irText, name: doc.name, fileName: `${doc.name}.tar.gz` };
    return { workflow: built.output, irText, name: doc.name, fileName: base };
  }
  if (target === 'argo') {
    const workflow = workflowOf(content.text) as unknown as { [key: string]: unknown };
    const meta = (workflow.metadata ?? {}) as { name?: string; generateName?: string };
    return { workflow, name: meta.name ?? meta.generateName?.replace(/-$/, '') ?? 'workflow', fileName: base };
  }
  const ir = parsePipelineIr(content.text, { file });
  const archived = content.format === 'tar.gz' || content.format === 'zip';
  return { archive: archived ? bytes : writePipelineArchive(content.text, 'tar.gz'), irText: content.text, name: ir.name, fileName: archived ? base : `${ir.name}.tar.gz` };
}

export function parameters(pairs: readonly string[], irText: string | undefined, command = 'submit'): { [name: string]: JsonValue } {
  const out = nameRecord<JsonValue>();
  const ir = irText ? parsePipelineIr(irText) : undefined;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`${command}: --param takes NAME=VALUE, got "${pair}".`);
    const name = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    if (!ir) {
      out[name] = text;
      continue;
    }
    const def = ir.root.inputs.parameters[name];
    if (!def) {
      const known = Object.keys(ir.root.inputs.parameters);
      throw new CliError(`${command}: the pipeline has no parameter "${name}"${known.length ? ` (it has ${known.join(', ')})` : ' (it takes none)'}.`);
    }
    try {
      out[name] = parseParameterText(text, def.parameterType, { parameter: name });
    } catch (error) {
      throw new CliError(`${command}: --param ${name}: ${(error as Error).message}`);
    }
  }
  // Required parameters without a value are refused here, before the upload, not by the run after it.
  if (ir) {
    try {
      resolveRunParameters(ir.root.inputs.parameters, out);
    } catch (error) {
      throw new CliError(`${command}: ${(error as Error).message} Give it with --param NAME=VALUE.`);
    }
  }
  return out;
}

async function uploadForRun(runtime: KfpRuntime, loaded: Loaded, versionOf: string | undefined, pipelineName: string, io: CliIo): Promise<PipelineRef> {
  const archive = loaded.archive ?? new Uint8Array();
  if (versionOf) {
    const ref = await runtime.uploadVersion(versionOf, archive, { fileName: loaded.fileName });
    io.out(`Uploaded a new version of ${versionOf} (version ${ref.versionId}).`);
    return ref;
  }
  const ref = await runtime.uploadPipeline(archive, { name: pipelineName, fileName: loaded.fileName });
  io.out(`Uploaded pipeline ${pipelineName} (pipeline ${ref.pipelineId}, version ${ref.versionId}).`);
  return ref;
}

function taskLine(run: RunSnapshot): string {
  return run.tasks
    .filter((t) => t.kind === 'container' || t.kind === 'importer')
    .map((t) => `${t.id}=${t.state}`)
    .join(' ');
}

async function follow(runtime: KfpRuntime | ArgoRuntime, runId: string, io: CliIo): Promise<RunSnapshot> {
  return new Promise<RunSnapshot>((resolve) => {
    let lastLine = '';
    const stop = runtime.watch(runId, (run) => {
      const line = `${run.state}: ${taskLine(run)}`;
      if (line !== lastLine) io.out(`  ${line}`);
      lastLine = line;
      if (isTerminalRun(run.state)) {
        stop();
        resolve(run);
      }
    });
  });
}

export async function submitCommand(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  let runtime: KfpRuntime | ArgoRuntime | undefined;
  try {
    const flags = parseFlags(argv, FLAGS, 'submit');
    const [file, extra] = flags.operands;
    if (!file || extra !== undefined) throw new CliError(`submit: give one pipeline file. ${USAGE}`);
    const profileName = flags.values.get('profile');
    if (!profileName) throw new CliError(`submit: give the cluster profile with --profile NAME (see "kfp-studio profile list"). ${USAGE}`);
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const profile = await store.get(profileName);
    const loaded = await loadFile(file, io.cwd, profile.kind, io);
    if (typeof loaded === 'number') return loaded;
    const params = parameters(flags.multi.get('param') ?? [], loaded.irText);
    runtime = await openProfileRuntime(profile, store, deps.tuning);
    let runId: string;
    if (runtime instanceof ArgoRuntime) {
      if (flags.values.has('version-of') || flags.values.has('experiment')) throw new CliError('submit: --version-of and --experiment are for KFP profiles; an Argo profile runs the Workflow directly.');
      runId = await runtime.submitWorkflow(workflowOf(loaded.workflow ?? {}), { parameters: params, pipelineName: loaded.name, ...(flags.values.get('run-name') ? { displayName: flags.values.get('run-name') ?? '' } : {}) });
      io.out(`Workflow ${runId} created in namespace ${profile.kind === 'argo' ? profile.namespace : ''}.`);
    } else {
      // The experiment first: a name it cannot have is said before anything is uploaded.
      const experimentName = flags.values.get('experiment');
      const experiment = experimentName ? await runtime.findOrCreateExperiment(experimentName) : undefined;
      const ref = await uploadForRun(runtime, loaded, flags.values.get('version-of'), flags.values.get('name') ?? loaded.name, io);
      runId = await runtime.createRun({
        version: ref,
        parameters: params,
        ...(experiment ? { experimentId: experiment.id } : {}),
        ...(flags.values.get('run-name') ? { displayName: flags.values.get('run-name') ?? '' } : {}),
      });
      io.out(`Run ${runId} created${experiment ? ` in experiment ${experiment.name}` : ''}.`);
    }
    if (!flags.bools.has('wait')) return EXIT_OK;
    const run = await follow(runtime, runId, io);
    io.out(`Run ${run.id} ${run.state}.${run.error ? ` ${run.error}` : ''}`);
    return run.state === 'succeeded' ? EXIT_OK : EXIT_PROBLEMS;
  } catch (error) {
    if (error instanceof KfsError && error.code === 'KFS909') {
      io.err(`submit: ${formatDiagnostic(error.toDiagnostic())}`);
      return EXIT_PROBLEMS;
    }
    return reportFailure(error, io, 'submit');
  } finally {
    await runtime?.close();
  }
}

export const submitCliCommand: CliCommand = {
  name: 'submit',
  operands: 'FILE --profile NAME',
  summary: 'Upload a pipeline to a cluster profile and start a run',
  details: [
    'FILE is a pipeline document (NAME.pipeline.json, compiled first), a compiled IR (.yaml/.json) or an archive',
    '(.tar.gz/.zip); for an Argo profile, a pipeline document or an Argo Workflow YAML.',
    '  --profile NAME        the cluster profile (kfp-studio profile list)',
    '  --param NAME=VALUE    a pipeline parameter (repeatable), read as the parameter type',
    '  --experiment NAME     the KFP experiment (created when missing)',
    '  --version-of PIPELINE upload as a new version of this existing pipeline (name or id)',
    '  --name NAME           the pipeline name to upload as (default: the pipeline\'s own name)',
    '  --run-name NAME       the run\'s display name',
    '  --wait                follow the run until it ends; exit 1 unless it succeeded',
    '  --data DIR            the data folder with the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)',
    'A pipeline name that exists already is refused with KFS909: add --version-of NAME to upload a new version.',
    'Parameter names, types and required values are checked before anything is uploaded or created.',
  ],
  run: (args, io) => submitCommand(args, io),
};
