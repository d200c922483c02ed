import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'wecom',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
