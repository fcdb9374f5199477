// A pipeline whose steps attack the machine running them, the way a step someone else wrote could: each step tries
// one way out of its run. Run in containers (every engine) and on the host by the step-escape suites.
//   log-link       replaces its own log with a link to `logTarget`, then fails so a retry appends to the log
//   plant-inputs   replaces the next task's inputs.json with a link to `inputsTarget`; victim runs after it
//   report-uri     reports `secretDir` as the location of its output artifact; use-uri writes into what it is given
//   link-artifact  makes its output artifact a link to `secretFile`; read-link copies what it is given to an output
//   fifo-output    leaves a FIFO as executor_output.json (reading it would hang the host)
//   huge-output    writes a 9 MB output parameter
// Paths inside the run are found from the output file a step is given: runs/<run>/tasks/<task>/outputs/<name>.
export interface HostileTargets {
  logTarget: string;
  inputsTarget: string;
  secretDir: string;
  secretFile: string;
}

type Json = { [key: string]: unknown };

const RUN_DIR = 'run=$(dirname "$(dirname "$(dirname "$(dirname "$0")")")")';
const ARTIFACT = { artifactType: { schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' } };

interface Step {
  script: string;
  args: string[];
  outputs?: { parameter?: boolean; artifact?: boolean };
  inputArtifactFrom?: string;
  after?: string[];
  retries?: number;
}

export function hostilePipeline(image: string, t: HostileTargets): Json {
  const param = "{{$.outputs.parameters['p'].output_file}}";
  const artifact = "{{$.outputs.artifacts['out'].path}}";
  const steps: { [name: string]: Step } = {
    'log-link': { script: `${RUN_DIR}; ln -sf "$1" "$run/logs/log-link.log" 2>/dev/null || true; echo tried; exit 1`, args: [param, t.logTarget], outputs: { parameter: true }, retries: 1 },
    'plant-inputs': {
      script: `${RUN_DIR}; mkdir -p "$run/tasks/victim" 2>/dev/null; ln -sf "$1" "$run/tasks/victim/inputs.json" 2>/dev/null || true; printf ok > "$0"`,
      args: [param, t.inputsTarget],
      outputs: { parameter: true },
    },
    victim: { script: 'printf ok > "$0"', args: [param], outputs: { parameter: true }, after: ['plant-inputs'] },
    'report-uri': {
      script: `printf '{"artifacts":{"out":{"artifacts":[{"uri":"%s"}]}}}' "$1" > "$(dirname "$0")/executor_output.json"; printf x > "$2"; printf ok > "$0"`,
      args: [param, t.secretDir, artifact],
      outputs: { parameter: true, artifact: true },
    },
    'use-uri': { script: 'echo pwned > "$0/pwned"; printf ok > "$1"', args: ["{{$.inputs.artifacts['data'].path}}", param], outputs: { parameter: true }, inputArtifactFrom: 'report-uri' },
    'link-artifact': { script: 'ln -s "$1" "$0"', args: [artifact, t.secretFile], outputs: { artifact: true } },
    'read-link': { script: 'cat "$0" > "$1"', args: ["{{$.inputs.artifacts['data'].path}}", param], outputs: { parameter: true }, inputArtifactFrom: 'link-artifact' },
    'fifo-output': { script: 'mkfifo "$(dirname "$0")/executor_output.json"', args: [param], outputs: { parameter: true } },
    'huge-output': { script: "head -c 9000000 /dev/zero | tr '\\0' a > \"$0\"", args: [param], outputs: { parameter: true } },
  };
  const components: Json = {};
  const executors: Json = {};
  const tasks: Json = {};
  for (const [name, step] of Object.entries(steps)) {
    components[`comp-${name}`] = {
      executorLabel: `exec-${name}`,
      ...(step.inputArtifactFrom ? { inputDefinitions: { artifacts: { data: ARTIFACT } } } : {}),
      outputDefinitions: {
        ...(step.outputs?.parameter ? { parameters: { p: { parameterType: 'STRING' } } } : {}),
        ...(step.outputs?.artifact ? { artifacts: { out: ARTIFACT } } : {}),
      },
    };
    executors[`exec-${name}`] = { container: { image, command: ['sh', '-c', step.script], args: step.args } };
    tasks[name] = {
      componentRef: { name: `comp-${name}` },
      taskInfo: { name },
      cachingOptions: { enableCache: false },
      ...(step.after ? { dependentTasks: step.after } : {}),
      ...(step.inputArtifactFrom ? { inputs: { artifacts: { data: { taskOutputArtifact: { producerTask: step.inputArtifactFrom, outputArtifactKey: 'out' } } } } } : {}),
      ...(step.retries ? { retryPolicy: { maxRetryCount: step.retries, backoffDuration: '0s' } } : {}),
    };
  }
  return { pipelineInfo: { name: 'hostile-steps' }, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.14.3', components, deploymentSpec: { executors }, root: { dag: { tasks } } };
}
