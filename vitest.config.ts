import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The server suites run a second time on PostgreSQL when TEST_DATABASE_URL is set.
const postgresProjects = process.env.TEST_DATABASE_URL
  ? ['packages/server/vitest.pg.config.ts']
  : [];

/**
 * Test files at once: one more than the cores. Vitest's default for a run is one fewer, a single
 * worker on CI's 2 cores, and the last CI ran at a load of 1.3–1.7 with it: a core partly idle
 * while a file waits (the PGlite snapshot load, child processes starting, the simulators' HTTP,
 * timers). More than one extra worker only queues for the CPU and stretches the tests that bound
 * a duration. Vitest itself reads VITEST_MAX_WORKERS (or `--maxWorkers`) over this.
 */
const maxWorkers = availableParallelism() + 1;

export default defineConfig({
  test: {
    maxWorkers,
    projects: [
      'packages/provider-kit',
      'packages/wecom',
      'packages/wecom-sim',
      'packages/dingtalk',
      'packages/dingtalk-sim',
      'packages/server',
      'packages/web',
      ...postgresProjects,
    ],
  },
});
