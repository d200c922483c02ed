import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dingtalk-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
