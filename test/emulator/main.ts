// `tsx test/emulator/main.ts [--port N] [--kubeconfig FILE] [--fake-clock] [--token T] [--task-ms N]`: starts the
// emulator with a real clock, prints its URL and the kubeconfig file written for it, and runs until interrupted.
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('Usage: tsx test/emulator/main.ts [--port N] [--kubeconfig FILE] [--fake-clock] [--token T] [--task-ms N] [--multi-user]');
    return;
  }
  const port = Number(flag('--port') ?? 0);
  const taskMs = flag('--task-ms');
  const kubeconfigPath = flag('--kubeconfig') ?? path.join(os.tmpdir(), `kfp-emulator-${process.pid}`, 'kubeconfig');
  const emulator = await startEmulator({
    port,
    clock: args.includes('--fake-clock') ? 'fake' : 'real',
    kubeconfigPath,
    ...(flag('--token') ? { token: flag('--token') } : {}),
    ...(taskMs ? { timings: { taskDurationMs: Number(taskMs) } } : {}),
    multiUser: args.includes('--multi-user'),
  });
  console.log(`KFP emulator listening on ${emulator.url}`);
  console.log(`  KFP API (direct):        ${emulator.url}/apis/v2beta1/healthz`);
  console.log(`  KFP API (service proxy): ${emulator.proxyUrl}/apis/v2beta1/healthz`);
  console.log(`  kubeconfig:              ${kubeconfigPath}`);
  console.log(`  swagger checks:          ${emulator.swagger ? 'on' : 'off (../shared/kfp/swagger not found)'}`);
  console.log(`  control:                 ${emulator.url}/__emulator/faults, /__emulator/clock`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
