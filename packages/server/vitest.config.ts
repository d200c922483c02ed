import { defineProject } from 'vitest/config';

/** Embedded PGlite; see vitest.pg.config.ts for the same suites on PostgreSQL. */
export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { ORGBRIDGE_TEST_DB: 'pglite' },
  },
});
