// Cron schedules as KFP's ScheduledWorkflow controller reads them (robfig/cron with seconds): six fields
// "second minute hour day-of-month month day-of-week", or the usual five (seconds = 0). `*`, lists, ranges,
// steps and `?` are understood; names (MON, JAN) and `@every` are not. Times are UTC.
export interface CronSchedule {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

function field(text: string, min: number, max: number, what: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== '?') {
      const [a = '', b] = range.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b);
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) {
      throw new Error(`Invalid cron ${what} field "${text}" (allowed ${min}-${max}).`);
    }
    for (let v = lo; v <= hi; v += step) values.add(what === 'day-of-week' && v === 7 ? 0 : v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const text = MACROS[expression.trim()] ?? expression.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw new Error(`Invalid cron expression "${expression}": expected 6 fields (second minute hour day month weekday) or 5.`);
  }
  const [sec, min, hour, dom, mon, dow] = parts.length === 6 ? parts : ['0', ...parts];
  return {
    seconds: field(sec ?? '', 0, 59, 'second'),
    minutes: field(min ?? '', 0, 59, 'minute'),
    hours: field(hour ?? '', 0, 23, 'hour'),
    days: field(dom ?? '', 1, 31, 'day-of-month'),
    months: field(mon ?? '', 1, 12, 'month'),
    weekdays: field(dow ?? '', 0, 7, 'day-of-week'),
    dayRestricted: dom !== '*' && dom !== '?',
    weekdayRestricted: dow !== '*' && dow !== '?',
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const dom = schedule.days.has(date.getUTCDate());
  const dow = schedule.weekdays.has(date.getUTCDay());
  // As in cron: when both day fields are restricted, either may match.
  if (schedule.dayRestricted && schedule.weekdayRestricted) return dom || dow;
  return dom && dow;
}

/** The first time strictly after `after` (ms) that the schedule fires; undefined if none within 5 years. */
export function nextCronTime(schedule: CronSchedule, after: number): number | undefined {
  let t = Math.floor(after / 1000) * 1000 + 1000;
  const limit = after + 5 * 366 * 24 * 3600 * 1000;
  while (t <= limit) {
    const d = new Date(t);
    if (!schedule.months.has(d.getUTCMonth() + 1) || !dayMatches(schedule, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!schedule.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!schedule.minutes.has(d.getUTCMinutes())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes() + 1);
      continue;
    }
    if (!schedule.seconds.has(d.getUTCSeconds())) {
      t += 1000;
      continue;
    }
    return t;
  }
  return undefined;
}
