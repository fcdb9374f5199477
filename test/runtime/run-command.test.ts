// `kfp-studio run`: progress lines while the run goes, the result, and the exit status.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands/run.command';
import { writePipelineArchive } from '../../shared/archive';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type PipelineDocument } from '../../shared/model/document';
import { FIXTURES, fixture, freshDataDir, removeDataDirs } from './runtime-helpers';

afterAll(removeDataDirs);

async function run(argv: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCommand(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) }, { cwd });
  return { code, stdout, stderr };
}

const STEP_LINE = /^\[\d\d:\d\d:\d\d\] (\S+) (.*)$/;

describe('kfp-studio run', () => {
  it('prints each step as it runs and ends, the outputs, and exits 0 when the run succeeded', async () => {
    const data = freshDataDir();
    const { code, stdout, stderr } = await run(['three-step.yaml', '--param', 'rows=2', '--data', data, '--engine', 'host']);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const steps = stdout.map((line) => STEP_LINE.exec(line)).filter((m) => m !== null).map((m) => `${m[1]} ${m[2]?.replace(/\(\d+\.\ds\)/, '(T)')}`);
    // A step shows "running" unless it ended before the next progress line could be printed.
    expect(steps.filter((s) => !s.endsWith(' running'))).toEqual(['make-data succeeded (T)', 'transform succeeded (T)', 'report succeeded (T)']);
    expect(steps).toContain('transform running');
    expect(steps.indexOf('transform running')).toBeLessThan(steps.indexOf('transform succeeded (T)'));
    expect(stdout[1]).toMatch(/^Steps run on this machine: /);
    expect(stdout).toContain('  output total = 7.5');
    expect(stdout.some((line) => /^Run run-\S+ succeeded in \d+\.\ds \(3 succeeded\)\.$/.test(line))).toBe(true);
    // Same inputs again: every step is cached.
    const again = await run(['three-step.yaml', '--param=rows=2', `--data=${data}`, '--engine', 'host']);
    expect(again.stdout.filter((line) => / cached \(outputs of run-/.test(line))).toHaveLength(3);
    const noCache = await run(['three-step.yaml', '--param=rows=2', `--data=${data}`, '--engine', 'host', '--no-cache']);
    expect(noCache.stdout.filter((line) => / cached /.test(line))).toHaveLength(0);
  });

  it('exits 1 when the run fails, showing the failed step and the end of its log', async () => {
    const { code, stdout } = await run(['failing.yaml', '--data', freshDataDir(), '--engine', 'host']);
    expect(code).toBe(1);
    expect(stdout.some((line) => /\] boom failed: The step exited with code 3\.$/.test(line))).toBe(true);
    expect(stdout.some((line) => /\] after skipped \(upstream task boom did not succeed\)$/.test(line))).toBe(true);
    expect(stdout.some((line) => /^Run run-\S+ failed in .* \(1 failed, 1 skipped, 1 succeeded\)\.$/.test(line))).toBe(true);
    const logAt = stdout.findIndex((line) => line.startsWith("--- last lines of boom's log"));
    expect(stdout.slice(logAt + 1)).toEqual(['  reading input.csv', '  error: column price is missing']);
  });

  it('exits 2 on usage and file problems, with one line saying what to fix', async () => {
    const data = freshDataDir();
    const cases: [string[], RegExp][] = [
      [[], /give a pipeline file/],
      [['a.yaml', 'b.yaml'], /takes one file, got 2/],
      [['three-step.yaml', '--frobnicate'], /unknown option --frobnicate/],
      [['three-step.yaml', '--param', 'rows'], /--param takes NAME=VALUE/],
      [['three-step.yaml', '--param', 'rows=many', '--data', data], /--param rows: Expected a whole number, got "many"/],
      [['three-step.yaml', '--param', 'colour=red', '--data', data], /no parameter "colour" \(it has rows\)/],
      [['features.yaml', '--data', data, '--engine', 'host'], /"source" \(STRING\) needs a value/],
      [['missing.yaml'], /missing\.yaml: no such file/],
      [['three-step.yaml', '--engine', 'vm'], /--engine is auto, host, docker or podman/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr.join('\n'), argv.join(' ')).toMatch(message);
    }
  });

  it('refuses a file that is not a pipeline with its code (exit 1)', async () => {
    const dir = freshDataDir();
    writeFileSync(path.join(dir, 'not-ir.yaml'), 'hello: world\n');
    const { code, stdout } = await run(['not-ir.yaml', '--data', dir], dir);
    expect(code).toBe(1);
    expect(stdout.join('\n')).toMatch(/^error KFS610 .*not a compiled KFP pipeline/);
  });

  it('compiles and runs a pipeline document (NAME.pipeline.json)', async () => {
    const dir = freshDataDir();
    const doc: PipelineDocument = {
      format: DOCUMENT_FORMAT,
      version: DOCUMENT_VERSION,
      name: 'greet',
      graph: {
        inputs: [{ name: 'who', type: { kind: 'parameter', type: 'STRING' }, default: 'world' }],
        outputs: [],
        tasks: {
          hello: { id: 'hello', component: 'say', arguments: { text: { kind: 'graphInput', input: 'who' } }, after: [], options: {} },
        },
        groups: {},
        layout: {},
      },
      components: {
        say: {
          name: 'say',
          inputs: [{ name: 'text', type: { kind: 'parameter', type: 'STRING' } }],
          outputs: [],
          implementation: { kind: 'container', image: 'alpine:3.20', command: ['sh', '-c', 'echo "hello $0"'], args: ["{{$.inputs.parameters['text']}}"] },
          source: { kind: 'image' },
        },
      },
    } as PipelineDocument;
    writeFileSync(path.join(dir, 'greet.pipeline.json'), JSON.stringify(doc));
    const { code, stdout } = await run(['greet.pipeline.json', '--param', 'who=Ada', '--data', dir, '--engine', 'host'], dir);
    expect(stdout.join('\n')).toMatch(/\] hello succeeded/);
    expect(code).toBe(0);
  });

  it('runs a compiled pipeline from an archive, read as every command reads pipeline files', async () => {
    const dir = freshDataDir();
    writeFileSync(path.join(dir, 'retry.tar.gz'), writePipelineArchive(fixture('retry.yaml'), 'tar.gz'));
    const stdout: string[] = [];
    const code = await runCommand(['retry.tar.gz', '--data', dir, '--engine', 'host'], { stdout: (s) => stdout.push(s), stderr: () => undefined }, { cwd: dir });
    expect(code).toBe(0);
    expect(stdout.some((line) => /\] flaky succeeded \(\d+\.\ds, attempt 2\)$/.test(line))).toBe(true);
  });
});
