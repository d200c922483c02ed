export { createRng } from './rng';
export type { Rng } from './rng';
export { createClock } from './clock';
export type { Clock } from './clock';
