// Moves a run's tasks through their states on the emulator clock: a task starts when its upstream tasks have ended
// (at the latest of their end times), a pod task ends `durationMs` later, a DAG task ends with its last child. The
// plan is a tree under one root DAG task. Times are exact whatever the tick rate, since each start is computed
// from the ends before it.
export type SimTaskState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'canceled';
export type SimRunState = 'pending' | 'running' | 'succeeded' | 'failed' | 'canceling' | 'canceled';
/** `always`: the step fails on every attempt; `once`: it fails on the first attempt and succeeds on a retry. */
export type FailMode = 'never' | 'always' | 'once';

export interface SimTaskSpec {
  /** Unique in the run: the path of task names (`root`, `root/train`, `root/loop/inner`). */
  id: string;
  /** The task's key in its DAG. */
  name: string;
  parentId?: string;
  kind: 'pod' | 'dag';
  /** Ids of sibling tasks this one waits for. */
  deps: string[];
  failMode: FailMode;
  /** Runs whatever its upstream tasks' outcome (exit handlers, `ALL_UPSTREAM_TASKS_COMPLETED`). */
  runsAfterFailure: boolean;
  durationMs?: number;
  image?: string;
  command?: string[];
  /** The Argo template the task runs, for Workflow nodes. */
  template?: string;
}

export interface SimTask extends SimTaskSpec {
  state: SimTaskState;
  startAt?: number;
  endAt?: number;
  /** When a running pod will end. */
  plannedEndAt?: number;
  attempts: number;
  message?: string;
}

export interface SimTimings {
  startDelayMs: number;
  taskDurationMs: number;
  cancelDelayMs: number;
}

export interface SimRun {
  tasks: SimTask[];
  state: SimRunState;
  createdAt: number;
  startAt?: number;
  endAt?: number;
  /** Tasks start no earlier than this (the creation plus the start delay, or a retry's time). */
  notBefore: number;
  cancelAt?: number;
  timings: SimTimings;
}

export function failModeOfImage(image: string | undefined): FailMode {
  const name = (image ?? '').split('@')[0]?.split(':')[0] ?? '';
  const base = name.split('/').pop() ?? '';
  if (base === 'fail') return 'always';
  if (base === 'fail-once') return 'once';
  return 'never';
}

export function createSimRun(specs: SimTaskSpec[], createdAt: number, timings: SimTimings): SimRun {
  return {
    tasks: specs.map((spec) => ({ ...spec, state: 'pending', attempts: 0 })),
    state: 'pending',
    createdAt,
    notBefore: createdAt + timings.startDelayMs,
    timings,
  };
}

export function isTerminalSimRun(state: SimRunState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'canceled';
}

function terminal(state: SimTaskState): boolean {
  return state !== 'pending' && state !== 'running';
}

/** Brings the run up to `now`; true when anything changed. */
export function progressSimRun(run: SimRun, now: number): boolean {
  if (isTerminalSimRun(run.state)) return false;
  let changed = false;
  if (run.state === 'pending') {
    if (now < run.notBefore) return false;
    run.state = 'running';
    run.startAt = run.notBefore;
    changed = true;
  }
  const byId = new Map(run.tasks.map((task) => [task.id, task]));
  const children = (id: string): SimTask[] => run.tasks.filter((task) => task.parentId === id);
  let moved = true;
  while (moved) {
    moved = false;
    for (const task of run.tasks) {
      if (task.state === 'pending') moved = tryStart(run, task, byId, now) || moved;
      if (task.state === 'running') moved = tryEnd(run, task, children(task.id), now) || moved;
    }
    changed = changed || moved;
  }
  if (run.state === 'canceling' && run.cancelAt !== undefined && now >= run.cancelAt + run.timings.cancelDelayMs) {
    const at = run.cancelAt + run.timings.cancelDelayMs;
    for (const task of run.tasks) {
      if (task.state === 'running') Object.assign(task, { state: 'canceled', endAt: at, plannedEndAt: undefined });
    }
    run.state = 'canceled';
    run.endAt = at;
    return true;
  }
  const root = run.tasks.find((task) => task.parentId === undefined);
  if (run.state === 'running' && root && terminal(root.state)) {
    run.state = root.state === 'succeeded' ? 'succeeded' : root.state === 'canceled' ? 'canceled' : 'failed';
    run.endAt = root.endAt ?? now;
    changed = true;
  }
  return changed;
}

