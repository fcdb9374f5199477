// Host mode never changes the user's environment: a step that pip-installs gets the run's own virtual environment
// (a real wheel is installed offline; the user's python3 cannot import it afterwards), and one that installs system
// packages is refused before it runs (KFS815). Every executor of the SDK-compiled pipelines in ../shared/kfp is read
// as pip (KFP's packages_to_install preamble) or as installing nothing, never as a system install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { installsIn } from '../../electron/host/runtime/local/host-installs';
import { hasKfp, KFP_MISSING_NOTE, listKfpFiles } from '../kfp-reference';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

afterAll(removeDataDirs);

const PACKAGE = 'kfs_tiny_probe_pkg';

/** A real wheel of a one-module package, made with Python's zipfile (no network, no build tools). */
function tinyWheel(dir: string): string {
  const wheel = path.join(dir, `${PACKAGE}-0.1-py3-none-any.whl`);
  const script = [
    'import sys, zipfile',
    `name = "${PACKAGE}"`,
    'files = {f"{name}/__init__.py": "VALUE = 42\\n", f"{name}-0.1.dist-info/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: 0.1\\n",',
    '  f"{name}-0.1.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}',
    'record = "".join(f"{p},,\\n" for p in files) + f"{name}-0.1.dist-info/RECORD,,\\n"',
    'with zipfile.ZipFile(sys.argv[1], "w") as z:',
    '    [z.writestr(p, t) for p, t in files.items()]',
    '    z.writestr(f"{name}-0.1.dist-info/RECORD", record)',
  ].join('\n');
  const made = spawnSync('python3', ['-c', script, wheel], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  return wheel;
}

function onePipeline(script: string, args: string[]): { [key: string]: unknown } {
  return {
    pipelineInfo: { name: 'installs' },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.3',
    components: { 'comp-step': { executorLabel: 'exec-step', outputDefinitions: { parameters: { where: { parameterType: 'STRING' } } } } },
    deploymentSpec: { executors: { 'exec-step': { container: { image: 'python:3.11', command: ['sh', '-c', script], args } } } },
    root: { dag: { tasks: { step: { componentRef: { name: 'comp-step' }, taskInfo: { name: 'step' } } } } },
  };
}

const userCanImport = (): boolean => spawnSync('python3', ['-c', `import ${PACKAGE}`]).status === 0;

describe('a step that installs packages on the host', () => {
  it('installs Python packages into the run\'s own environment, never into the user\'s Python', async () => {
    expect(userCanImport()).toBe(false);
    const dataDir = freshDataDir();
    const wheel = tinyWheel(dataDir);
    const runtime = await openHostRuntime(dataDir);
    try {
      const script = `python3 -m pip install --quiet --no-index "$1" && python3 -c "import ${PACKAGE}; print(${PACKAGE}.__file__)" > "$0"`;
      const run = await runtime.waitForRun(await runtime.submit({ pipeline: onePipeline(script, ["{{$.outputs.parameters['where'].output_file}}", wheel]) }));
      const step = taskOf(run, 'step');
      expect(step.state, (await runtime.readLog(run.id, 'step')).text).toBe('succeeded');
      const installedAt = String(step.outputs?.parameters.where).trim();
      expect(installedAt.startsWith(path.join(runtime.store.runDir(run.id), 'python-env') + path.sep)).toBe(true);
      expect((await runtime.readLog(run.id, 'step')).text).toContain("this step installs Python packages: they go into the run's own environment");
      expect(userCanImport()).toBe(false);
    } finally {
      await runtime.close();
      if (userCanImport()) spawnSync('python3', ['-m', 'pip', 'uninstall', '-y', '--quiet', PACKAGE]);
    }
  }, 120_000);

  it('refuses a system package install before anything of the step runs (KFS815)', async () => {
    const dataDir = freshDataDir();
    const marker = path.join(dataDir, 'ran');
    const runtime = await openHostRuntime(dataDir);
    try {
      const run = await runtime.waitForRun(await runtime.submit({ pipeline: onePipeline('touch "$1"; apt-get -s install cowsay', ["{{$.outputs.parameters['where'].output_file}}", marker]) }));
      expect(taskOf(run, 'step')).toMatchObject({ state: 'failed', error: { code: 'KFS815' } });
      expect(taskOf(run, 'step').error?.message).toContain('Run it with Docker or Podman');
      expect(existsSync(marker)).toBe(false);
    } finally {
      await runtime.close();
    }
  });
});

describe.skipIf(!hasKfp)('what SDK-compiled components install', () => {
  it('reads KFP\'s packages_to_install preamble as pip, and nothing in ../shared/kfp as a system install', () => {
    const kinds = new Map<string, number>();
    for (const file of listKfpFiles('ir/valid').filter((f) => /\.ya?ml$/.test(f))) {
      for (const doc of loadAll(readFileSync(file, 'utf8'))) {
        const executors = (doc as { deploymentSpec?: { executors?: { [k: string]: { container?: { command?: string[]; args?: string[] } } } } } | null)?.deploymentSpec?.executors ?? {};
        for (const executor of Object.values(executors)) {
          const container = executor.container;
          if (!container) continue;
          const kind = installsIn([...(container.command ?? []), ...(container.args ?? [])]) ?? 'none';
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
      }
    }
    expect(kinds.get('system') ?? 0).toBe(0);
    expect(kinds.get('pip') ?? 0).toBeGreaterThan(20);
  });
});
if (!hasKfp) console.warn(KFP_MISSING_NOTE);
