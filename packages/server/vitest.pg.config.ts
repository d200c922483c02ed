import { defineProject } from 'vitest/config';

/** The server suites on PostgreSQL (TEST_DATABASE_URL); each test file gets its own database. */
export default defineProject({
  test: {
    name: 'server-pg',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { ORGBRIDGE_TEST_DB: 'pg' },
  },
});
