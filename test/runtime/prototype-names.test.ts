// The local runtime keys tasks, inputs and outputs by the names in the pipeline: a task named `constructor` runs and
// passes its output on, and an output named `toString` that the step never wrote fails the step with a clear
// message (on the old code the inherited Object.prototype.toString counted as the value and the run "succeeded").
import { afterAll, describe, expect, it } from 'vitest';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

afterAll(removeDataDirs);

const PIPELINE = `
components:
  comp-constructor:
    executorLabel: exec-constructor
    outputDefinitions:
      parameters:
        valueOf:
          parameterType: STRING
  comp-forgetful:
    executorLabel: exec-forgetful
    inputDefinitions:
      parameters:
        hasOwnProperty:
          parameterType: STRING
    outputDefinitions:
      parameters:
        toString:
          parameterType: STRING
deploymentSpec:
  executors:
    exec-constructor:
      container:
        image: alpine:3.20
        command: [sh, -ec, 'mkdir -p "$(dirname "$0")"; printf made > "$0"', "{{$.outputs.parameters['valueOf'].output_file}}"]
    exec-forgetful:
      container:
        image: alpine:3.20
        command: [sh, -ec, 'echo "got $0"', "{{$.inputs.parameters['hasOwnProperty']}}"]
pipelineInfo:
  name: inherited-names
root:
  dag:
    tasks:
      constructor:
        componentRef: {name: comp-constructor}
        taskInfo: {name: constructor}
      forgetful:
        componentRef: {name: comp-forgetful}
        dependentTasks: [constructor]
        inputs:
          parameters:
            hasOwnProperty:
              taskOutputParameter: {producerTask: constructor, outputParameterKey: valueOf}
        taskInfo: {name: forgetful}
schemaVersion: 2.1.0
`;

describe('names that objects inherit, in the local runtime', () => {
  it('runs a task named constructor, passes its output valueOf on, and fails a step that never wrote its output toString', async () => {
    const runtime = await openHostRuntime(freshDataDir());
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: PIPELINE }));
    expect(taskOf(run, 'constructor')).toMatchObject({ state: 'succeeded', outputs: { parameters: { valueOf: 'made' } } });
    const forgetful = taskOf(run, 'forgetful');
    expect(forgetful.inputs?.parameters.hasOwnProperty).toBe('made');
    expect((await runtime.readLog(run.id, 'forgetful')).text).toContain('got made');
    expect(forgetful.state).toBe('failed');
    expect(forgetful.error?.message).toContain('output parameter "toString"');
    expect(run.state).toBe('failed');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
