import { describe, expect, it } from 'vitest';
import { cronProblem, emptyScheduleForm, readScheduleForm, triggerText } from './schedule-form';

describe('the schedule form', () => {
  it('takes five cron fields or a macro, and says which field is wrong', () => {
    expect(cronProblem('30 2 * * 1-5')).toBeUndefined();
    expect(cronProblem('*/15 * * * MON-FRI')).toBeUndefined();
    expect(cronProblem('@daily')).toBeUndefined();
    expect(cronProblem('0 30 2 * * *')).toBe('A cron schedule has five fields (minute, hour, day of month, month, day of week); this has 6.');
    expect(cronProblem('0 2 * * $')).toBe('The day of week field "$" is not valid.');
    expect(cronProblem('@often')).toMatch(/^Use one of @yearly/);
    expect(cronProblem('  ')).toMatch(/^Give a schedule/);
  });

  it('turns an interval into seconds, and checks concurrency and the start/end order', () => {
    const form = { ...emptyScheduleForm('p'), trigger: 'interval' as const, interval: '2', unit: 'hours' as const, maxConcurrency: '3', catchup: false };
    expect(readScheduleForm(form).fields).toEqual({ displayName: 'p schedule', intervalSeconds: 7200, maxConcurrency: 3, catchup: false });
    expect(readScheduleForm({ ...form, interval: '1.5', maxConcurrency: '11' }).errors).toEqual({ interval: 'Give a whole number of at least 1.', maxConcurrency: 'From 1 to 10 runs at once.' });
    const timed = readScheduleForm({ ...emptyScheduleForm('p'), start: '2026-03-02T10:00', end: '2026-03-01T10:00' });
    expect(timed.errors.end).toBe('The end comes after the start.');
    const ok = readScheduleForm({ ...emptyScheduleForm('p'), cron: ' 0  2 * * * ', start: '2026-03-02T10:00' });
    expect(ok.fields?.cron).toBe('0 2 * * *');
    expect(ok.fields?.startTime).toBe(new Date('2026-03-02T10:00').toISOString());
  });

  it('describes a trigger as people read it', () => {
    expect(triggerText({ cron: '0 2 * * *' })).toBe('cron 0 2 * * *');
    expect(triggerText({ intervalSeconds: 3600 })).toBe('every hour');
    expect(triggerText({ intervalSeconds: 172_800 })).toBe('every 2 days');
    expect(triggerText({ intervalSeconds: 90 })).toBe('every 90 seconds');
  });
});
