import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/wecom', 'packages/wecom-sim', 'packages/server'],
  },
});
