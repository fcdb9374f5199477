// People write the usual five-field cron ("minute hour day month weekday"); KFP's scheduler (robfig/cron) wants six
// fields with seconds first. These convert both ways and refuse what the scheduler would not take (KFS911).
import { KfsError } from '../../../../shared/errors/codes';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  what: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: FieldRule[] = [
  { what: 'minute', min: 0, max: 59 },
  { what: 'hour', min: 0, max: 23 },
  { what: 'day of month', min: 1, max: 31 },
  { what: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { what: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

function value(text: string, rule: FieldRule, expression: string): number {
  const upper = text.toUpperCase();
  const named = rule.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (rule.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw bad(expression, `"${text}" is not a number in the ${rule.what} field`);
  const n = Number(text);
  if (n < rule.min || n > rule.max) throw bad(expression, `${rule.what} ${n} is outside ${rule.min}-${rule.max}`);
  return n;
}

function bad(expression: string, why: string): KfsError {
  return new KfsError('KFS911', `The schedule "${expression}" is not a valid cron expression: ${why}. Use five fields: minute hour day-of-month month day-of-week (e.g. "30 2 * * 1-5").`, { field: 'cron' });
}

function checkField(text: string, rule: FieldRule, expression: string): void {
  for (const part of text.split(',')) {
    if (!part) throw bad(expression, `an empty item in the ${rule.what} field`);
    const [range = '', step, extra] = part.split('/');
    if (extra !== undefined) throw bad(expression, `"${part}" has two steps`);
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) throw bad(expression, `the step "${step}" in the ${rule.what} field is not a positive number`);
    if (range === '*' || (range === '?' && (rule.what === 'day of month' || rule.what === 'day of week'))) continue;
    const [lo = '', hi, more] = range.split('-');
    if (more !== undefined) throw bad(expression, `"${range}" is not a range`);
    const a = value(lo, rule, expression);
    if (hi !== undefined && value(hi, rule, expression) < a) throw bad(expression, `the range "${range}" in the ${rule.what} field goes backwards`);
  }
}

/** Checks a five-field cron (or a macro such as @daily) and returns KFP's six-field form (seconds = 0). */
export function toKfpCron(expression: string): string {
  const trimmed = expression.trim();
  const five = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const fields = five.split(/\s+/).filter(Boolean);
  if (fields.length === 6) throw bad(expression, 'it has six fields; give the usual five (minute first), seconds are added for KFP');
  if (fields.length !== 5) throw bad(expression, `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, not five`);
  fields.forEach((field, i) => checkField(field, FIELDS[i] as FieldRule, expression));
  return `0 ${fields.join(' ')}`;
}

/** KFP's six-field cron as people write it: without the seconds when they are 0; as is otherwise. */
export function fromKfpCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 6 && fields[0] === '0') return fields.slice(1).join(' ');
  return cron.trim();
}
