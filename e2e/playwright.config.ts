import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser (the machine has no internet besides npm).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/global-setup.ts',
  // One folder per run: several runs may share this checkout, and each clears its own folder.
  outputDir: `./test-results/run-${(process.env.E2E_RUN_ID ??= String(Date.now()))}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Traces cost time on every test; turn them on when chasing a failure.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
