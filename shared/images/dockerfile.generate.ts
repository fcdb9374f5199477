// The Dockerfile the app writes for a step built from a script and its requirements: a chosen Python base image, the
// requirements installed first (so a changed script does not reinstall them), the script copied to /app. Shown to the
// user before the build, so what is built is never hidden.
import { KfsError } from '../errors/codes';

export interface ScriptImageSpec {
  /** File name of the script inside the image's /app (a plain name, such as `train.py`). */
  scriptName: string;
  /** Whether a requirements.txt goes with the script. */
  hasRequirements: boolean;
  /** The image to start from, such as `python:3.12-slim`. */
  baseImage: string;
}

/** The Python images offered by default (any other image with python3 works too). */
export const PYTHON_BASE_IMAGES = ['python:3.12-slim', 'python:3.11-slim', 'python:3.10-slim'] as const;

// A Docker image reference: [registry[:port]/]path[:tag][@digest], lowercase path components.
const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

/** Refuses (KFS855) what no engine would accept as an image name, saying what a good one looks like. */
export function checkImageReference(reference: string, what = 'image name'): void {
  if (!REFERENCE.test(reference) || reference.length > 255) {
    throw new KfsError('KFS855', `"${reference}" is not a valid ${what}: use REGISTRY/NAME:TAG with a lowercase name, e.g. 127.0.0.1:5000/my-team/train:v1.`);
  }
}

/** A plain file name for the script inside the image. */
function checkScriptName(name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) {
    throw new KfsError('KFS851', `The script name "${name}" cannot be copied into an image as is: use letters, digits, "_", "-" and "." only.`);
  }
}

export function generateDockerfile(spec: ScriptImageSpec): string {
  checkImageReference(spec.baseImage, 'base image');
  checkScriptName(spec.scriptName);
  const lines = [
    '# Written by KFP Studio from a script and its requirements.',
    `FROM ${spec.baseImage}`,
    'WORKDIR /app',
    ...(spec.hasRequirements
      ? ['COPY requirements.txt /app/requirements.txt', 'RUN python3 -m pip install --no-cache-dir -r /app/requirements.txt']
      : []),
    `COPY ${spec.scriptName} /app/${spec.scriptName}`,
    `CMD ["python3", "/app/${spec.scriptName}"]`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The requirements.txt a script step's packages become in its image's context: one requirement a line. */
export function packagesRequirements(packages: readonly string[]): string {
  if (!packages.length) throw new KfsError('KFS851', 'The step has no packages to install: an image built from its base image alone would be the base image. Add packages, or keep the base image.');
  const bad = packages.find((p) => p.trim() === '' || /[\s#]/.test(p));
  if (bad !== undefined) throw new KfsError('KFS820', `The package "${bad}" cannot be installed into an image: write one pip requirement per package, without spaces or "#", such as pandas==2.2.2.`);
  return `${packages.join('\n')}\n`;
}

/**
 * The Dockerfile for a script step's own image: its packages installed on its base image, as the KFP SDK builds a
 * lightweight component's `packages_to_install` into its target image. The step's code stays in its command.
 */
export function generatePackagesDockerfile(baseImage: string): string {
  checkImageReference(baseImage, 'base image');
  const lines = [
    "# Written by KFP Studio from a script step's packages.",
    `FROM ${baseImage}`,
    'COPY requirements.txt /kfp-studio/requirements.txt',
    'RUN python3 -m pip install --no-cache-dir -r /kfp-studio/requirements.txt',
  ];
  return `${lines.join('\n')}\n`;
}
