// Run by step-ownership.test.ts as a non-root user: one pipeline through the local runtime with Docker, in the data
// folder given as argv[2]; prints the run's state and its folder as JSON on the last line.
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { detectExecution } from '../../electron/host/runtime/local/container-engine';

const [dataDir, image] = process.argv.slice(2);
// The step, root in its container, makes a folder only its owner may enter, a file in it, an artifact and an output.
const script = 'mkdir -p "$0/deep" && echo data > "$0/deep/file" && chmod 700 "$0/deep" && echo ws > "$1/left-in-workspace" && printf ok > "$2"';
const pipeline = {
  pipelineInfo: { name: 'ownership' },
  schemaVersion: '2.1.0',
  components: { 'comp-write': { executorLabel: 'exec-write', outputDefinitions: { parameters: { out: { parameterType: 'STRING' } }, artifacts: { data: { artifactType: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } } } } } },
  deploymentSpec: { executors: { 'exec-write': { container: { image, command: ['sh', '-c', script], args: ["{{$.outputs.artifacts['data'].path}}", '{{$.workspace_path}}', "{{$.outputs.parameters['out'].output_file}}"] } } } },
  root: { dag: { tasks: { write: { componentRef: { name: 'comp-write' }, taskInfo: { name: 'write' } } } } },
};
const detected = await detectExecution('docker');
const runtime = await LocalRuntime.open({ dataDir: dataDir!, detected });
const run = await runtime.waitForRun(await runtime.submit({ pipeline }));
const log = (await runtime.readLog(run.id, 'write')).text;
await runtime.close();
console.log(JSON.stringify({ mode: detected.mode, state: run.state, task: run.tasks[0], log }));
