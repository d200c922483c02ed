import cronParser from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSchedule, scheduleProblem } from './schedule';

describe('sync schedule validation', () => {
  it.each(['0 2 * * *', '0 */6 * * *', '*/15 * * * *', '30 1 * * 1', '0 2 L * *', '0 0,12 * * *'])(
    'accepts %s',
    (expr) => {
      expect(scheduleProblem(expr)).toBeNull();
    },
  );

  it.each([
    '',
    '0 2 * *',
    '0 2 * * * *',
    '@daily',
    '61 * * * *',
    'abc def ghi jkl mno',
    '0 2 30 2 *',
  ])('refuses %j as not a 5-field cron expression, naming an example', (expr) => {
    const problem = scheduleProblem(expr);
    expect(problem?.code).toBe('config.invalid_schedule');
    expect(problem?.message).toContain('"0 2 * * *" = every day at 02:00');
  });

  it.each([
    ['* * * * *', 1],
    ['*/10 * * * *', 10],
    ['0,5 2 * * *', 5],
    // 23:55 then 00:05 the next day.
    ['5,55 0,23 * * *', 10],
  ])('refuses %s as more frequent than every 15 minutes (gap %i)', (expr, gap) => {
    const problem = scheduleProblem(expr);
    expect(problem?.code).toBe('config.schedule_too_frequent');
    expect(problem?.message).toContain(`${gap} minute(s)`);
  });

  it('counts a gap across midnight only when consecutive days both fire', () => {
    // Monday 23:55, then Monday 00:05 of the next week: never 10 minutes apart.
    expect(scheduleProblem('5,55 0,23 * * 1')).toBeNull();
    // The last day of a month at 23:55 and the 1st at 00:05.
    expect(scheduleProblem('5,55 0,23 1,L * *')?.code).toBe('config.schedule_too_frequent');
  });

  it('normalises white space and treats an empty schedule as none', () => {
    expect(normaliseSchedule('  0  2 *\t* * ')).toBe('0 2 * * *');
    expect(normaliseSchedule('   ')).toBeNull();
    expect(normaliseSchedule(null)).toBeNull();
  });
});

describe('sync schedule validation: properties', () => {
  const subset = (max: number, size: number) =>
    fc.uniqueArray(fc.integer({ min: 0, max }), { minLength: 1, maxLength: size });

  it('never throws on arbitrary text and always names a code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const schedule = normaliseSchedule(text);
        const problem = schedule === null ? null : scheduleProblem(schedule);
        if (problem) expect(problem.message.length).toBeGreaterThan(20);
      }),
    );
  });

  it('refuses exactly the daily schedules whose firings come closer than 15 minutes', () => {
    fc.assert(
      fc.property(subset(59, 4), subset(23, 3), (minutes, hours) => {
        const expr = `${minutes.join(',')} ${hours.join(',')} * * *`;
        // Brute force: the firings of two days as cron-parser enumerates them.
        const firings = cronParser.parseExpression(expr, {
          tz: 'Asia/Shanghai',
          currentDate: new Date(Date.UTC(2024, 4, 1)),
        });
        let previous = firings.next().getTime();
        let gap = Infinity;
        for (let i = 0; i < minutes.length * hours.length * 2; i++) {
          const next = firings.next().getTime();
          gap = Math.min(gap, (next - previous) / 60_000);
          previous = next;
        }
        expect(scheduleProblem(expr)?.code ?? null).toBe(
          gap < 15 ? 'config.schedule_too_frequent' : null,
        );
      }),
      { numRuns: 60 },
    );
  });
});
