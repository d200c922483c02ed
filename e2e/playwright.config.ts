import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser (the machine has no internet besides npm).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Journeys that touch nothing shared: each works in tenants and users it creates itself (named
 * with `unique`), signs in with a password and keeps its language in its own browser context.
 * They run beside the others. Every other journey (and any new file until it is listed here)
 * changes or depends on state the whole server or simulator shares — tenant 0's WeCom connection,
 * domain and members, the simulator's corp, trusted IPs and faults — and runs one at a time in
 * project `shared`. (api-keys sends through tenant 0's WeCom: run beside wecom-egress it got the
 * 60020 that journey sets up; screens shows tenant 0's WeCom page.)
 */
const ISOLATED = [
  'audit',
  'auth',
  'console-polish',
  'departments',
  'home',
  'language',
  'members',
  'reset-password',
  'security-headers',
  'tenants',
  'users',
].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: './tests',
  globalSetup: './fixtures/global-setup.ts',
  // One folder per run: several runs may share this checkout, and each clears its own folder.
  outputDir: `./test-results/run-${(process.env.E2E_RUN_ID ??= String(Date.now()))}`,
  fullyParallel: false,
  // Two browsers at once: a journey mostly waits (on the server, the simulator, expectations
  // polling), so two overlap well on CI's 2 cores; `shared` still runs its files one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
  // `shared` first: it is the longer line, and its one worker starts at once.
  projects: [
    { name: 'shared', testIgnore: ISOLATED, workers: 1 },
    { name: 'isolated', testMatch: ISOLATED },
  ],
});
