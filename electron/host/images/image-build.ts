// Builds a step's image with the engine the app detects (Docker, else Podman), streaming the engine's output. A
// failed build is refused (KFS852) with the tail of its log; no engine is KFS850 with the reason detection gave.
import { KfsError } from '../../../shared/errors/codes';
import { checkImageReference } from '../../../shared/images/dockerfile.generate';
import { detectExecution, probe, type DetectedExecution, type ExecutionChoice } from '../runtime/local/container-engine';
import { prepareContext, type BuildSource } from './build-context';
import { lastLines, runStreaming } from './engine-stream';

export type ImageEngine = DetectedExecution & { mode: 'docker' | 'podman'; binary: string };

/** The engine images are built with; KFS850 when none answers. */
/** `envPath` replaces $PATH for the search (tests). */
export async function imageEngine(choice: Exclude<ExecutionChoice, 'host'> = 'auto', envPath?: string): Promise<ImageEngine> {
  const detected = await detectExecution(choice, envPath);
  if (detected.mode === 'host' || !detected.binary) {
    throw new KfsError('KFS850', `Cannot build images: ${detected.reason.replace(/: steps run on this machine.*$/s, '')}. Install Docker or Podman and start it, then try again.`);
  }
  return detected as ImageEngine;
}

export interface BuildRequest {
  source: BuildSource;
  /** The name the image gets, such as 127.0.0.1:5000/team/train:v1. */
  tag: string;
  /** `none` keeps the build off the network (a generated Dockerfile with requirements needs it to install them). */
  network?: 'none' | 'default';
}

export interface BuiltImage {
  tag: string;
  imageId: string;
  /** The build context's hash, to keep with the step. */
  contextHash: string;
  dockerfile: string;
  generated: boolean;
  engine: 'docker' | 'podman';
}

export type ProgressSink = (event: { phase: 'build' | 'push'; text: string }) => void;

export async function buildImage(engine: ImageEngine, request: BuildRequest, onProgress: ProgressSink = () => undefined): Promise<BuiltImage> {
  checkImageReference(request.tag);
  if (request.tag.includes('@')) throw new KfsError('KFS855', `"${request.tag}" names a digest: a built image gets a tag (NAME:TAG); the digest comes from the push.`);
  const context = prepareContext(request.source);
  try {
    onProgress({ phase: 'build', text: `[kfp-studio] building ${request.tag} with ${engine.mode} from ${context.generated ? 'a generated Dockerfile' : context.dockerfilePath}\n` });
    const network = request.network === 'default' ? [] : ['--network', 'none'];
    const result = await runStreaming(engine.binary, ['build', ...network, '-t', request.tag, '-f', context.dockerfilePath, context.dir], (text) => onProgress({ phase: 'build', text }));
    if (result.code !== 0) {
      const offline = request.network !== 'default' && /pip install|Could not resolve|Temporary failure in name resolution|Network is unreachable/i.test(result.tail)
        ? ' The build ran without network: if it must download (pip install), build with the network on.'
        : '';
      throw new KfsError('KFS852', `Building ${request.tag} with ${engine.mode} failed (exit ${result.code}). The end of its log:\n${lastLines(result.tail, 15)}\nFix the Dockerfile or the files it copies, then build again.${offline}`);
    }
    const inspected = await probe(engine.binary, ['image', 'inspect', '--format', '{{.Id}}', request.tag], 30_000);
    const imageId = inspected.output.trim().split('\n').pop() ?? '';
    return { tag: request.tag, imageId, contextHash: context.hash, dockerfile: context.dockerfile, generated: context.generated, engine: engine.mode };
  } finally {
    context.dispose();
  }
}
