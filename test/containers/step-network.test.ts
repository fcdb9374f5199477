// A step in a container reaches no network, in Docker and in Podman: its only interface is loopback, and a server
// listening on this machine's 127.0.0.1 does not answer it (its loopback is not the machine's). The steps of a run
// share one such namespace (run-network.ts), which is removed with the run's containers when the run ends.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_LABEL } from '../../electron/host/runtime/local/container-engine';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import { freshDataDir, removeDataDirs, taskOf } from '../runtime/runtime-helpers';
import { testEngines } from './engines';

const engines = await testEngines();
afterAll(removeDataDirs);

let server: Server | undefined;
let port = 0;
let reached = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    reached += 1;
    socket.end('hello from the host\n');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const PROBE = [
  'import os, socket, sys',
  'out = sys.argv[1]',
  'ifaces = sorted(os.listdir("/sys/class/net"))',
  'try:',
  '    socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=3).recv(100)',
  '    reach = "reached the host"',
  'except OSError as error:',
  '    reach = "unreachable"',
  'open(out, "w").write(" ".join(ifaces) + " | " + reach)',
].join('\n');

function probes(image: string, hostPort: number): { [key: string]: unknown } {
  const tasks: { [name: string]: unknown } = {};
  for (const name of ['first', 'second']) tasks[name] = { componentRef: { name: 'comp-probe' }, taskInfo: { name }, ...(name === 'second' ? { dependentTasks: ['first'] } : {}) };
  return {
    pipelineInfo: { name: 'network-probe' },
    schemaVersion: '2.1.0',
    components: { 'comp-probe': { executorLabel: 'exec-probe', outputDefinitions: { parameters: { seen: { parameterType: 'STRING' } } } } },
    deploymentSpec: { executors: { 'exec-probe': { container: { image, command: ['python3', '-c', PROBE], args: ["{{$.outputs.parameters['seen'].output_file}}", String(hostPort)] } } } },
    root: { dag: { tasks } },
  };
}

for (const engine of ['docker', 'podman'] as const) {
  const detected = engines.available[engine];
  describe.skipIf(!detected)(`a step's network in ${engine}`, () => {
    it('is loopback only: a server on this machine’s 127.0.0.1 is out of reach, and nothing is left after the run', async () => {
      const runtime = await LocalRuntime.open({ dataDir: freshDataDir(), detected: detected! });
      try {
        const before = reached;
        const run = await runtime.waitForRun(await runtime.submit({ pipeline: probes(engines.pythonImage, port) }));
        expect(run.state, JSON.stringify(run.tasks.map((t) => [t.id, t.error]))).toBe('succeeded');
        for (const step of ['first', 'second']) expect(taskOf(run, step).outputs?.parameters.seen).toBe('lo | unreachable');
        expect(reached).toBe(before);
        const left = spawnSync(detected!.binary!, ['ps', '-aq', '--filter', `label=${RUN_LABEL}=${run.id}`], { encoding: 'utf8' });
        expect(left.stdout.trim()).toBe('');
      } finally {
        await runtime.close();
      }
    }, 120_000);
  });
}
