import cronParser from 'cron-parser';

/**
 * Time zone of every tenant's sync schedule. WeCom corps are in China, so `0 2 * * *` means
 * 02:00 Beijing time whatever the server's own zone is. Asia/Shanghai has no daylight saving time,
 * so a schedule never fires twice or not at all on a clock change.
 */
export const SCHEDULE_TZ = 'Asia/Shanghai';

/** A full sync costs thousands of WeCom calls (PRODUCT.md §6): no two runs closer than this. */
export const MIN_SCHEDULE_GAP_MINUTES = 15;

export interface ScheduleProblem {
  code: 'config.invalid_schedule' | 'config.schedule_too_frequent';
  message: string;
}

const EXAMPLES =
  'Use 5 fields "minute hour day-of-month month day-of-week" in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00, "0 */6 * * *" = every 6 hours, "30 1 * * 1" = Mondays at 01:30.';

/** Trims and collapses white space; an empty schedule means none. */
export function normaliseSchedule(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().split(/\s+/).join(' ');
  return text === '' ? null : text;
}

/** Why `expr` (normalised) cannot be a sync schedule, or null when it can. */
export function scheduleProblem(expr: string): ScheduleProblem | null {
  const fields = expr.split(' ');
  if (fields.length !== 5) {
    return {
      code: 'config.invalid_schedule',
      message: `定时同步表达式无效 (invalid sync schedule "${expr}": ${fields.length} field(s), 5 expected). ${EXAMPLES}`,
    };
  }
  let parsed: cronParser.CronExpression;
  try {
    parsed = cronParser.parseExpression(expr, { tz: SCHEDULE_TZ });
  } catch (err) {
    return {
      code: 'config.invalid_schedule',
      message: `定时同步表达式无效 (invalid sync schedule "${expr}": ${(err as Error).message}). ${EXAMPLES}`,
    };
  }
  const gap = smallestGapMinutes(parsed);
  if (gap < MIN_SCHEDULE_GAP_MINUTES) {
    return {
      code: 'config.schedule_too_frequent',
      message: `定时同步过于频繁 (the schedule "${expr}" can start a full sync ${gap} minute(s) after the previous one; at least ${MIN_SCHEDULE_GAP_MINUTES} minutes must separate two runs, because every full sync reads the whole WeCom directory). Sync less often, e.g. "0 2 * * *" = every day at 02:00 or "0 */6 * * *" = every 6 hours.`,
    };
  }
  return null;
}

const DAY_MINUTES = 24 * 60;

/**
 * The shortest time between two firings. Every firing day has the same times of day (hours ×
 * minutes), so that is the smallest step between them, or across midnight when two consecutive
 * calendar days fire.
 */
function smallestGapMinutes(parsed: cronParser.CronExpression): number {
  const times = parsed.fields.hour
    .flatMap((h) => parsed.fields.minute.map((m) => h * 60 + m))
    .sort((a, b) => a - b);
  let gap = DAY_MINUTES;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  const acrossMidnight = DAY_MINUTES - times[times.length - 1]! + times[0]!;
  if (acrossMidnight < gap && firesOnConsecutiveDays(parsed)) gap = acrossMidnight;
  return gap;
}

/**
 * Walks calendar days (eight years cover every weekday, month-day and leap-year combination)
 * with cron's rule: when both day fields are restricted, either one matching is enough.
 * Special weekday forms ("5L" = last Friday) count as "maybe": refusing is the safe side.
 */
function firesOnConsecutiveDays(parsed: cronParser.CronExpression): boolean {
  const { dayOfMonth, month, dayOfWeek } = parsed.fields;
  if (dayOfWeek.some((d) => typeof d !== 'number')) return true;
  const months = new Set<number>(month);
  const weekdays = new Set(dayOfWeek.map((d) => Number(d) % 7));
  const anyMonthDay = dayOfMonth.length >= 31;
  const anyWeekday = weekdays.size === 7;
  const fires = (d: Date) => {
    if (!months.has(d.getUTCMonth() + 1)) return false;
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const byMonthDay = dayOfMonth.some((v) =>
      v === 'L' ? d.getUTCDate() === last : v === d.getUTCDate(),
    );
    const byWeekday = weekdays.has(d.getUTCDay());
    if (anyMonthDay) return byWeekday;
    if (anyWeekday) return byMonthDay;
    return byMonthDay || byWeekday;
  };
  let previous = false;
  for (let day = 0; day < 8 * 366; day++) {
    const now = fires(new Date(Date.UTC(2024, 0, 1 + day)));
    if (now && previous) return true;
    previous = now;
  }
  return false;
}
