import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dingtalk',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
