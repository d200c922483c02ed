import { defineProject } from 'vitest/config';

/** Unit tests of the console's plain modules (no browser: the journeys in e2e/ cover screens). */
export default defineProject({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
