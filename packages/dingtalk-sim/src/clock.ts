export { createClock } from '@orgbridge/provider-kit/sim';
export type { Clock } from '@orgbridge/provider-kit/sim';

/** The calendar day (UTC+8, DingTalk's) of an epoch-ms instant, for once-a-day limits. */
export const chinaDay = (ms: number): number => Math.floor((ms + 8 * 3_600_000) / 86_400_000);
