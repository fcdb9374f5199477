// Every real KFP component file in ../shared/kfp/components imports, or is refused with a coded error that names
// the construct and the place. Expected refusals are listed with their reason; the list must stay exact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { CommandArg, ComponentSpec, PortSpec } from '../../shared/model/document';
import { isKfsError } from '../../shared/errors/codes';
import type { KfsError } from '../../shared/errors/codes';
import { importComponentYaml } from '../../shared/import/component.import';
import { loadYamlDocuments } from '../../shared/yaml/safe-load';
import type { ImportedComponent } from '../../shared/import/component.import';
import { KFP_MISSING_NOTE, hasKfp, listKfpFiles } from '../kfp-reference';

/** File name -> why it is refused (code and the gist). Empty: every file of the corpus imports today. */
const EXPECTED_REFUSALS: Record<string, { code: string; reason: string }> = {};

if (!hasKfp) console.warn(KFP_MISSING_NOTE);

type Outcome = { file: string; imported?: ImportedComponent; error?: KfsError };

function importAll(files: string[]): Outcome[] {
  return files.map((full) => {
    const file = path.basename(full);
    try {
      return { file, imported: importComponentYaml(readFileSync(full, 'utf8'), { file }) };
    } catch (error) {
      if (isKfsError(error)) return { file, error };
      throw new Error(`${file}: uncoded failure ${String(error)}`, { cause: error });
    }
  });
}

// The SDK's sanitize_input_name, restated from its definition for an independent check.
const portName = (raw: string) => raw.toLowerCase().replace(/[^_0-9a-z]+/g, '_').replace(/^_+|_+$/g, '');

const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']*)'\](\.[a-z_]+)?\}\}/g;

type RawPlaceholder = { key: string; name: string };

/** The v1 placeholder mappings, plus v2 placeholders some files already write inside their text. */
function rawPlaceholders(value: unknown, out: RawPlaceholder[] = []): RawPlaceholder[] {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) out.push({ key: 'v2', name: m[3] ?? '' });
  else if (Array.isArray(value)) value.forEach((v) => rawPlaceholders(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (['inputValue', 'inputPath', 'inputUri', 'outputPath', 'outputUri'].includes(key) && typeof inner === 'string') out.push({ key, name: inner });
      else rawPlaceholders(inner, out);
    }
  }
  return out;
}

function convertedPlaceholders(args: CommandArg[] | undefined, out: RegExpMatchArray[] = []): RegExpMatchArray[] {
  for (const arg of args ?? []) {
    if (typeof arg === 'string') out.push(...arg.matchAll(PLACEHOLDER));
    else if ('concat' in arg) convertedPlaceholders(arg.concat, out);
    else {
      convertedPlaceholders(arg.ifPresent.then, out);
      convertedPlaceholders(arg.ifPresent.else, out);
    }
  }
  return out;
}

function port(ports: PortSpec[], name: string): PortSpec {
  const found = ports.find((p) => p.name === name);
  if (!found) throw new Error(`no port ${name} in ${ports.map((p) => p.name).join(', ')}`);
  return found;
}

function containerOf(component: ComponentSpec) {
  if (component.implementation.kind !== 'container') throw new Error('expected a container implementation');
  return component.implementation;
}

