import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser (the machine has no internet besides npm).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Journeys that work in tenants and users they create (named with `unique`), sign in with a
 * password and keep their language in their own browser context. Every other journey (and any
 * new file until it is listed here) changes or reads state the whole server or simulator shares
 * (tenant 0's WeCom connection, domain and members; the simulator's corp, trusted IPs, faults)
 * and runs one at a time in project `shared`. api-keys sends through tenant 0's WeCom (beside
 * wecom-egress it got that journey's 60020); screens shows tenant 0's WeCom page. Some listed
 * here still add accounts to tenant 0: see `workers` below.
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
  // One browser by default. E2E_WORKERS=2 runs `isolated` beside `shared`, but is not safe yet:
  // isolated journeys add accounts to tenant 0 (auth, home…), and wecom-sync then finds its
  // preview stale (预览之后成员…已发生变化) and fails. Before 2 becomes the default, the sync
  // journeys need a tenant of their own, or the others must stop adding to tenant 0.
  workers: Number(process.env.E2E_WORKERS ?? 1),
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
