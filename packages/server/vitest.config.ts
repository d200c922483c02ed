import { defineProject } from 'vitest/config';

/** Embedded PGlite; see vitest.pg.config.ts for the same suites on PostgreSQL. */
export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous for a shared CI machine running two files at once; a hung test still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { ORGBRIDGE_TEST_DB: 'pglite' },
  },
});
