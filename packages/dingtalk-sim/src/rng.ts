export { createRng } from '@orgbridge/provider-kit/sim';
export type { Rng } from '@orgbridge/provider-kit/sim';
