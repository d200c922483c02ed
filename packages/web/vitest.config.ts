import { defineProject } from 'vitest/config';

/**
 * Unit tests of the console's plain modules, and of components rendered to HTML on the server
 * (react-dom/server; no browser: the journeys in e2e/ cover interaction).
 */
export default defineProject({
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
