import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The server suites run a second time on PostgreSQL when TEST_DATABASE_URL is set.
const postgresProjects = process.env.TEST_DATABASE_URL
  ? ['packages/server/vitest.pg.config.ts']
  : [];

/**
 * Test files at once. Vitest's default for a run is one fewer than the cores: a single worker on
 * CI's 2 cores, idle while its file waits — and most server files mostly wait (the PGlite
 * snapshot load, child processes starting, the simulators' HTTP, timers), so at least 4. Vitest
 * itself reads VITEST_MAX_WORKERS (or `--maxWorkers`) over this.
 */
const maxWorkers = Math.max(4, availableParallelism());

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