function tryStart(run: SimRun, task: SimTask, byId: Map<string, SimTask>, now: number): boolean {
  const parent = task.parentId !== undefined ? byId.get(task.parentId) : undefined;
  if (task.parentId !== undefined && parent?.state !== 'running') return false;
  const deps = task.deps.map((id) => byId.get(id)).filter((dep): dep is SimTask => dep !== undefined);
  if (deps.some((dep) => !terminal(dep.state))) return false;
  if (run.state === 'canceling') return false; // a stopped run starts nothing and skips nothing
  const readyAt = Math.max(run.notBefore, parent?.startAt ?? 0, ...deps.map((dep) => dep.endAt ?? 0));
  const upstreamFailed = deps.some((dep) => dep.state !== 'succeeded');
  if (upstreamFailed && !task.runsAfterFailure) {
    Object.assign(task, { state: 'skipped', startAt: undefined, endAt: readyAt, message: 'An upstream task did not succeed.' });
    return true;
  }
  if (readyAt > now) return false;
  task.state = 'running';
  task.startAt = readyAt;
  task.endAt = undefined;
  task.message = undefined;
  task.attempts += 1;
  if (task.kind === 'pod') task.plannedEndAt = readyAt + (task.durationMs ?? run.timings.taskDurationMs);
  return true;
}

function tryEnd(run: SimRun, task: SimTask, kids: SimTask[], now: number): boolean {
  if (task.kind === 'pod') {
    if (task.plannedEndAt === undefined || task.plannedEndAt > now) return false;
    const fails = task.failMode === 'always' || (task.failMode === 'once' && task.attempts === 1);
    task.state = fails ? 'failed' : 'succeeded';
    task.endAt = task.plannedEndAt;
    task.plannedEndAt = undefined;
    if (fails) task.message = `The step exited with code 1 (image "${task.image ?? ''}" is the emulator's failing marker).`;
    return true;
  }
  if (kids.some((kid) => !terminal(kid.state))) return false;
  if (run.state === 'canceling' && kids.some((kid) => kid.state === 'pending')) return false;
  task.endAt = Math.max(task.startAt ?? 0, ...kids.map((kid) => kid.endAt ?? 0));
  if (kids.some((kid) => kid.state === 'canceled')) task.state = 'canceled';
  else if (kids.some((kid) => kid.state === 'failed' || kid.state === 'skipped')) task.state = 'failed';
  else task.state = 'succeeded';
  if (task.state === 'failed') task.message = 'A task inside this DAG failed.';
  return true;
}

/** Stops the run: running pods are killed at `at`; the run is CANCELING until the cancel delay has passed. */
export function terminateSimRun(run: SimRun, at: number): boolean {
  if (isTerminalSimRun(run.state) || run.state === 'canceling') return false;
  if (run.state === 'pending') run.startAt = undefined;
  run.state = 'canceling';
  run.cancelAt = at;
  for (const task of run.tasks) {
    if (task.state === 'running' && task.kind === 'pod') {
      Object.assign(task, { state: 'canceled', endAt: at, plannedEndAt: undefined, message: 'Terminated by the user.' });
    }
  }
  return true;
}

/** Runs failed, canceled and skipped tasks again from `at`, keeping those that succeeded. */
export function retrySimRun(run: SimRun, at: number): void {
  const reset = new Set<string>();
  for (const task of run.tasks) {
    if (task.state === 'failed' || task.state === 'canceled' || task.state === 'skipped' || task.state === 'pending') reset.add(task.id);
  }
  // A DAG holding a task to run again runs again too.
  for (const task of [...run.tasks].reverse()) {
    if (reset.has(task.id) && task.parentId !== undefined) reset.add(task.parentId);
  }
  for (const task of run.tasks) {
    if (!reset.has(task.id)) continue;
    Object.assign(task, { state: 'pending', startAt: undefined, endAt: undefined, plannedEndAt: undefined, message: undefined });
  }
  run.state = 'running';
  run.endAt = undefined;
  run.cancelAt = undefined;
  run.notBefore = at;
}

export interface LogLine {
  at: number;
  text: string;
}

/** What the task's pod writes, line by line with the time each appears; only lines written by `now`. */
export function taskLogLines(task: SimTask, now: number, durationMs: number): LogLine[] {
  if (task.kind !== 'pod' || task.startAt === undefined) return [];
  const start = task.startAt;
  const length = task.endAt !== undefined ? task.endAt - start : (task.durationMs ?? durationMs);
  const lines: LogLine[] = [
    { at: start, text: `[emulator] ${task.name}: started, attempt ${task.attempts}, image ${task.image ?? '(none)'}` },
  ];
  if (task.command?.length) lines.push({ at: start, text: `[emulator] ${task.name}: $ ${task.command.join(' ')}` });
  lines.push({ at: start + Math.floor(length / 2), text: `[emulator] ${task.name}: working` });
  if (task.endAt !== undefined) {
    const last =
      task.state === 'succeeded'
        ? `[emulator] ${task.name}: done`
        : task.state === 'canceled'
          ? `[emulator] ${task.name}: terminated`
          : `[emulator] ${task.name}: error: ${task.message ?? 'failed'}`;
    lines.push({ at: task.endAt, text: last });
  }
  const until = task.endAt ?? now;
  return lines.filter((line) => line.at <= now && line.at <= until);
}
