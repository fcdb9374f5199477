import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from './cron';

const at = (iso: string): number => Date.parse(iso);
const next = (cron: string, after: string): string | undefined => {
  const t = nextCronTime(parseCron(cron), at(after));
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe('cron schedules as KFP reads them', () => {
  it('reads six fields with seconds, and five as minutes', () => {
    expect(next('30 * * * * *', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:30.000Z');
    expect(next('*/15 * * * *', '2026-01-01T00:01:00Z')).toBe('2026-01-01T00:15:00.000Z');
    expect(next('0 0 12 * * *', '2026-01-01T12:00:00Z')).toBe('2026-01-02T12:00:00.000Z');
  });

  it('understands ranges, lists, weekdays and macros', () => {
    // 2026-01-03 is a Saturday: the next weekday 09:00 is Monday the 5th.
    expect(next('0 0 9 * * 1-5', '2026-01-03T10:00:00Z')).toBe('2026-01-05T09:00:00.000Z');
    expect(next('0 0 6,18 * * *', '2026-01-01T07:00:00Z')).toBe('2026-01-01T18:00:00.000Z');
    expect(next('@hourly', '2026-01-01T07:10:00Z')).toBe('2026-01-01T08:00:00.000Z');
    expect(next('0 0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('refuses what it cannot read', () => {
    expect(() => parseCron('* * *')).toThrow(/6 fields/);
    expect(() => parseCron('0 60 * * * *')).toThrow(/minute/);
  });
});
