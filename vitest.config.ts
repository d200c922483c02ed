import { defineConfig } from 'vitest/config';

// The server suites run a second time on PostgreSQL when TEST_DATABASE_URL is set.
const postgresProjects = process.env.TEST_DATABASE_URL
  ? ['packages/server/vitest.pg.config.ts']
  : [];

export default defineConfig({
  test: {
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
