export { createRng } from './rng';
export type { Rng } from './rng';
export { createClock } from './clock';
export type { Clock } from './clock';
export { buildSimApp, listenSim } from './server';
export type { SimAppParts } from './server';
export { commonSimOptions, stopOnSignals } from './cli';
