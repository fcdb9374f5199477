// Folder artifacts of the local runtime: a real step (sh on this machine) writes a folder with nested files, an empty
// sub-folder and symbolic links leading out of it; the runtime lists the files and reads one by its path, and
// refuses paths that leave the folder and every symbolic link (KFS813), in listing and in reading.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKfsError } from '../../../../shared/errors/codes';
import { describeArtifact, fileInsideArtifact, readArtifactFile } from './artifact-files';
import { LocalRuntime } from './local-runtime';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kfs-artifact-files-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isKfsError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A one-step pipeline whose step writes a folder artifact: two files, a nested one, links out, an empty folder. */
function folderPipeline(secretDir: string): { [key: string]: unknown } {
  const script = [
    'out="$0"',
    'mkdir -p "$out/tables" "$out/empty"',
    'printf "all good\\n" > "$out/summary.txt"',
    'printf "name,score\\nada,3\\n" > "$out/tables/scores.csv"',
    `ln -s ${JSON.stringify(path.join(secretDir, 'secret.txt'))} "$out/leak.txt"`,
    `ln -s ${JSON.stringify(secretDir)} "$out/outside"`,
    'echo "wrote the report folder"',
  ].join('\n');
  return {
    pipelineInfo: { name: 'folder-artifact' },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.3',
    components: {
      'comp-write-report': {
        executorLabel: 'exec-write-report',
        outputDefinitions: { artifacts: { report: { artifactType: { schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' } } } },
      },
    },
    deploymentSpec: {
      executors: {
        'exec-write-report': {
          container: { image: 'alpine:3.20', command: ['sh', '-ec', script], args: ["{{$.outputs.artifacts['report'].path}}"] },
        },
      },
    },
    root: {
      dag: {
        tasks: {
          'write-report': { componentRef: { name: 'comp-write-report' }, taskInfo: { name: 'write-report' }, cachingOptions: { enableCache: false } },
        },
      },
    },
  };
}

describe('folder artifacts of the local runtime', () => {
  let runtime: LocalRuntime;
  let runId: string;
  let secretDir: string;

  beforeAll(async () => {
    secretDir = await tempDir();
    await writeFile(path.join(secretDir, 'secret.txt'), 'not for the preview');
    runtime = await LocalRuntime.open({ dataDir: await tempDir(), detected: { mode: 'host', reason: 'tests run steps on the host' } });
    runId = await runtime.submit({ pipeline: folderPipeline(secretDir) });
    const run = await runtime.waitForRun(runId);
    expect(run.state, JSON.stringify(run.tasks.map((t) => t.error))).toBe('succeeded');
  });

  afterAll(() => runtime?.close());

  it('lists the files of a folder artifact with their sizes, links left out, not followed, and said so', async () => {
    const [entry] = await runtime.listArtifacts(runId);
    expect(entry?.refused?.code).toBe('KFS813');
    expect(entry?.refused?.message).toContain('leak.txt, outside');
    expect(entry?.isDirectory).toBe(true);
    expect(entry?.files).toEqual([
      { path: 'summary.txt', size: 'all good\n'.length },
      { path: 'tables/scores.csv', size: 'name,score\nada,3\n'.length },
    ]);
    expect(entry?.filesTruncated).toBe(false);
    expect(entry?.size).toBe('all good\n'.length + 'name,score\nada,3\n'.length);
  });

  it('reads a file inside the folder by its path, nested ones too', async () => {
    const text = async (file: string) => new TextDecoder().decode(await runtime.readArtifact(runId, 'write-report', 'report', { path: file }));
    expect(await text('summary.txt')).toBe('all good\n');
    expect(await text('tables/scores.csv')).toBe('name,score\nada,3\n');
    expect(new TextDecoder().decode(await runtime.readArtifact(runId, 'write-report', 'report', { path: 'tables/scores.csv', maxBytes: 4 }))).toBe('name');
  });

  it('refuses paths that leave the folder: "..", absolute paths, and symbolic links pointing out', async () => {
    const read = (file: string) => runtime.readArtifact(runId, 'write-report', 'report', { path: file });
    expect(await refusal(read('../report'))).toMatch(/^KFS701 .*without "\.\."/);
    expect(await refusal(read('tables/../summary.txt'))).toMatch(/^KFS701 /);
    expect(await refusal(read(path.join(secretDir, 'secret.txt')))).toMatch(/^KFS701 /);
    expect(await refusal(read('leak.txt'))).toMatch(/^KFS813 .*symbolic link/);
    expect(await refusal(read('outside/secret.txt'))).toMatch(/^KFS813 .*symbolic link/);
    // Naming the folder itself, or a sub-folder, asks for a file.
    expect(await refusal(read('tables'))).toMatch(/^KFS701 .*is a folder/);
    expect(await refusal(read('missing.txt'))).toMatch(/^KFS802 /);
  });

  it('refuses, in listing and reading, a recorded artifact that was replaced by a link (run last: it changes the run)', async () => {
    const run = await runtime.getRun(runId);
    const uri = run.tasks.find((t) => t.id === 'write-report')?.outputs?.artifacts.report?.[0]?.uri ?? '';
    await rm(uri, { recursive: true });
    await symlink(secretDir, uri);
    const [entry] = await runtime.listArtifacts(runId);
    expect(entry).toMatchObject({ refused: { code: 'KFS813' } });
    expect(entry?.files).toBeUndefined();
    expect(await refusal(runtime.readArtifact(runId, 'write-report', 'report', { path: 'secret.txt' }))).toMatch(/^KFS813 /);
    await rm(uri);
    await symlink(path.join(secretDir, 'secret.txt'), uri);
    expect(await refusal(runtime.readArtifact(runId, 'write-report', 'report'))).toMatch(/^KFS813 /);
  });
});

describe('describeArtifact', () => {
  it('caps the listing in path order, says it was cut, and still counts every byte', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'b'));
    for (const name of ['c.txt', 'a.txt', 'b/x.txt', 'b/y.txt']) await writeFile(path.join(dir, name), name);
    const described = await describeArtifact(dir, 3);
    expect(described?.files?.map((f) => f.path)).toEqual(['a.txt', 'b/x.txt', 'b/y.txt']);
    expect(described?.filesTruncated).toBe(true);
    expect(described?.size).toBe(['c.txt', 'a.txt', 'b/x.txt', 'b/y.txt'].join('').length);
  });

  it('describes a plain file by its size, with no listing, and nothing for a missing path', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'model.bin'), new Uint8Array(10));
    expect(await describeArtifact(path.join(dir, 'model.bin'))).toEqual({ size: 10, isDirectory: false });
    expect(await describeArtifact(path.join(dir, 'nothing'))).toBeUndefined();
  });

  it('refuses every link, even one that stays inside the folder: a step could retarget it at any time', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'real.txt'), 'x');
    await symlink('real.txt', path.join(dir, 'alias.txt'));
    expect(await refusal(fileInsideArtifact(dir, 'alias.txt'))).toMatch(/^KFS813 /);
    expect(await fileInsideArtifact(dir, './real.txt')).toBe(path.join(dir, 'real.txt'));
  });

  it('refuses an artifact that is itself a link, to a secret file or to a folder outside the run', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'secrets'));
    await writeFile(path.join(dir, 'secrets', 'token'), 'secret');
    await symlink(path.join(dir, 'secrets', 'token'), path.join(dir, 'file-link'));
    await symlink(path.join(dir, 'secrets'), path.join(dir, 'folder-link'));
    for (const link of ['file-link', 'folder-link']) {
      const described = await describeArtifact(path.join(dir, link));
      expect(described).toEqual({ refused: { code: 'KFS813', message: expect.stringContaining('is a symbolic link') } });
      expect(await refusal(fileInsideArtifact(path.join(dir, link), 'token'))).toMatch(/^KFS813 /);
    }
    expect(await refusal(readArtifactFile(path.join(dir, 'file-link'), 'model'))).toMatch(/^KFS813 /);
  });
});
