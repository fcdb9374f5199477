import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import { loadIrChecker, type IrChecker, type IrProblem } from './ir-check';
import { invalidIrDir, irDescriptorExists, kfpDir, validIrDir } from './ir-check.paths';

const haveData = irDescriptorExists && existsSync(validIrDir) && existsSync(invalidIrDir);
if (!haveData) console.warn(`[ir-check] skipped: KFP reference data not found at ${kfpDir}`);

const BASE = 'critical_pipeline_with_secret_as_env.yaml'; // a PipelineSpec with a dependency, plus a Kubernetes PlatformSpec

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- mutating parsed YAML by path

function loadBase(): [Doc, Doc] {
  const docs = yaml.loadAll(readFileSync(path.join(validIrDir, BASE), 'utf8'), null, { schema: yaml.CORE_SCHEMA });
  return [docs[0] as Doc, docs[1] as Doc];
}

function paths(problems: IrProblem[]): string[] {
  return problems.map((p) => p.path);
}

describe('loadIrChecker', () => {
  it('refuses a missing descriptor with a coded error naming the file', () => {
    const missing = path.join(kfpDir, 'schema/no-such.descriptor.json');
    let thrown: unknown;
    try {
      loadIrChecker(missing);
    } catch (error) {
      thrown = error;
    }
    expect(isKfsError(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(missing);
  });
});

describe.skipIf(!haveData)('IR checker against real KFP files', () => {
  const checker: IrChecker | undefined = haveData ? loadIrChecker() : undefined;
  const check = (spec: Doc, platform?: Doc): IrProblem[] => checker!.checkDocuments(platform ? [spec, platform] : [spec]);
  const executor = (platform: Doc): Doc => platform['platforms'].kubernetes.deploymentSpec.executors['exec-comp'];

  it('accepts every pipeline compiled by the KFP SDK in ir/valid', () => {
    const files = readdirSync(validIrDir).filter((f) => /\.ya?ml$/.test(f));
    const failures = files
      .map((file) => ({ file, problems: checker!.checkYaml(readFileSync(path.join(validIrDir, file), 'utf8')) }))
      .filter((result) => result.problems.length > 0);
    console.info(`[ir-check] ${files.length - failures.length} of ${files.length} valid IR files pass`);
    expect(files.length).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it.each(['no_name.yaml', 'invalid_yaml.yaml', 'empty_file.yaml'])('refuses ir/invalid/%s', (file) => {
    expect(checker!.checkYaml(readFileSync(path.join(invalidIrDir, file), 'utf8'))).not.toEqual([]);
  });

  it('says why the backend refuses the invalid files', () => {
    const read = (file: string): IrProblem[] => checker!.checkYaml(readFileSync(path.join(invalidIrDir, file), 'utf8'));
    expect(paths(read('no_name.yaml'))).toContain('pipelineInfo.name');
    expect(read('invalid_yaml.yaml')).toContainEqual({ path: 'components_1', message: expect.stringContaining('unknown field') });
    expect(read('empty_file.yaml')).toEqual([{ path: '', message: expect.stringContaining('no PipelineSpec') }]);
  });

  describe('mutated copies of a real file', () => {
    it('start from a file with no problems', () => {
      const [spec, platform] = loadBase();
      expect(check(spec, platform)).toEqual([]);
    });

    it('finds an unknown field at the top level', () => {
      const [spec] = loadBase();
      spec['owner'] = 'me';
      expect(check(spec)).toEqual([{ path: 'owner', message: expect.stringContaining('unknown field "owner"') }]);
    });

    it('finds an unknown field deep in a component', () => {
      const [spec] = loadBase();
      spec['components']['comp-generate-secret-name'].outputDefinitions.parameters.some_output.parameterTipe = 'STRING';
      expect(paths(check(spec))).toEqual(['components.comp-generate-secret-name.outputDefinitions.parameters.some_output.parameterTipe']);
    });

    it('finds an unknown field in a Kubernetes executor config', () => {
      const [spec, platform] = loadBase();
      executor(platform).nodeSelectorr = { labels: { a: 'b' } };
      executor(platform).secretAsEnv[0].keyToEnv[0].envVariable = 'X';
      expect(paths(check(spec, platform)).sort()).toEqual([
        'platforms.kubernetes.deploymentSpec.executors.exec-comp.nodeSelectorr',
        'platforms.kubernetes.deploymentSpec.executors.exec-comp.secretAsEnv[0].keyToEnv[0].envVariable',
      ]);
    });

    it('finds a wrong enum name', () => {
      const [spec] = loadBase();
      spec['root'].inputDefinitions.parameters.secret_parm.parameterType = 'STRINGG';
      expect(check(spec)).toEqual([{
        path: 'root.inputDefinitions.parameters.secret_parm.parameterType',
        message: expect.stringMatching(/unknown value "STRINGG".*STRING/),
      }]);
    });

    it('finds a string where a bool goes', () => {
      const [spec] = loadBase();
      spec['root'].dag.tasks.comp.cachingOptions.enableCache = 'true';
      expect(paths(check(spec))).toEqual(['root.dag.tasks.comp.cachingOptions.enableCache']);
    });

    it('finds an object where a list goes, and a number inside a list of strings', () => {
      const [spec, platform] = loadBase();
      spec['deploymentSpec'].executors['exec-comp'].container.args[2] = 5;
      executor(platform).secretAsEnv = { keyToEnv: [] };
      expect(paths(check(spec, platform)).sort()).toEqual([
        'deploymentSpec.executors.exec-comp.container.args[2]',
        'platforms.kubernetes.deploymentSpec.executors.exec-comp.secretAsEnv',
      ]);
    });

    it('finds a dangling componentRef', () => {
      const [spec] = loadBase();
      spec['root'].dag.tasks.comp.componentRef.name = 'comp-missing';
      expect(check(spec)).toEqual([{ path: 'root.dag.tasks.comp.componentRef.name', message: expect.stringContaining('comp-missing') }]);
    });

    it('finds a dangling dependentTasks entry', () => {
      const [spec] = loadBase();
      spec['root'].dag.tasks.comp.dependentTasks.push('train');
      expect(paths(check(spec))).toEqual(['root.dag.tasks.comp.dependentTasks[1]']);
    });

    it('finds dangling executor, producer, input and platform executor names', () => {
      const [spec, platform] = loadBase();
      spec['components']['comp-comp'].executorLabel = 'exec-gone';
      spec['root'].dag.tasks.comp.inputs = {
        parameters: {
          a: { taskOutputParameter: { producerTask: 'ghost', outputParameterKey: 'x' } },
          b: { componentInputParameter: 'not_an_input' },
        },
      };
      executor(platform).secretAsEnv = [];
      platform['platforms'].kubernetes.deploymentSpec.executors['exec-ghost'] = {};
      expect(paths(check(spec, platform)).sort()).toEqual([
        'components.comp-comp.executorLabel',
        'platforms.kubernetes.deploymentSpec.executors.exec-ghost',
        'root.dag.tasks.comp.inputs.parameters.a.taskOutputParameter.producerTask',
        'root.dag.tasks.comp.inputs.parameters.b.componentInputParameter',
      ]);
    });

    it('finds schemaVersion 2.0.0', () => {
      const [spec] = loadBase();
      spec['schemaVersion'] = '2.0.0';
      expect(check(spec)).toEqual([{ path: 'schemaVersion', message: expect.stringContaining('2.1.0') }]);
    });

    it.each(['Pipeline-Secret', 'pipeline_secret', '-pipeline', 'pipeline.', 'my pipeline'])('finds the bad pipeline name %j', (name) => {
      const [spec] = loadBase();
      spec['pipelineInfo'].name = name;
      expect(paths(check(spec))).toEqual(['pipelineInfo.name']);
    });

    it('refuses dotted names and accepts dashed ones, as the KFP server does (ValidatePipelineName)', () => {
      const [spec] = loadBase();
      spec['pipelineInfo'].name = 'team.pipeline-2';
      expect(paths(check(spec))).toEqual(['pipelineInfo.name']);
      spec['pipelineInfo'].name = 'team-pipeline-2';
      expect(check(spec)).toEqual([]);
    });

    it('finds a missing root', () => {
      const [spec] = loadBase();
      delete spec['root'];
      expect(paths(check(spec))).toEqual(['root']);
    });

    it('finds a third YAML document', () => {
      const text = readFileSync(path.join(validIrDir, BASE), 'utf8');
      expect(checker!.checkYaml(text)).toEqual([]);
      expect(checker!.checkYaml(`${text}\n---\nplatforms: {}\n`)).toEqual([{ path: '', message: expect.stringContaining('document 3') }]);
    });

    it('refuses text that is not YAML', () => {
      expect(checker!.checkYaml('a: [1, 2\n')).toEqual([{ path: '', message: expect.stringContaining('not valid YAML') }]);
    });

    it('accepts snake_case field names but not both spellings of one field', () => {
      const [spec] = loadBase();
      const task = spec['root'].dag.tasks.comp;
      task.caching_options = task.cachingOptions;
      delete task.cachingOptions;
      expect(check(spec)).toEqual([]);
      task.componentRef = { name: 'comp-comp' };
      task.component_ref = { name: 'comp-comp' };
      expect(paths(check(spec))).toEqual(['root.dag.tasks.comp.component_ref']);
    });

    it('allows at most one member of a oneof', () => {
      const [spec, platform] = loadBase();
      executor(platform).secretAsEnv[0].secretNameParameter.runtimeValue = { constant: 'x' };
      expect(check(spec, platform)).toEqual([{
        path: 'platforms.kubernetes.deploymentSpec.executors.exec-comp.secretAsEnv[0].secretNameParameter.runtimeValue',
        message: expect.stringContaining('only one of'),
      }]);
    });

    it('reads int64 as a number or a decimal string, and Duration as "3.5s"', () => {
      const [spec, platform] = loadBase();
      executor(platform).activeDeadlineSeconds = '30';
      spec['root'].dag.tasks.comp.retryPolicy = { maxRetryCount: 2, backoffDuration: '3.5s', backoffFactor: 2 };
      expect(check(spec, platform)).toEqual([]);
      executor(platform).activeDeadlineSeconds = 1.5;
      spec['root'].dag.tasks.comp.retryPolicy.backoffDuration = '3 seconds';
      spec['root'].dag.tasks.comp.retryPolicy.maxRetryCount = '2x';
      expect(paths(check(spec, platform)).sort()).toEqual([
        'platforms.kubernetes.deploymentSpec.executors.exec-comp.activeDeadlineSeconds',
        'root.dag.tasks.comp.retryPolicy.backoffDuration',
        'root.dag.tasks.comp.retryPolicy.maxRetryCount',
      ]);
    });

    it('treats null as "not set" except where a value is required', () => {
      const [spec] = loadBase();
      spec['root'].dag.tasks.comp.cachingOptions = null;
      spec['root'].inputDefinitions.parameters.secret_parm.defaultValue = null;
      expect(check(spec)).toEqual([]);
      spec['root'].dag.tasks.comp.dependentTasks = [null];
      expect(paths(check(spec))).toEqual(['root.dag.tasks.comp.dependentTasks[0]']);
    });

    it('checks google.protobuf.Struct and Value fields hold JSON', () => {
      const [spec] = loadBase();
      spec['root'].inputDefinitions.parameters.secret_parm.defaultValue = { nested: [1, 'a', null, { b: true }] };
      expect(check(spec)).toEqual([]);
      spec['root'].inputDefinitions.parameters.secret_parm.defaultValue = { n: Infinity };
      spec['pipelineInfo'].description = 7;
      expect(paths(check(spec)).sort()).toEqual(['pipelineInfo.description', 'root.inputDefinitions.parameters.secret_parm.defaultValue.n']);
    });
  });
});

describe.skipIf(!haveData)('IR checker on arbitrary input', () => {
  const checker: IrChecker | undefined = haveData ? loadIrChecker() : undefined;

  it('never throws, whatever the documents hold', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 3 }), (docs) => {
      expect(Array.isArray(checker!.checkDocuments(docs))).toBe(true);
    }));
  });

  it('never throws on a real file with any one value replaced', () => {
    const [spec] = loadBase();
    const slots: [Doc, string][] = [];
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      for (const key of Object.keys(node)) {
        slots.push([node as Doc, key]);
        collect((node as Doc)[key]);
      }
    };
    collect(spec);
    fc.assert(fc.property(fc.nat(slots.length - 1), fc.jsonValue(), (index, replacement) => {
      const [parent, key] = slots[index]!;
      const saved: unknown = parent[key];
      parent[key] = replacement;
      try {
        expect(Array.isArray(checker!.checkDocuments([spec]))).toBe(true);
      } finally {
        parent[key] = saved;
      }
    }), { numRuns: 300 });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(Array.isArray(checker!.checkYaml(text))).toBe(true);
    }));
  });
});
