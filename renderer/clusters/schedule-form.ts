// The "Schedule" form of the Run dialog as data: a five-field cron or an interval, how many runs at once, catch-up,
// an optional start and end. Gives the recurringRunCreate fields or what is wrong with each (the host checks again).
export type IntervalUnit = 'minutes' | 'hours' | 'days';

export interface ScheduleForm {
  displayName: string;
  trigger: 'cron' | 'interval';
  cron: string;
  interval: string;
  unit: IntervalUnit;
  maxConcurrency: string;
  catchup: boolean;
  /** `datetime-local` values (local time), or empty. */
  start: string;
  end: string;
}

export function emptyScheduleForm(pipelineName: string): ScheduleForm {
  return { displayName: `${pipelineName} schedule`, trigger: 'cron', cron: '0 2 * * *', interval: '1', unit: 'hours', maxConcurrency: '1', catchup: true, start: '', end: '' };
}

export interface ScheduleFields {
  displayName: string;
  cron?: string;
  intervalSeconds?: number;
  maxConcurrency: number;
  catchup: boolean;
  startTime?: string;
  endTime?: string;
}

export type ScheduleErrors = Partial<Record<keyof ScheduleForm, string>>;

const UNIT_SECONDS: Record<IntervalUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const CRON_FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const CRON_FIELD = /^[\d*?/,\-a-zA-Z]+$/;

/** What is wrong with a cron text as people write it (five fields, minute first, or a macro), if anything. */
export function cronProblem(text: string): string | undefined {
  const cron = text.trim();
  if (!cron) return 'Give a schedule, such as 0 2 * * * (every day at 02:00).';
  if (cron.startsWith('@')) return MACROS.includes(cron) ? undefined : `Use one of ${MACROS.join(', ')}, or five fields.`;
  const fields = cron.split(/\s+/);
  if (fields.length !== 5) return `A cron schedule has five fields (${CRON_FIELDS.join(', ')}); this has ${fields.length}.`;
  const bad = fields.findIndex((f) => !CRON_FIELD.test(f));
  if (bad >= 0) return `The ${CRON_FIELDS[bad]} field "${fields[bad]}" is not valid.`;
  return undefined;
}

function isoOf(local: string): string | undefined {
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function readScheduleForm(form: ScheduleForm): { fields?: ScheduleFields; errors: ScheduleErrors } {
  const errors: ScheduleErrors = {};
  const displayName = form.displayName.trim();
  if (!displayName) errors.displayName = 'Give the schedule a name.';
  let trigger: Pick<ScheduleFields, 'cron' | 'intervalSeconds'> = {};
  if (form.trigger === 'cron') {
    const problem = cronProblem(form.cron);
    if (problem) errors.cron = problem;
    else trigger = { cron: form.cron.trim().replace(/\s+/g, ' ') };
  } else {
    const n = Number(form.interval);
    if (!form.interval.trim() || !Number.isInteger(n) || n < 1) errors.interval = 'Give a whole number of at least 1.';
    else trigger = { intervalSeconds: n * UNIT_SECONDS[form.unit] };
  }
  const max = Number(form.maxConcurrency);
  if (!Number.isInteger(max) || max < 1 || max > 10) errors.maxConcurrency = 'From 1 to 10 runs at once.';
  const startTime = form.start ? isoOf(form.start) : undefined;
  const endTime = form.end ? isoOf(form.end) : undefined;
  if (form.start && !startTime) errors.start = 'Not a date and time.';
  if (form.end && !endTime) errors.end = 'Not a date and time.';
  else if (startTime && endTime && endTime <= startTime) errors.end = 'The end comes after the start.';
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    fields: { displayName, ...trigger, maxConcurrency: max, catchup: form.catchup, ...(startTime ? { startTime } : {}), ...(endTime ? { endTime } : {}) },
  };
}

/** A schedule's trigger as people read it: the cron text, or "every 2 hours". */
export function triggerText(schedule: { cron?: string; intervalSeconds?: number }): string {
  if (schedule.cron) return `cron ${schedule.cron}`;
  const s = schedule.intervalSeconds ?? 0;
  for (const [unit, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (s >= size && s % size === 0) return `every ${s / size === 1 ? unit : `${s / size} ${unit}s`}`;
  }
  return `every ${s} second${s === 1 ? '' : 's'}`;
}
