// `kfp-studio compile`, `import`, and `validate` on compiled pipelines: what a user gets on disk.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { runCli } from '../../electron/cli/main';
import { readPipelineArchive } from '../../shared/archive';
import { compileToArgoYaml } from '../../shared/compile/argo';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import type { PipelineDocument } from '../../shared/model/document';
import { parseDocument } from '../../shared/model/document.parse';
import { loadIrChecker } from '../ir-check/ir-check';
import { irDescriptorExists } from '../ir-check/ir-check.paths';
import { hasKfp, KFP_DIR } from '../kfp-reference';
import { EXAMPLES_DIR, REPO_ROOT } from '../resources/bundled-catalog';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-compile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const CLASSIC = path.join(EXAMPLES_DIR, 'classic.pipeline.json');
const at = (name: string) => path.join(tmp, name);

async function run(...argv: string[]) {
  const io = bufferIo(tmp);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('kfp-studio compile', () => {
  it.skipIf(!irDescriptorExists)('compiles the classic example to a .tar.gz the strict IR check accepts', async () => {
    const result = await run('compile', CLASSIC, '-o', 'classic.tar.gz');
    expect(result.code).toBe(0);
    expect(result.stdout.join('\n')).toMatch(/compiled classic-pipeline \(5 tasks\) to classic\.tar\.gz/);
    const { text, entry } = readPipelineArchive(readFileSync(at('classic.tar.gz')), 'classic.tar.gz');
    expect(entry).toBe('pipeline.yaml');
    expect(loadIrChecker().checkYaml(text)).toEqual([]);
  });

  it.each(['zip', 'yaml', 'json'])('writes the same pipeline as .%s', async (ext) => {
    expect((await run('compile', CLASSIC, '-o', `classic.${ext}`)).code).toBe(0);
    const { text } = readPipelineArchive(readFileSync(at(`classic.${ext}`)), `classic.${ext}`);
    const expected = irToYaml(compileToIr(parseDocument(readFileSync(CLASSIC, 'utf8'))));
    if (ext === 'json') expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify((await import('js-yaml')).load(expected))));
    else expect(text).toBe(expected);
  });

  it('writes an Argo Workflow for -o NAME.argo.yaml, and refuses with the Argo code what Argo cannot carry', async () => {
    const result = await run('compile', CLASSIC, '-o', 'classic.argo.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout.join('\n')).toMatch(/to an Argo Workflow in classic\.argo\.yaml/);
    expect(readFileSync(at('classic.argo.yaml'), 'utf8')).toBe(compileToArgoYaml(parseDocument(readFileSync(CLASSIC, 'utf8'))));
    const settings = path.join(REPO_ROOT, 'test/fixtures/sdk-forms/kubernetes-settings.yaml');
    const refused = await run('compile', settings, '-o', 'settings.argo.yaml');
    expect(refused.code).toBe(1);
    expect(refused.stdout.join('\n')).toMatch(/^KFS620 /m);
    expect(() => readFileSync(at('settings.argo.yaml'))).toThrow();
  });

  it('prints the errors and writes nothing while the pipeline has errors', async () => {
    const doc = JSON.parse(readFileSync(CLASSIC, 'utf8')) as PipelineDocument;
    delete doc.graph.tasks.train!.arguments.train_data;
    writeFileSync(at('broken.pipeline.json'), JSON.stringify(doc));
    const result = await run('compile', 'broken.pipeline.json', '-o', 'broken.tar.gz');
    expect(result.code).toBe(1);
    expect(result.stdout.some((l) => /^KFS201 .*task train.*train_data/.test(l))).toBe(true);
    expect(result.stdout.at(-1)).toMatch(/nothing was written/);
    expect(existsSync(at('broken.tar.gz'))).toBe(false);
  });

  it('refuses an unknown output format and an output folder that does not exist, exit 2', async () => {
    expect((await run('compile', CLASSIC, '-o', 'classic.rar')).code).toBe(2);
    const missing = await run('compile', CLASSIC, '-o', 'no/such/folder/x.tar.gz');
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/could not be written \(its folder does not exist\)/);
  });

  it('keeps the old output whole when the new one cannot be written', async () => {
    writeFileSync(at('kept.yaml'), 'old');
    const doc = JSON.parse(readFileSync(CLASSIC, 'utf8')) as PipelineDocument;
    doc.name = 'Not A Valid Name';
    writeFileSync(at('bad-name.pipeline.json'), JSON.stringify(doc));
    expect((await run('compile', 'bad-name.pipeline.json', '-o', 'kept.yaml')).code).toBe(1);
    expect(readFileSync(at('kept.yaml'), 'utf8')).toBe('old');
  });
});

describe('kfp-studio import', () => {
  it('turns a compiled archive back into a document that recompiles to the same IR', async () => {
    expect((await run('compile', CLASSIC, '-o', 'round.tar.gz')).code).toBe(0);
    const result = await run('import', 'round.tar.gz', '-o', 'round.pipeline.json');
    expect(result.code).toBe(0);
    const classic = parseDocument(readFileSync(CLASSIC, 'utf8'));
    expect(result.stdout[0]).toContain(`imported classic-pipeline (from pipeline.yaml): 5 tasks, 0 groups, ${classic.graph.inputs.length} parameters`);
    const imported = parseDocument(readFileSync(at('round.pipeline.json'), 'utf8'));
    expect(irToYaml(compileToIr(imported))).toBe(readPipelineArchive(readFileSync(at('round.tar.gz')), 'round.tar.gz').text);
  });

  it.skipIf(!hasKfp)('opens a real SDK-compiled pipeline with loops and conditions', async () => {
    const result = await run('import', path.join(KFP_DIR, 'ir/valid/pipeline_with_nested_loops.yaml'), '-o', 'loops.pipeline.json');
    expect(result.code).toBe(0);
    const doc = parseDocument(readFileSync(at('loops.pipeline.json'), 'utf8'));
    expect(Object.values(doc.graph.groups).some((g) => g.kind === 'parallelFor')).toBe(true);
  });

  it('insists on a .pipeline.json output name', async () => {
    expect((await run('import', 'round.tar.gz', '-o', 'x.json')).code).toBe(2);
  });
});

describe.skipIf(!hasKfp)('kfp-studio validate on compiled pipelines', () => {
  it('accepts a compiled IR and an archive', async () => {
    expect((await run('validate', path.join(KFP_DIR, 'ir/valid/hello_world.yaml'))).code).toBe(0);
    await run('compile', CLASSIC, '-o', 'v.zip');
    expect((await run('validate', 'v.zip')).stdout.at(-1)).toMatch(/v\.zip: no problems found/);
  });

  it.each([
    ['wrong_format.png', 'KFS510'],
    ['empty_zip.zip', 'KFS510'],
    ['invalid_yaml.yaml', 'KFS61'],
    ['no_name.yaml', 'KFS301'],
    ['empty_file.yaml', 'KFS'],
  ])('refuses ir/invalid/%s with a code, exit 1', async (file, code) => {
    const result = await run('validate', path.join(KFP_DIR, 'ir/invalid', file));
    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(new RegExp(`^${code}\\d* `));
  });
});
