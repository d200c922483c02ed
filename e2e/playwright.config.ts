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
  // One retry, reported as "flaky" in the output: CI shares a 2-core machine, and a slow moment
  // must not sink a run. A test that fails twice still fails. The retry records a trace.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    // The console honours reduced motion (antd motion off): overlays appear at once, so a click
    // never lands on a menu or dialog that is still animating in.
    reducedMotion: 'reduce',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Traces cost time on every test: recorded on a retry, or on every failure with E2E_TRACE=1.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'on-first-retry',
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
