import { describe, expect, it } from 'vitest';
import { buildExecutorInput } from './executor-input';
import { placeholdersIn, resolveCommandLine, resolveString, type PlaceholderContext } from './placeholder.resolve';
import { refusal } from '../errors/refusal.test-support';

function context(parameters: Record<string, unknown> = {}): PlaceholderContext {
  const executorInput = buildExecutorInput({
    parameters: { text: 'hello world', n: 3, list: ['a', 'b'], flag: false, ...(parameters as object) },
    artifacts: {
      data: [{ name: 'data', uri: '/runs/r1/tasks/a/artifacts/data', schemaTitle: 'system.Dataset', metadata: { rows: 2 } }],
      remote: [{ name: 'remote', uri: 'gs://bucket/file.txt', schemaTitle: 'system.Artifact', metadata: {} }],
    },
    outputParameterFiles: { out: '/runs/r1/tasks/b/outputs/out' },
    outputArtifacts: { model: [{ name: 'model', uri: '/runs/r1/tasks/b/artifacts/model', schemaTitle: 'system.Model', metadata: {} }] },
    executorOutputFile: '/runs/r1/tasks/b/outputs/executor_output.json',
  });
  return {
    executorInput,
    job: { name: 'my-pipeline', id: 'r1', resourceName: 'r1', createTimeUtc: '2026-01-01T00:00:00Z', pipelineRoot: '/runs/r1', workspacePath: '/runs/r1/workspace' },
    task: { name: 'b', id: 'r1/b' },
  };
}


describe('resolving KFP placeholders', () => {
  const ctx = context();

  it('fills inputs, outputs and job facts, inside larger strings too', () => {
    expect(resolveString("{{$.inputs.parameters['text']}}", ctx)).toBe('hello world');
    expect(resolveString('n={{$.inputs.parameters["n"]}}, l={{$.inputs.parameters[\'list\']}}', ctx)).toBe('n=3, l=["a","b"]');
    expect(resolveString("{{$.inputs.artifacts['data'].path}}", ctx)).toBe('/runs/r1/tasks/a/artifacts/data');
    expect(resolveString("{{$.inputs.artifacts['remote'].path}}", ctx)).toBe('/gcs/bucket/file.txt');
    expect(resolveString("{{$.inputs.artifacts['remote'].uri}}", ctx)).toBe('gs://bucket/file.txt');
    expect(resolveString("{{$.inputs.artifacts['data'].metadata}}", ctx)).toBe('{"rows":2}');
    expect(resolveString("--out={{$.outputs.parameters['out'].output_file}}", ctx)).toBe('--out=/runs/r1/tasks/b/outputs/out');
    expect(resolveString("{{$.outputs.artifacts['model'].path}}|{{$.outputs.artifacts['model'].uri}}|{{$.outputs.artifacts['model'].metadata}}", ctx)).toBe(
      '/runs/r1/tasks/b/artifacts/model|/runs/r1/tasks/b/artifacts/model|{}',
    );
    expect(resolveString('{{$.pipeline_job_name}}/{{$.pipeline_task_name}}/{{$.workspace_path}}/{{$.pipeline_root}}', ctx)).toBe('my-pipeline/b//runs/r1/workspace//runs/r1');
    expect(JSON.parse(resolveString('{{$}}', ctx))).toEqual(ctx.executorInput);
  });

  it('expands Concat and IfPresent (Then, Else, absent) in command lines', () => {
    const line = resolveCommandLine(
      [
        'tool',
        '{"Concat": ["{{$.inputs.parameters[\'text\']}}", "+", {"Concat": ["x", "{{$.inputs.parameters[\'n\']}}"]}]}',
        '{"IfPresent": {"InputName": "text", "Then": ["--text", "{{$.inputs.parameters[\'text\']}}"]}}',
        '{"IfPresent": {"InputName": "absent", "Then": ["--absent", "{{$.inputs.parameters[\'absent\']}}"]}}',
        '{"IfPresent": {"InputName": "absent", "Then": "--yes", "Else": ["--no", {"Concat": ["n", "{{$.inputs.parameters[\'n\']}}"]}]}}',
        '{"IfPresent": {"InputName": "data", "Then": "{{$.inputs.artifacts[\'data\'].uri}}"}}',
        '{"Concat": ["a", {"IfPresent": {"InputName": "absent", "Then": "X"}}, "b"]}',
      ],
      ctx,
    );
    expect(line).toEqual(['tool', 'hello world+x3', '--text', 'hello world', '--no', 'n3', '/runs/r1/tasks/a/artifacts/data', 'ab']);
  });

  it('keeps JSON text that is not a structure placeholder, filling the placeholders inside it', () => {
    const line = resolveCommandLine(['{"display_name": "{{$.inputs.parameters[\'text\']}}", "n": {{$.inputs.parameters[\'n\']}}}'], ctx);
    expect(line).toEqual(['{"display_name": "hello world", "n": 3}']);
  });

  it('refuses missing inputs, unknown outputs, Google Cloud facts and unknown forms with KFS803 naming the placeholder', () => {
    const cases = [
      ["{{$.inputs.parameters['absent']}}", /input "absent" has no value/],
      ["{{$.inputs.artifacts['absent'].path}}", /input artifact "absent" was not given/],
      ["{{$.outputs.parameters['nope'].output_file}}", /no output parameter "nope"/],
      ["{{$.outputs.artifacts['model'].size}}", /"\.path", "\.uri" or "\.metadata"/],
      ['{{$.pipeline_google_cloud_project_id}}', /Google Cloud/],
      ["{{$.inputs.parameters['text'].json_escape[0]}}", /not one the local runtime understands/],
      ['{"Concat": ["a", ["b"]]}', /list cannot be joined/],
      ['{"IfPresent": {"InputName": "x", "Then": [1]}', /not valid JSON/],
    ] as const;
    for (const [text, message] of cases) {
      const error = refusal(() => resolveCommandLine([text], ctx));
      expect(error.code, text).toBe('KFS803');
      expect(error.message, text).toMatch(message);
    }
  });

  it('lists the placeholders written in a string once each', () => {
    expect(placeholdersIn("a {{$}} {{$.inputs.parameters['x']}} {{$}}")).toEqual(['{{$}}', "{{$.inputs.parameters['x']}}"]);
  });
});
