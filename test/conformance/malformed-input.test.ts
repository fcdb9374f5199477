// Bad input of every kind is refused with the right code and a place, never a crash or a hang.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KfsError } from '../../shared/errors/codes';
import type { ErrorCode } from '../../shared/errors/codes';
import { importComponentYaml } from '../../shared/import/component.import';
import { loadYaml } from '../../shared/yaml/safe-load';
import { KFP_DIR, KFP_MISSING_NOTE, hasKfp } from '../kfp-reference';
import { refusal } from '../../shared/errors/refusal.test-support';


function expectRefused(text: string, code: ErrorCode, field?: string): KfsError {
  const error = refusal(() => importComponentYaml(text, { file: 'bad.yaml' }));
  expect(error.code, error.message).toBe(code);
  expect(error.location.file).toBe('bad.yaml');
  if (field !== undefined) expect(error.location.field).toBe(field);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const TEN_MB = 10 * 1024 * 1024;
/** Only a hang or an exponential expansion breaks this cap; how fast refusals are is measured by `npm run bench`. */
const HANG_CAP_MS = 15_000;

function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('malformed component input', () => {
  it('refuses YAML syntax errors with KFS410 and the line', () => {
    const error = expectRefused('name: c\nimplementation:\n  container: {image: i\n  args: [a]\n', 'KFS410');
    expect(error.location.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses documents that are not a mapping with KFS411', () => {
    expect(expectRefused('- name: c\n- name: d\n', 'KFS411').message).toContain('list');
    expect(expectRefused('42\n', 'KFS411').message).toContain('number');
    expectRefused('just some text\n', 'KFS411');
    expectRefused('', 'KFS411');
    expectRefused('# only a comment\n', 'KFS411');
    expectRefused('name: c\ndescription: no implementation\n', 'KFS411');
    expectRefused('a: 1\n---\nb: 2\n---\nc: 3\n', 'KFS411');
  });

  it('refuses wrong shapes with the code and field of the construct', () => {
    expectRefused('name: c\ninputs: {a: String}\nimplementation: {container: {image: i}}\n', 'KFS415', 'inputs');
    expectRefused('name: c\ninputs: [{type: String}]\nimplementation: {container: {image: i}}\n', 'KFS415', 'inputs[0].name');
    expectRefused('name: c\noutputs: [hello]\nimplementation: {container: {image: i}}\n', 'KFS415', 'outputs[0]');
    expectRefused('name: c\nimplementation: [container]\n', 'KFS414', 'implementation');
    expectRefused('name: c\nimplementation: {container: {command: [echo]}}\n', 'KFS411', 'implementation.container.image');
    expectRefused('name: c\nimplementation: {container: {image: i, args: "--flag"}}\n', 'KFS411', 'implementation.container.args');
    expectRefused('name: [c]\nimplementation: {container: {image: i}}\n', 'KFS411', 'name');
  });

  it('refuses unknown or malformed placeholders with KFS412 and undeclared ports with KFS413', () => {
    expectRefused('name: c\nimplementation: {container: {image: i, args: [{inputFile: x}]}}\n', 'KFS412', 'implementation.container.args[0]');
    expectRefused('name: c\nimplementation: {container: {image: i, args: [{inputValue: x, inputPath: x}]}}\n', 'KFS412', 'implementation.container.args[0]');
    expectRefused('name: c\nimplementation: {container: {image: i, args: [a, {concat: x}]}}\n', 'KFS412', 'implementation.container.args[1].concat');
    expectRefused('name: c\nimplementation: {container: {image: i, command: [null]}}\n', 'KFS412', 'implementation.container.command[0]');
    const error = expectRefused('name: c\ninputs: [{name: a}]\nimplementation: {container: {image: i, args: [{inputValue: b}]}}\n', 'KFS413');
    expect(error.location.port).toBe('b');
  });

  it('refuses a 10 MB file at once: over the component limit, KFS501', () => {
    const junk = 'x: y\n'.repeat(TEN_MB / 5);
    const { result: error, ms } = timed(() => refusal(() => importComponentYaml(junk)));
    expect(error.code).toBe('KFS501');
    expect(ms).toBeLessThan(HANG_CAP_MS);
  });

  it('refuses 10 MB of binary or unbalanced junk with KFS410 without hanging, even under the 32 MiB limit', () => {
    const random = pseudoRandom(7);
    const binary = Array.from({ length: TEN_MB }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    for (const junk of [binary, '['.repeat(TEN_MB), '{a: '.repeat(TEN_MB / 4)]) {
      const { result: error, ms } = timed(() => refusal(() => loadYaml(junk)));
      expect(error.code).toBe('KFS410');
      expect(ms).toBeLessThan(HANG_CAP_MS);
    }
  });

  it('refuses a real PNG header (binary) with KFS410', () => {
    const png = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
    expectRefused(png, 'KFS410');
  });

  it('refuses an alias bomb with KFS502 without expanding it', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 12; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const bomb = `name: bomb\nimplementation: {container: {image: i}}\n${lines.join('\n')}\n`;
    const { result: error, ms } = timed(() => refusal(() => importComponentYaml(bomb)));
    expect(error.code).toBe('KFS502');
    expect(ms).toBeLessThan(HANG_CAP_MS);
  });
});

describe.skipIf(!hasKfp)('the KFP backend test files it must reject', () => {
  if (!hasKfp) console.warn(KFP_MISSING_NOTE);
  const read = (name: string) => readFileSync(path.join(KFP_DIR, 'ir/invalid', name));

  it('refuses an empty file, the comment-only "PNG" and a file without a pipeline name, each with its code', () => {
    expect(refusal(() => importComponentYaml(read('empty_file.yaml').toString('utf8'))).code).toBe('KFS411');
    // The backend's wrong_format.png holds two YAML comment lines: an empty document, not a component.
    expect(refusal(() => importComponentYaml(read('wrong_format.png').toString('utf8'))).code).toBe('KFS411');
    const noName = refusal(() => importComponentYaml(read('no_name.yaml').toString('utf8')));
    expect(noName.code).toBe('KFS411');
    expect(noName.location.field).toMatch(/^pipelineInfo/);
  });

  it('refuses the IR with a misspelt `components` key, naming the missing component', () => {
    const error = refusal(() => importComponentYaml(read('invalid_yaml.yaml').toString('utf8')));
    expect(error.code).toBe('KFS411');
    expect(error.message).toContain('comp-echo');
  });

  it('refuses zip archives as YAML junk, not with a crash', () => {
    for (const name of ['empty_zip.zip', 'invalid-zip.zip']) {
      const error = refusal(() => importComponentYaml(read(name).toString('latin1')));
      expect(['KFS410', 'KFS411']).toContain(error.code);
    }
  });
});
