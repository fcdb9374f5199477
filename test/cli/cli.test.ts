// The `kfp-studio` command as a person meets it: in-process through runCli, and as a real subprocess.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../electron/cli/cli-command';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { KfsError } from '../../shared/errors/codes';
import type { PipelineDocument } from '../../shared/model/document';
import { COMPONENTS_DIR, EXAMPLES_DIR, REPO_ROOT } from '../resources/bundled-catalog';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CLASSIC = path.join(EXAMPLES_DIR, 'classic.pipeline.json');
const bundledFiles = readdirSync(COMPONENTS_DIR).filter((f) => f.endsWith('.component.yaml')).sort();

async function run(argv: string[], commands?: readonly CliCommand[]) {
  const io = bufferIo(REPO_ROOT);
  const code = await runCli(argv, io, commands);
  return { code, stdout: io.stdout, stderr: io.stderr, all: [...io.stdout, ...io.stderr].join('\n') };
}

function writeTmp(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

function classicDoc(): PipelineDocument {
  return JSON.parse(readFileSync(CLASSIC, 'utf8')) as PipelineDocument;
}

const STACK_LINE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe('kfp-studio: general', () => {
  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([`kfp-studio ${version}`]);
  });

  it('--help and help list every command and exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      const text = result.stdout.join('\n');
      expect(text).toContain('component check FILE|URL...');
      expect(text).toContain('validate FILE');
      expect(text).toContain('--version');
    }
  });

  it('shows one command\'s help with "help NAME" and "NAME --help", without running it', async () => {
    for (const argv of [['help', 'validate'], ['validate', '--help'], ['validate', 'no-such-file.json', '-h']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout[0]).toBe('Usage: kfp-studio validate FILE');
    }
  });

  it('without a command prints the help on stderr and exits 2', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr.join('\n')).toContain('Usage: kfp-studio COMMAND');
  });

  it.each([
    [['compile-all'], /unknown command "compile-all".*--help/],
    [['--frobnicate'], /unknown option --frobnicate.*--help/],
    [['component'], /component needs a subcommand: try "kfp-studio component check"/],
    [['component', 'lint', 'x.yaml'], /component has no subcommand "lint"/],
    [['help', 'nothing'], /unknown command "nothing"/],
    [['component', 'check'], /give at least one component file/],
    [['validate'], /give a pipeline document/],
    [['validate', 'a.json', 'b.json'], /takes one file, got 2/],
    [['validate', '--strict', 'a.json'], /unknown option --strict.*validate --help/],
  ])('refuses the usage %j with exit 2 and a hint', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
    expect(result.stderr[0]).toMatch(/^kfp-studio: /);
  });

  it('reports an unexpected failure as one line asking for a report, exit 3, no stack trace', async () => {
    const broken: CliCommand = {
      name: 'explode',
      operands: '',
      summary: 'always fails',
      details: [],
      run: async () => {
        const value = undefined as unknown as { field: string };
        return value.field.length;
      },
    };
    const result = await run(['explode'], [broken]);
    expect(result.code).toBe(3);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/internal error \(TypeError: .*\).*please report this/);
    expect(result.all).not.toMatch(STACK_LINE);
  });

  it('reports a coded refusal that escapes a command as an error line with its code, exit 1', async () => {
    const refusing: CliCommand = {
      name: 'refuse',
      operands: '',
      summary: 'always refuses',
      details: [],
      run: async () => {
        throw new KfsError('KFS505', 'The file could not be read.', { file: 'x.yaml' });
      },
    };
    const result = await run(['refuse'], [refusing]);
    expect(result.code).toBe(1);
    expect(result.stdout).toEqual(['KFS505 x.yaml: The file could not be read.']);
  });
});

