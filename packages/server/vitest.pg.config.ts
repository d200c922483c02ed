import { defineProject } from 'vitest/config';

/** The server suites on PostgreSQL (TEST_DATABASE_URL); each test file gets its own copy of a
 * template database migrated once per run (test/global-setup-pg.ts). */
export default defineProject({
  test: {
    name: 'server-pg',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup-pg.ts'],
    // Generous for a shared CI machine running two files at once; a hung test still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { ORGBRIDGE_TEST_DB: 'pg' },
  },
});
