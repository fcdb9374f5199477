// Shared by the local runtime suites: fixtures, fresh data folders, runtimes that run steps on the host.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalRuntime } from '../../electron/host/runtime/local/local-runtime';
import type { RunSnapshot, TaskSnapshot } from '../../shared/runtime/runtime';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const created: string[] = [];

export function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kfs-runtime-'));
  created.push(dir);
  return dir;
}

/** Deletes the data folders this suite made (call from afterAll). */
export function removeDataDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function openHostRuntime(dataDir: string, concurrency?: number): Promise<LocalRuntime> {
  return LocalRuntime.open({ dataDir, detected: { mode: 'host', reason: 'tests run steps on the host' }, ...(concurrency ? { concurrency } : {}) });
}

export function taskOf(run: RunSnapshot, id: string): TaskSnapshot {
  const task = run.tasks.find((t) => t.id === id);
  if (!task) throw new Error(`no task ${id} in ${run.tasks.map((t) => t.id).join(', ')}`);
  return task;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether a process exists and is not a zombie (an exited process nobody has reaped yet). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