describe.skipIf(!hasKfp)('KFP component corpus', () => {
  const files = listKfpFiles('components');
  const outcomes = importAll(files);
  const byFile = new Map(outcomes.map((o) => [o.file, o]));
  const get = (file: string): ComponentSpec => {
    const outcome = byFile.get(file);
    if (!outcome?.imported) throw new Error(`${file} did not import: ${outcome?.error?.message}`);
    return outcome.imported.component;
  };

  it('imports every file but the listed refusals, and refuses each listed one as listed', () => {
    const imported = outcomes.filter((o) => o.imported).length;
    console.log(`components: ${imported}/${outcomes.length} imported`);
    expect(outcomes.length).toBeGreaterThan(0);
    const unexpected = outcomes.filter((o) => o.error && !EXPECTED_REFUSALS[o.file]).map((o) => `${o.file}: ${o.error?.code} ${o.error?.message}`);
    expect(unexpected).toEqual([]);
    for (const [file, expected] of Object.entries(EXPECTED_REFUSALS)) {
      const outcome = byFile.get(file);
      expect(outcome, `${file} is listed but not in the corpus`).toBeDefined();
      expect(outcome?.error?.code, `${file} is listed as refused but imports`).toBe(expected.code);
    }
  });

  it('names the construct and the place in every refusal', () => {
    for (const outcome of outcomes.filter((o) => o.error)) {
      const location = outcome.error?.location ?? {};
      expect(location.file).toBe(outcome.file);
      expect(location.field ?? location.port ?? location.task).toBeTruthy();
    }
  });

  it('keeps every declared port, under the SDK name, and gives each a known id', () => {
    for (const outcome of outcomes.filter((o) => o.imported)) {
      const raw = load(readFileSync(files.find((f) => path.basename(f) === outcome.file) as string, 'utf8')) as {
        name?: string; inputs?: { name: string }[]; outputs?: { name: string }[];
      };
      const component = outcome.imported?.component as ComponentSpec;
      expect(component.inputs.map((p) => p.name), outcome.file).toEqual((raw.inputs ?? []).map((p) => portName(p.name)));
      expect(component.outputs.map((p) => p.name), outcome.file).toEqual((raw.outputs ?? []).map((p) => portName(p.name)));
      expect(outcome.imported?.id, outcome.file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(outcome.imported?.components[outcome.imported.id]).toBe(component);
    }
  });

  it('converts every placeholder to one whose kind matches its port (parameter or artifact)', () => {
    let checked = 0;
    for (const outcome of outcomes.filter((o) => o.imported)) {
      const component = outcome.imported?.component as ComponentSpec;
      if (component.implementation.kind !== 'container') continue;
      const raw = load(readFileSync(files.find((f) => path.basename(f) === outcome.file) as string, 'utf8')) as { implementation: { container: { command?: unknown; args?: unknown } } };
      const rawCount = rawPlaceholders([raw.implementation.container.command, raw.implementation.container.args]).length;
      const converted = convertedPlaceholders([...(component.implementation.command ?? []), ...(component.implementation.args ?? [])]);
      // No file of the corpus uses a constant `if` condition, so nothing is dropped: one placeholder for one.
      expect(converted.length, outcome.file).toBe(rawCount);
      for (const [text, side, group, name = ''] of converted) {
        const target = port(side === 'inputs' ? component.inputs : component.outputs, name);
        expect(target.type.kind, `${outcome.file} ${text}`).toBe(group === 'parameters' ? 'parameter' : 'artifact');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('reads json/Get element by key as its YAML says', () => {
    const c = get('contrib__json__Get_element_by_key.component.yaml');
    // `Json` has no type and is read with inputPath: a generic artifact. `Key` is a String read by value.
    expect(port(c.inputs, 'json').type).toEqual({ kind: 'artifact', schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' });
    expect(port(c.inputs, 'key').type).toMatchObject({ kind: 'parameter', type: 'STRING' });
    expect(port(c.outputs, 'output').type).toMatchObject({ kind: 'artifact', schemaTitle: 'system.Artifact' });
    const impl = containerOf(c);
    expect(impl.image).toBe('stedolan/jq:latest');
    expect(impl.command?.slice(0, 2)).toEqual(['sh', '-exc']);
    expect(impl.command?.slice(3)).toEqual([
      "{{$.inputs.artifacts['json'].path}}",
      "{{$.outputs.artifacts['output'].path}}",
      "{{$.inputs.parameters['key']}}",
    ]);
  });

  it('reads local/confusion_matrix: GCSPath passed by value becomes text, outputs keep their artifact types', () => {
    const c = get('local__confusion_matrix.component.yaml');
    expect(c.name).toBe('Confusion matrix');
    expect(port(c.inputs, 'predictions').type).toEqual({ kind: 'parameter', type: 'STRING', declaredAs: 'GCSPath' });
    expect(port(c.inputs, 'predictions').description).toBe('GCS path of prediction file pattern.');
    expect(port(c.inputs, 'target_lambda')).toMatchObject({ optional: true, default: '' });
    expect(port(c.outputs, 'mlpipeline_ui_metadata').type).toMatchObject({ kind: 'artifact', schemaTitle: 'system.Artifact', declaredAs: 'UI metadata' });
    expect(port(c.outputs, 'mlpipeline_metrics').type).toMatchObject({ kind: 'artifact', schemaTitle: 'system.Metrics' });
    const impl = containerOf(c);
    expect(impl.command).toEqual(['python2', '/ml/confusion_matrix.py']);
    expect(impl.args).toEqual([
      '--predictions', "{{$.inputs.parameters['predictions']}}",
      '--target_lambda', "{{$.inputs.parameters['target_lambda']}}",
      '--output', "{{$.inputs.parameters['output_dir']}}",
      '--ui-metadata-output-path', "{{$.outputs.artifacts['mlpipeline_ui_metadata'].path}}",
      '--metrics-output-path', "{{$.outputs.artifacts['mlpipeline_metrics'].path}}",
    ]);
  });

  it('reads XGBoost/Train from ApacheParquet: defaults cast by type, optional inputs as ifPresent', () => {
    const c = get('contrib__XGBoost__Train__from_ApacheParquet.component.yaml');
    expect(port(c.inputs, 'training_data').type).toMatchObject({ kind: 'artifact', schemaTitle: 'system.Artifact', declaredAs: 'ApacheParquet' });
    expect(port(c.inputs, 'num_iterations')).toMatchObject({ type: { kind: 'parameter', type: 'NUMBER_INTEGER' }, optional: true, default: 10 });
    expect(port(c.inputs, 'learning_rate')).toMatchObject({ type: { kind: 'parameter', type: 'NUMBER_DOUBLE' }, default: 0.3 });
    expect(port(c.inputs, 'booster_params')).toMatchObject({ type: { kind: 'parameter', type: 'STRUCT' }, optional: true });
    expect(port(c.inputs, 'starting_model')).toMatchObject({ type: { kind: 'artifact', declaredAs: 'XGBoostModel' }, optional: true });
    expect(port(c.inputs, 'label_column_name').optional).toBeUndefined();
    const args = containerOf(c).args ?? [];
    expect(args.slice(0, 5)).toEqual([
      '--training-data',
      "{{$.inputs.artifacts['training_data'].path}}",
      '--label-column-name',
      "{{$.inputs.parameters['label_column_name']}}",
      { ifPresent: { input: 'starting_model', then: ['--starting-model', "{{$.inputs.artifacts['starting_model'].path}}"] } },
    ]);
  });
});

describe.skipIf(!hasKfp)('KFP v2 component YAML (IR) corpus', () => {
  // A compiled file is a component when `comp-<name>` has an executor, or when the root DAG runs exactly one
  // task whose component has one; any other compiled pipeline is refused with KFS414 (open it as a pipeline).
  const k8s = (name: string) => name.toLowerCase().replace(/[^-0-9a-z]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  type Ir = { pipelineInfo: { name: string }; components?: Record<string, { executorLabel?: string }>; root?: { dag?: { tasks?: Record<string, { componentRef?: { name?: string } }> } } };
  function isSingleComponent(ir: Ir): boolean {
    const own = ir.components?.[`comp-${k8s(ir.pipelineInfo.name)}`];
    if (own) return typeof own.executorLabel === 'string';
    const tasks = Object.values(ir.root?.dag?.tasks ?? {});
    const ref = tasks.length === 1 ? tasks[0]?.componentRef?.name : undefined;
    return ref !== undefined && typeof ir.components?.[ref]?.executorLabel === 'string';
  }

  it('imports the single-component IR files and refuses the pipelines with KFS414', () => {
    const files = listKfpFiles('ir/valid').filter((f) => f.endsWith('.yaml'));
    let imported = 0;
    for (const full of files) {
      const file = path.basename(full);
      const text = readFileSync(full, 'utf8');
      const expectImport = isSingleComponent(loadAll(text)[0] as Ir);
      try {
        importComponentYaml(text, { file });
        imported++;
        expect(expectImport, `${file} imported but is a pipeline`).toBe(true);
      } catch (error) {
        if (!isKfsError(error)) throw error;
        expect(expectImport, `${file}: ${error.message}`).toBe(false);
        expect(error.code).toBe('KFS414');
      }
    }
    console.log(`ir components: ${imported}/${files.length} imported`);
    expect(imported).toBeGreaterThan(5);
  });
});

describe.skipIf(!hasKfp)('YAML loader over every KFP YAML file', () => {
  it('loads each one into the same plain data js-yaml reads', () => {
    const files = ['components', 'ir/valid', 'ir/invalid', 'argo'].flatMap((sub) => listKfpFiles(sub)).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(loadYamlDocuments(text, { file }), file).toEqual(JSON.parse(JSON.stringify(loadAll(text, undefined, { json: true }))));
    }
    console.log(`yaml: ${files.length} KFP files loaded`);
  });
});
