import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator';
import { call, createRun, uploadPipeline } from './emulator.fixture';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('emulator CLI', () => {
  it('prints its URL, writes a kubeconfig for it, serves on a real clock, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kfp-emulator-cli-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'test/emulator/main.ts', '--port', '0', '--kubeconfig', kubeconfig], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
      });
      const config = readFileSync(kubeconfig, 'utf8');
      expect(config).toContain(`server: ${url}`);
      const token = /token: (\S+)/.exec(config)?.[1] ?? '';
      const version = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${token}` } });
      expect(version.status).toBe(200);
      const clock = (await (await fetch(`${url}/__emulator/clock`)).json()) as { mode: string; now: string };
      expect(clock.mode).toBe('real');
      expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(5000);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on the real clock, moves a run to SUCCEEDED by itself', async () => {
    const emulator = await startEmulator({ clock: 'real', timings: { startDelayMs: 50, taskDurationMs: 100, cancelDelayMs: 50 } });
    try {
      const run = await createRun(emulator, await uploadPipeline(emulator, 'realtime'));
      let state = String(run.state);
      for (let i = 0; i < 60 && state !== 'SUCCEEDED'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = String((await call(emulator, 'GET', `/apis/v2beta1/runs/${String(run.run_id)}`)).json.state);
      }
      expect(state).toBe('SUCCEEDED');
    } finally {
      await emulator.close();
    }
  });
});
