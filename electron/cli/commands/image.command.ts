// `kfp-studio image build|push`: a step's image built from a folder with a Dockerfile/Containerfile, or from a script
// and its requirements (the Dockerfile is written from a base image and printed), with the engine the app detects;
// pushed with the engine's own login and answered pinned by digest. Engine output streams to standard error.
import path from 'node:path';
import { buildImage, checkStepImageTarget, imageEngine, pushImage, setStepImage, type BuildSource, type ImageEngine, type ProgressSink } from '../../host/images';
import { parseCommandArgs, type CliCommand } from '../cli-command';
import { isKfsError } from '../../../shared/errors/codes';
import { generateDockerfile } from '../../../shared/images/dockerfile.generate';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error';
import type { CliIo } from '../cli-io';

const DEFAULT_BASE = 'python:3.12-slim';

/** Engine output as whole lines on standard error. */
function progressTo(io: CliIo): { sink: ProgressSink; flush: () => void } {
  let pending = '';
  const sink: ProgressSink = ({ text }) => {
    const lines = (pending + text.replace(/\r/g, '\n')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) io.err(line);
  };
  return { sink, flush: () => pending.trim() && io.err(pending) };
}

async function engineOf(value: string | undefined, name: string): Promise<ImageEngine> {
  const choice = value ?? 'auto';
  if (!['auto', 'docker', 'podman'].includes(choice)) throw new CliError(`${name}: --engine is auto, docker or podman, not "${choice}".`);
  return imageEngine(choice as 'auto' | 'docker' | 'podman');
}

/** A refused build or push as "error CODE: message" (exit 1); anything else goes on up. */
async function reportingRefusals(io: CliIo, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return EXIT_OK;
  } catch (error) {
    if (!isKfsError(error)) throw error;
    io.out(`error ${error.code}: ${error.message}`);
    return EXIT_PROBLEMS;
  }
}

export const imageBuildCommand: CliCommand = {
  name: 'image build',
  operands: '[DIR] --tag NAME:TAG [--script FILE [--requirements FILE] [--base IMAGE]] [--push] [--document FILE --component ID]',
  summary: "Build a step's image from a folder with a Dockerfile, or from a script and its requirements",
  details: [
    'DIR holds a Dockerfile or Containerfile; or --script FILE (with --requirements FILE) gets a Dockerfile written from',
    `--base IMAGE (default ${DEFAULT_BASE}), which is printed before the build. The engine is Docker, else Podman`,
    '(--engine auto|docker|podman). The build runs without network (--network none) unless --network default is given.',
    'Prints "built TAG IMAGE-ID context sha256:…" (the context hash a step keeps to know when its image is stale); with',
    '--push also "pushed REPOSITORY@sha256:…" (see "kfp-studio image push"). Engine output goes to standard error.',
    'With --document FILE.pipeline.json --component ID the image step ID gets the image (pinned when pushed) and its build',
    'record (checked before building: KFS857; saved only if the file did not change meanwhile: KFS507).',
    'Exit status: 0 when built (and pushed), 1 when the build or push is refused (coded error), 2 for a wrong command line.',
  ],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, {
      tag: { type: 'string', short: 't' },
      script: { type: 'string' },
      requirements: { type: 'string' },
      base: { type: 'string' },
      engine: { type: 'string' },
      network: { type: 'string' },
      push: { type: 'boolean' },
      document: { type: 'string' },
      component: { type: 'string' },
    });
    if ((values.document === undefined) !== (values.component === undefined)) throw new CliError('image build: --document FILE and --component ID go together (the image step whose image is set).');
    if (!values.tag) throw new CliError('image build: give the image name with --tag NAME:TAG, e.g. --tag 127.0.0.1:5000/team/train:v1.');
    if (operands.length > 1) throw new CliError('image build: give one build folder.');
    if (values.network !== undefined && !['none', 'default'].includes(values.network)) throw new CliError(`image build: --network is none or default, not "${values.network}".`);
    let source: BuildSource;
    const resolve = (file: string): string => path.resolve(io.cwd, file);
    if (values.script !== undefined) {
      if (operands.length) throw new CliError('image build: give either a build folder or --script, not both.');
      source = { kind: 'script', script: resolve(values.script), baseImage: values.base ?? DEFAULT_BASE, ...(values.requirements !== undefined ? { requirements: resolve(values.requirements) } : {}) };
    } else {
      if (!operands[0]) throw new CliError('image build: give a folder with a Dockerfile, or --script FILE.');
      if (values.requirements !== undefined || values.base !== undefined) throw new CliError('image build: --requirements and --base go with --script.');
      source = { kind: 'folder', dir: resolve(operands[0]) };
    }
    const tag = values.tag;
    const network = values.network as 'none' | 'default' | undefined;
    return reportingRefusals(io, async () => {
      if (source.kind === 'script') {
        // Shown before the build, so what is built is never hidden.
        io.out('Dockerfile (written by KFP Studio):');
        const dockerfile = generateDockerfile({ scriptName: path.basename(source.script), hasRequirements: source.requirements !== undefined, baseImage: source.baseImage });
        for (const line of dockerfile.trimEnd().split('\n')) io.out(`  ${line}`);
      }
      const target = values.document !== undefined ? await checkStepImageTarget(io.cwd, values.document, values.component ?? '') : undefined;
      const engine = await engineOf(values.engine, 'image build');
      const progress = progressTo(io);
      const built = await buildImage(engine, { source, tag, ...(network ? { network } : {}) }, progress.sink).finally(progress.flush);
      io.out(`built ${built.tag} ${built.imageId} context ${built.contextHash} (${built.engine})`);
      let image = built.tag;
      if (values.push) {
        const pushed = await pushImage(engine, built.tag, progress.sink).finally(progress.flush);
        io.out(`pushed ${pushed.pinned}`);
        image = pushed.pinned;
      }
      if (target) {
        await setStepImage(io.cwd, target, image, { source, contextHash: built.contextHash, tag: built.tag, builtAt: new Date().toISOString() });
        io.out(`set the image of ${target.componentId} in ${target.file} to ${image}`);
      }
    });
  },
};

export const imagePushCommand: CliCommand = {
  name: 'image push',
  operands: 'NAME:TAG',
  summary: 'Push a built image with the engine’s own login and print it pinned by digest',
  details: [
    'Uses the login the engine already has ("docker login REGISTRY" or "podman login REGISTRY"); KFP Studio never stores',
    'credentials. Prints "pushed REPOSITORY@sha256:…", the reference to give the step. A registry asking for a login is',
    'KFS853; any other refusal (unreachable, access denied) is KFS854. --engine auto|docker|podman as for image build.',
    'Exit status: 0 when pushed, 1 when refused (coded error), 2 for a wrong command line.',
  ],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, { engine: { type: 'string' } });
    if (operands.length !== 1) throw new CliError('image push: give one image, e.g. "kfp-studio image push 127.0.0.1:5000/team/train:v1".');
    return reportingRefusals(io, async () => {
      const engine = await engineOf(values.engine, this.name);
      const progress = progressTo(io);
      const pushed = await pushImage(engine, operands[0]!, progress.sink).finally(progress.flush);
      io.out(`pushed ${pushed.pinned}`);
    });
  },
};

export const IMAGE_COMMANDS: readonly CliCommand[] = [imageBuildCommand, imagePushCommand];
