import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'wecom-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
