// What an image is built from, without an engine: the Dockerfile written for a script is the one shown, a folder
// without a Dockerfile is refused, the context hash follows the script's content (and a script step's packages), and
// no engine is KFS850.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDockerfile, generatePackagesDockerfile } from '../../../shared/images/dockerfile.generate';
import { hashContext, prepareContext } from './build-context';
import { imageEngine } from './image-build';
import { repositoryOf } from './image-push';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfs-build-context-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(tmp, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

describe('build context', () => {
  it('writes the Dockerfile for a script with requirements installed before the script is copied', () => {
    const script = file('s1/train.py', 'print("train")\n');
    const requirements = file('s1/requirements.txt', 'numpy==1.26.4\n');
    const context = prepareContext({ kind: 'script', script, requirements, baseImage: 'python:3.12-slim' });
    try {
      expect(context.generated).toBe(true);
      expect(context.dockerfile).toBe(generateDockerfile({ scriptName: 'train.py', hasRequirements: true, baseImage: 'python:3.12-slim' }));
      const lines = context.dockerfile.split('\n');
      expect(lines).toContain('FROM python:3.12-slim');
      expect(lines.indexOf('RUN python3 -m pip install --no-cache-dir -r /app/requirements.txt')).toBeLessThan(lines.indexOf('COPY train.py /app/train.py'));
    } finally {
      context.dispose();
    }
  });

  it('marks a changed script by a different context hash, and the same script by the same one', () => {
    const script = file('s2/prep.py', 'print(1)\n');
    const hashOf = () => {
      const context = prepareContext({ kind: 'script', script, baseImage: 'localhost/python:bookworm' });
      context.dispose();
      return context.hash;
    };
    const first = hashOf();
    expect(hashOf()).toBe(first);
    writeFileSync(script, 'print(2)\n');
    expect(hashOf()).not.toBe(first);
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("builds a script step's packages on its base image: requirements.txt and the Dockerfile shown, hash following the packages", () => {
    const hashOf = (packages: string[], baseImage = 'localhost/python:bookworm') => {
      const context = prepareContext({ kind: 'packages', packages, baseImage });
      try {
        expect(readFileSync(path.join(context.dir, 'requirements.txt'), 'utf8')).toBe(`${packages.join('\n')}\n`);
        expect(context.dockerfile).toBe(generatePackagesDockerfile(baseImage));
        expect(context.dockerfile.split('\n')).toEqual([expect.stringMatching(/^#/), `FROM ${baseImage}`, 'COPY requirements.txt /kfp-studio/requirements.txt', 'RUN python3 -m pip install --no-cache-dir -r /kfp-studio/requirements.txt', '']);
      } finally {
        context.dispose();
      }
      expect(existsSync(context.dir)).toBe(false);
      return context.hash;
    };
    const first = hashOf(['pandas==2.2.2']);
    expect(hashOf(['pandas==2.2.2'])).toBe(first);
    expect(hashOf(['pandas==2.2.2', 'numpy'])).not.toBe(first);
    expect(hashOf(['pandas==2.2.2'], 'localhost/python:trixie')).not.toBe(first);
    expect(() => prepareContext({ kind: 'packages', packages: ['pandas --index-url http://x'], baseImage: 'python:3.12-slim' })).toThrow(expect.objectContaining({ code: 'KFS820', message: expect.stringContaining('one pip requirement per package') }));
    expect(() => prepareContext({ kind: 'packages', packages: [], baseImage: 'python:3.12-slim' })).toThrow(expect.objectContaining({ code: 'KFS851' }));
  });

  it('hashes a folder by names and contents, leaving .git out', () => {
    const dir = path.join(tmp, 'f1');
    file('f1/Dockerfile', 'FROM x\n');
    file('f1/app/main.py', 'a\n');
    const before = hashContext(dir);
    file('f1/.git/HEAD', 'ref\n');
    expect(hashContext(dir)).toBe(before);
    file('f1/app/other.py', '');
    expect(hashContext(dir)).not.toBe(before);
  });

  it('refuses a folder without a Dockerfile or Containerfile, and a missing script (KFS851)', () => {
    mkdirSync(path.join(tmp, 'empty'));
    expect(() => prepareContext({ kind: 'folder', dir: path.join(tmp, 'empty') })).toThrow(expect.objectContaining({ code: 'KFS851', message: expect.stringContaining('has no Dockerfile or Containerfile') }));
    expect(() => prepareContext({ kind: 'script', script: path.join(tmp, 'nope.py'), baseImage: 'python:3.12-slim' })).toThrow(expect.objectContaining({ code: 'KFS851' }));
    expect(() => generateDockerfile({ scriptName: 'train.py', hasRequirements: false, baseImage: 'Not An Image' })).toThrow(expect.objectContaining({ code: 'KFS855' }));
  });

  it('says there is no engine (KFS850) when neither Docker nor Podman is on the PATH', async () => {
    await expect(imageEngine('auto', tmp)).rejects.toMatchObject({ code: 'KFS850', message: expect.stringContaining('Install Docker or Podman') });
  });

  it('pins a reference by the repository without its tag', () => {
    expect(repositoryOf('127.0.0.1:5000/team/train:v1')).toBe('127.0.0.1:5000/team/train');
    expect(repositoryOf('localhost:5000/train')).toBe('localhost:5000/train');
  });
});
