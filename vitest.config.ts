import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The server suites run a second time on PostgreSQL when TEST_DATABASE_URL is set.
const postgresProjects = process.env.TEST_DATABASE_URL
  ? ['packages/server/vitest.pg.config.ts']
  : [];

/**
 * Test files at once: as many as the cores. Vitest's default for a run is one fewer, a single
 * worker on CI's 2 cores, and the last CI ran at a load of 1.3–1.7 with it: a core partly idle
 * while a file waits (the PGlite snapshot load, child processes starting, the simulators' HTTP,
 * timers). One more than the cores was tried: on a loaded machine the heaviest tests (the
 * isolation walk, approval-card limits) then ran past their 30 s. Vitest itself reads
 * VITEST_MAX_WORKERS (or `--maxWorkers`) over this.
 */
const maxWorkers = availableParallelism();

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
