export { createClock } from '@orgbridge/provider-kit/sim';
export type { Clock } from '@orgbridge/provider-kit/sim';