describe('kfp-studio component check', () => {
  it('accepts every bundled component, naming it with its counts of inputs and outputs', async () => {
    const result = await run(['component', 'check', ...bundledFiles.map((f) => path.join('resources/components', f))]);
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(bundledFiles.length + 1);
    bundledFiles.forEach((file, i) => {
      const yaml = load(readFileSync(path.join(COMPONENTS_DIR, file), 'utf8')) as { name: string; inputs: unknown[]; outputs: unknown[] };
      const inputs = `${yaml.inputs.length} input${yaml.inputs.length === 1 ? '' : 's'}`;
      const outputs = `${yaml.outputs.length} output${yaml.outputs.length === 1 ? '' : 's'}`;
      expect(result.stdout[i]).toBe(`ok ${yaml.name} (${inputs}, ${outputs}) from resources/components/${file}`);
    });
    expect(result.stdout.at(-1)).toBe(`${bundledFiles.length} files checked: ${bundledFiles.length} ok, 0 refused`);
  });

  it('refuses a file that is not YAML with its code and line, exit 1, and still checks the others', async () => {
    const bad = writeTmp('bad.component.yaml', 'name: broken\ninputs:\n  - {name: x, type: String\n');
    const good = path.join(COMPONENTS_DIR, bundledFiles[0] ?? '');
    const result = await run(['component', 'check', bad, good]);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(new RegExp(`^error KFS410: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(:\\d+)?: `));
    expect(result.stdout[1]).toMatch(/^ok /);
    expect(result.stdout[2]).toBe('2 files checked: 1 ok, 1 refused');
  });

  it('refuses a YAML file that is not a component', async () => {
    const file = writeTmp('list.yaml', '- just\n- a list\n');
    const result = await run(['component', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toHaveLength(1);
    expect(result.stdout[0]).toMatch(/^error KFS411: /);
  });

  it('exits 2 when a file is missing or is a directory, saying so, after checking the rest', async () => {
    const good = path.join(COMPONENTS_DIR, bundledFiles[0] ?? '');
    const result = await run(['component', 'check', 'missing.yaml', tmp, good]);
    expect(result.code).toBe(2);
    expect(result.stdout[0]).toMatch(/^error KFS505: missing\.yaml: no such file .*Check the path/);
    expect(result.stdout[1]).toMatch(/^error KFS505: .* is a directory: give the path of a file inside it/);
    expect(result.stdout[2]).toMatch(/^ok /);
    expect(result.stdout[3]).toBe('3 files checked: 1 ok, 0 refused, 2 not readable');
  });

  it('refuses a file over 64 MiB with KFS501 without reading it', async () => {
    const file = writeTmp('huge.component.yaml', '');
    truncateSync(file, 65 * 1024 * 1024);
    const result = await run(['component', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(/^error KFS501: .*huge\.component\.yaml: The file is 65\.0 MiB/);
  });

  it('refuses binary content as not UTF-8 text', async () => {
    const file = path.join(tmp, 'image.png');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]));
    const result = await run(['component', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(/^error KFS505: .*not UTF-8 text/);
  });
});

describe('kfp-studio validate', () => {
  it('passes the classic example', async () => {
    const result = await run(['validate', 'resources/examples/classic.pipeline.json']);
    expect(result.stdout.filter((line) => /^KFS\d+ /.test(line) && !line.endsWith('(warning)'))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout.at(-1)).toMatch(/^resources\/examples\/classic\.pipeline\.json: (no problems found|0 errors, \d+ warnings?)$/);
  });

  it('reports a required input left unconnected as an error at its task and port, exit 1', async () => {
    const doc = classicDoc();
    const train = doc.graph.tasks.train;
    if (!train) throw new Error('the classic example has no train task');
    delete train.arguments.train_data;
    const file = writeTmp('broken.pipeline.json', JSON.stringify(doc));
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    const line = result.stdout.find((l) => l.includes('KFS201'));
    expect(line).toMatch(/^KFS201 .*task train.*train_data/);
    expect(result.stdout.at(-1)).toMatch(new RegExp(`: [1-9]\\d* errors?, \\d+ warnings?$`));
  });

  it('passes with exit 0 when there are only warnings', async () => {
    const doc = classicDoc();
    doc.graph.inputs.push({ name: 'unused_flag', type: { kind: 'parameter', type: 'BOOLEAN' }, optional: true, default: false });
    const file = writeTmp('warnings.pipeline.json', JSON.stringify(doc));
    const result = await run(['validate', file]);
    expect(result.stdout.some((l) => /^KFS305 .*unused_flag.*\(warning\)$/.test(l))).toBe(true);
    expect(result.stdout.at(-1)).toMatch(/: 0 errors, [1-9]\d* warnings?$/);
    expect(result.code).toBe(0);
  });

  it('refuses a file that is not JSON with KFS503 and its line, exit 1', async () => {
    const file = writeTmp('junk.pipeline.json', '{\n  "format": "kfp-studio/pipeline",\n  oops\n}\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(/^KFS503 .*junk\.pipeline\.json:3(:\d+)?: /);
    expect(result.stdout[1]).toMatch(/not a pipeline KFP Studio can open$/);
  });

  it('refuses a document from a future version with KFS504', async () => {
    const doc = { ...classicDoc(), version: 99 };
    const result = await run(['validate', writeTmp('future.pipeline.json', JSON.stringify(doc))]);
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(/^KFS504 /);
  });

  it('exits 2 for a missing file and for a directory, with what to do', async () => {
    const missing = await run(['validate', 'nowhere.pipeline.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/^kfp-studio: nowhere\.pipeline\.json: no such file .*Check the path/);
    const directory = await run(['validate', tmp]);
    expect(directory.code).toBe(2);
    expect(directory.stderr[0]).toMatch(/is a directory: give the path of a file inside it/);
  });
});

describe('kfp-studio as a subprocess (node bin/kfp-studio.mjs)', () => {
  const exec = promisify(execFile);
  const bin = path.join(REPO_ROOT, 'bin/kfp-studio.mjs');
  const spawn = async (args: string[], cwd: string) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('checks the bundled components from another folder', async () => {
    const result = await spawn(['component', 'check', ...bundledFiles.map((f) => path.join(COMPONENTS_DIR, f))], tmp);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(bundledFiles.length + 1);
  });

  it('validates the classic example, and exits 2 with one line for a missing file', async () => {
    const ok = await spawn(['validate', CLASSIC], tmp);
    expect(ok.code).toBe(0);
    const missing = await spawn(['validate', 'missing.pipeline.json'], tmp);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).not.toMatch(STACK_LINE);
  });
});
