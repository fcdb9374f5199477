// Which process a run record names: a pid alone is not an identity (pids are reused, and a record can outlive the
// app), so the record keeps the process's start as well, and the app acts on a pid only when both match. Linux: the
// boot id and field 22 of /proc/<pid>/stat (start time in clock ticks since boot); macOS and the BSDs: `ps -o lstart`;
// elsewhere the start is unknown, and an unknown process is never signalled.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** An opaque token of when the process started; absent when this system cannot tell. */
  startedAt?: string;
}

/** What a recorded identity is now: the same process, gone, another process with that pid, or cannot tell. */
export type ProcessMatch = 'same' | 'gone' | 'other' | 'unknown';

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let bootId: string | undefined;

/** The start token of `pid` now, or undefined when it is not running or this system cannot tell. */
export function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command (which may hold spaces and parentheses) start at the last ')': state is field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const start = fields[22 - 3];
      bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      return start ? `linux:${bootId}:${start}` : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 });
  const start = ps.status === 0 ? ps.stdout.trim() : '';
  return start ? `ps:${start}` : undefined;
}

export function identifyProcess(pid: number): ProcessIdentity {
  const startedAt = processStart(pid);
  return startedAt ? { pid, startedAt } : { pid };
}

/** Compares a recorded identity (or a bare pid from an older record) with the process that has that pid now. */
export function matchProcess(recorded: ProcessIdentity | number): ProcessMatch {
  const identity = typeof recorded === 'number' ? { pid: recorded } : recorded;
  if (!Number.isInteger(identity.pid) || identity.pid <= 0 || !exists(identity.pid)) return 'gone';
  const now = processStart(identity.pid);
  if (!identity.startedAt || !now) return 'unknown';
  return now === identity.startedAt ? 'same' : 'other';
}
