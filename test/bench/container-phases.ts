// Where a container step's time goes, from the engine's own event stream (`ENGINE events`): for each container of a
// run or of a bare `run --rm`, create → start (setting up its mounts, namespaces), start → die (the command),
// die → destroy (removal), and, between two containers, the previous one's exit to the next one's create (what lies
// on the path from one step to the next: a bare `run --rm` waits for the removal; the runtime does its own work). Used by the containers bench section.
import { spawn } from 'node:child_process';

export interface ContainerPhases {
  setupMs: number;
  runMs: number;
  removeMs: number;
  /** From the previous container's exit (die) to this one's create; NaN for the first. */
  gapMs: number;
}

interface EngineEvent {
  id: string;
  action: string;
  at: number;
}

const PODMAN_NAMES: { [action: string]: string } = { died: 'die', remove: 'destroy' };

/** The container events between `since` and `until` (ms since the epoch) whose label matches. */
export function containerEvents(binary: string, since: number, until: number, label: string): Promise<EngineEvent[]> {
  // Whole seconds: Podman finds nothing for an RFC 3339 time with milliseconds.
  const args = ['events', '--since', String(Math.floor(since / 1000)), '--until', String(Math.ceil(until / 1000)), '--filter', 'type=container', '--filter', `label=${label}`, '--format', '{{json .}}'];
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.once('error', () => resolve([]));
    child.once('close', () => {
      const events: EngineEvent[] = [];
      for (const line of out.split('\n')) {
        if (!line.trim()) continue;
        try {
          // Docker: id, Action, timeNano; Podman: ID, Status, Time (RFC 3339), and its own names for die and destroy.
          const e = JSON.parse(line) as { id?: string; ID?: string; Action?: string; Status?: string; timeNano?: number; Time?: string; Name?: string; Actor?: { Attributes?: { name?: string } } };
          // The run's network holder (run-network.ts) is not a step.
          if ((e.Actor?.Attributes?.name ?? e.Name ?? '').endsWith('-network')) continue;
          const id = e.id ?? e.ID ?? '';
          const action = (e.Action ?? e.Status ?? '').split(':')[0] ?? '';
          const at = e.timeNano !== undefined ? e.timeNano / 1e6 : Date.parse(e.Time ?? '');
          events.push({ id, action: PODMAN_NAMES[action] ?? action, at });
        } catch {
          // Not an event line.
        }
      }
      resolve(events);
    });
  });
}

/** Each container's phases, in the order they were created. */
export function phasesOf(events: readonly EngineEvent[]): ContainerPhases[] {
  const byId = new Map<string, Map<string, number>>();
  for (const e of events) {
    const seen = byId.get(e.id) ?? new Map<string, number>();
    if (!seen.has(e.action)) seen.set(e.action, e.at);
    byId.set(e.id, seen);
  }
  const containers = [...byId.values()].filter((s) => s.has('create') && s.has('start') && s.has('die')).sort((a, b) => (a.get('create') ?? 0) - (b.get('create') ?? 0));
  return containers.map((s, i) => {
    const previous = containers[i - 1];
    const previousEnd = previous?.get('die') ?? Number.NaN;
    return {
      setupMs: (s.get('start') ?? 0) - (s.get('create') ?? 0),
      runMs: (s.get('die') ?? 0) - (s.get('start') ?? 0),
      removeMs: s.has('destroy') ? (s.get('destroy') ?? 0) - (s.get('die') ?? 0) : Number.NaN,
      gapMs: (s.get('create') ?? 0) - previousEnd,
    };
  });
}
