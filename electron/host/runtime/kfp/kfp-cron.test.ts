import { describe, expect, it } from 'vitest';
import { isKfsError } from '../../../../shared/errors/codes';
import { fromKfpCron, toKfpCron } from './kfp-cron';

function refusal(expression: string): string {
  try {
    toKfpCron(expression);
  } catch (error) {
    if (isKfsError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  throw new Error(`"${expression}" was accepted`);
}

describe('five-field cron for KFP', () => {
  it('adds the seconds field KFP wants, and drops it again for display', () => {
    for (const five of ['*/5 * * * *', '30 2 * * 1-5', '0 0 1,15 * *', '15 10 ? * MON-FRI', '0 12 * JAN,JUL SUN']) {
      const six = toKfpCron(five);
      expect(six.split(' ')).toHaveLength(6);
      expect(six.startsWith('0 ')).toBe(true);
      expect(fromKfpCron(six)).toBe(five);
    }
    expect(toKfpCron('@daily')).toBe('0 0 0 * * *');
    expect(fromKfpCron('30 0 * * * *')).toBe('30 0 * * * *');
  });

  it('refuses what the scheduler would not take, saying which field', () => {
    expect(refusal('61 * * * *')).toMatch(/^KFS911 .*minute 61 is outside 0-59/);
    expect(refusal('0 24 * * *')).toMatch(/hour 24/);
    expect(refusal('0 0 0 * *')).toMatch(/day of month 0/);
    expect(refusal('0 0 * 13 *')).toMatch(/month 13/);
    expect(refusal('* * * *')).toMatch(/4 fields, not five/);
    expect(refusal('0 */5 * * * *')).toMatch(/six fields/);
    expect(refusal('*/0 * * * *')).toMatch(/step "0"/);
    expect(refusal('5-1 * * * *')).toMatch(/goes backwards/);
    expect(refusal('x * * * *')).toMatch(/"x" is not a number/);
  });
});
