// What an image is built from: a folder the user has with a Dockerfile or Containerfile, or a script (plus its
// requirements.txt) for which the app writes the Dockerfile into a temporary context. Either way the context gets a
// content hash, kept with the step, so a changed script later marks the image stale.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import { generateDockerfile, generatePackagesDockerfile, packagesRequirements } from '../../../shared/images/dockerfile.generate';
import type { ImageBuildSource } from '../../../shared/model/document';

export type BuildSource = ImageBuildSource;

export interface BuildContext {
  dir: string;
  dockerfilePath: string;
  /** The Dockerfile's text: the user's own, or the one the app wrote (shown before the build). */
  dockerfile: string;
  generated: boolean;
  /** `sha256:…` over every file of the context (names and contents). */
  hash: string;
  /** Removes a context the app made; leaves a user's folder alone. */
  dispose(): void;
}

const DOCKERFILE_NAMES = ['Dockerfile', 'Containerfile'];

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A stable hash of a folder's files (relative names and contents, symbolic links by their target), .git left out. */
export function hashContext(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (name === '.git') continue;
      const relName = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, relName);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(relName);
      else if (stat.isSymbolicLink()) hash.update(`link\0${relName}\0`);
      else if (stat.isFile()) hash.update(`file\0${relName}\0${stat.size}\0`).update(readFileSync(full));
    }
  };
  walk('');
  return `sha256:${hash.digest('hex')}`;
}

function folderContext(dir: string): BuildContext {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new KfsError('KFS851', `The build folder ${dir} does not exist or is not a folder.`);
  const name = DOCKERFILE_NAMES.find((n) => isFile(path.join(dir, n)));
  if (!name) throw new KfsError('KFS851', `The folder ${dir} has no Dockerfile or Containerfile: add one, or build from a script and its requirements instead.`);
  const dockerfilePath = path.join(dir, name);
  return { dir, dockerfilePath, dockerfile: readFileSync(dockerfilePath, 'utf8'), generated: false, hash: hashContext(dir), dispose: () => undefined };
}

/** A temporary context of the files the app writes (removed by `dispose`). */
function writtenContext(files: { [name: string]: string }, copies: { [name: string]: string }): BuildContext {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-build-'));
  try {
    for (const [name, from] of Object.entries(copies)) copyFileSync(from, path.join(dir, name));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const dockerfile = files.Dockerfile ?? '';
  return { dir, dockerfilePath: path.join(dir, 'Dockerfile'), dockerfile, generated: true, hash: hashContext(dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function scriptContext(source: Extract<BuildSource, { kind: 'script' }>): BuildContext {
  if (!isFile(source.script)) throw new KfsError('KFS851', `The script ${source.script} does not exist or is not a file.`);
  if (source.requirements !== undefined && !isFile(source.requirements)) throw new KfsError('KFS851', `The requirements file ${source.requirements} does not exist or is not a file.`);
  const scriptName = path.basename(source.script);
  const dockerfile = generateDockerfile({ scriptName, hasRequirements: source.requirements !== undefined, baseImage: source.baseImage });
  return writtenContext({ Dockerfile: dockerfile }, { [scriptName]: source.script, ...(source.requirements !== undefined ? { 'requirements.txt': source.requirements } : {}) });
}

function packagesContext(source: Extract<BuildSource, { kind: 'packages' }>): BuildContext {
  return writtenContext({ Dockerfile: generatePackagesDockerfile(source.baseImage), 'requirements.txt': packagesRequirements(source.packages) }, {});
}

export function prepareContext(source: BuildSource): BuildContext {
  if (source.kind === 'folder') return folderContext(source.dir);
  return source.kind === 'script' ? scriptContext(source) : packagesContext(source);
}
