import type { Page } from '@playwright/test';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, signInAsAdmin, test, unique } from '../fixtures/test';

/** A table cell that looks like a date (2026/12/7, 07/12/2026, 7.12.2026, 2026-12-07), not an IP. */
const DATE_LIKE = /\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b/;
/** The console's one date-time form, in both languages. */
const ONE_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

async function datesIn(page: Page, testId: string): Promise<string[]> {
  const cells = await page.getByTestId(testId).locator('tr.ant-table-row td').allInnerTexts();
  return cells.map((c) => c.trim()).filter((c) => DATE_LIKE.test(c));
}

for (const language of ['zh-CN', 'en'] as const) {
  test(`every table shows dates as YYYY-MM-DD HH:mm in ${language}`, async ({ page }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await admin.post('/sys/apiKeys', { name: unique('dates'), permissions: ['messages:read'] });
    await page.addInitScript((lang) => localStorage.setItem('orgbridge.language', lang), language);
    await signInAsAdmin(page);
    for (const [path, testId] of [
      ['/system/api-keys', 'api-keys-page'],
      ['/system/audit', 'audit-page'],
      ['/system/tenants', 'tenants-page'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(testId).locator('tr.ant-table-row td').first()).toBeVisible();
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      const dates = await datesIn(page, testId);
      expect(dates.length, `dates on ${path}`).toBeGreaterThan(0);
      for (const d of dates) expect(d, `a date on ${path}`).toMatch(ONE_FORMAT);
    }
  });
}
