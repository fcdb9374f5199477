// The next time a recurring run's trigger fires: a cron schedule or a periodic one (`interval_second`), within
// the trigger's optional start and end times.
import { nextCronTime, parseCron } from './cron';

type Obj = { [key: string]: unknown };

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Throws with a message a person can act on when the trigger cannot be used. */
export function checkTrigger(trigger: unknown): void {
  const cron = isObj(trigger) && isObj(trigger.cron_schedule) ? trigger.cron_schedule : undefined;
  const periodic = isObj(trigger) && isObj(trigger.periodic_schedule) ? trigger.periodic_schedule : undefined;
  if (!cron && !periodic) throw new Error('Trigger must have a cron schedule or a periodic schedule.');
  if (cron && periodic) throw new Error('Trigger can have only one of cron schedule and periodic schedule.');
  if (cron) parseCron(String(cron.cron ?? ''));
  if (periodic) {
    const seconds = Number(periodic.interval_second ?? 0);
    if (!(seconds > 0)) throw new Error('Periodic schedule interval must be greater than 0 seconds.');
  }
}

/** The first fire strictly after `after`; undefined once past the end time. */
export function nextScheduleTime(trigger: Obj, after: number): number | undefined {
  const cron = isObj(trigger.cron_schedule) ? trigger.cron_schedule : undefined;
  const periodic = isObj(trigger.periodic_schedule) ? trigger.periodic_schedule : undefined;
  const schedule = cron ?? periodic ?? {};
  const start = time(schedule.start_time);
  const end = time(schedule.end_time);
  let next: number | undefined;
  if (cron) {
    next = nextCronTime(parseCron(String(cron.cron ?? '')), Math.max(after, (start ?? 0) - 1000));
  } else if (periodic) {
    const interval = Number(periodic.interval_second ?? 0) * 1000;
    if (!(interval > 0)) return undefined;
    next = Math.max(after, start ?? after) + interval;
  }
  if (next === undefined || (end !== undefined && next > end)) return undefined;
  return next;
}

/** Converts a camelCase trigger (as protojson accepts) to the snake_case the emulator keeps. */
export function normalizeTrigger(trigger: unknown): Obj {
  if (!isObj(trigger)) return {};
  const out: Obj = {};
  const cron = trigger.cron_schedule ?? trigger.cronSchedule;
  const periodic = trigger.periodic_schedule ?? trigger.periodicSchedule;
  const norm = (value: unknown): Obj => {
    const obj = isObj(value) ? value : {};
    const result: Obj = {};
    for (const [key, item] of Object.entries(obj)) result[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = item;
    return result;
  };
  if (cron !== undefined && cron !== null) out.cron_schedule = norm(cron);
  if (periodic !== undefined && periodic !== null) {
    const p = norm(periodic);
    if (p.interval_second !== undefined) p.interval_second = String(p.interval_second);
    out.periodic_schedule = p;
  }
  return out;
}
