import type { Page } from '@playwright/test';
import { createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import {
  expect,
  expectNoSeriousA11y,
  shot,
  signInAsAdmin,
  startSignedIn,
  test,
  unique,
} from '../fixtures/test';
import { connectDefaultTenant } from '../fixtures/world';

/** The console's main screens, by path and the test id that says the page has rendered. */
const SCREENS = [
  ['users', '/system/users', 'users-page'],
  ['departments', '/system/departments', 'departments-page'],
  ['members', '/system/members', 'members-page'],
  ['my-tenants', '/system/my-tenants', 'my-tenants-page'],
  ['wecom', '/third-app/wecom', 'wecom-page'],
  ['messages', '/system/messages', 'messages-page'],
  ['audit', '/system/audit', 'audit-page'],
  ['api-keys', '/system/api-keys', 'api-keys-page'],
  ['tenants', '/system/tenants', 'tenants-page'],
  ['link-requests', '/account/link-requests', 'link-requests-page'],
] as const;

async function open(page: Page, path: string, testId: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId(testId)).toBeVisible();
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0);
}

test.describe('accessibility (axe-core, WCAG 2.1 AA) at 1440 px', () => {
  test('the sign-in page has no critical or serious violation', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByTestId('login-card')).toBeVisible();
    await expect(page.getByRole('main').getByTestId('login-card')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录 OrgBridge');
    await expectNoSeriousA11y(page, 'login');
    await shot(page, 'a11y-1440-login');
  });

  test('every main console screen has an h1 title and no critical or serious violation', async ({
    page,
  }) => {
    // The WeCom page shows all its steps only once configured.
    await connectDefaultTenant();
    await signInAsAdmin(page);
    for (const [name, path, testId] of SCREENS) {
      await open(page, path, testId);
      await expect(page.getByTestId(testId).getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousA11y(page, name);
      await shot(page, `a11y-1440-${name}`);
    }
  });

  test('the English console has no critical or serious violation either', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('orgbridge.language', 'en'));
    await signInAsAdmin(page);
    for (const [name, path, testId] of SCREENS) {
      await open(page, path, testId);
      await expectNoSeriousA11y(page, `en ${name}`);
    }
    await shot(page, 'en-a11y-api-keys');
  });
});

test('the main screens at 390 px (phones) have no critical or serious violation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await expect(page.getByTestId('login-card')).toBeVisible();
  await expectNoSeriousA11y(page, 'login 390');
  await shot(page, 'a11y-390-login');
  await signInAsAdmin(page);
  for (const [name, path, testId] of SCREENS) {
    await open(page, path, testId);
    await expectNoSeriousA11y(page, `${name} 390`);
    // Nothing wider than the phone: wide tables scroll inside their own (focusable) box.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(width, `${name} is wider than 390 px`).toBeLessThanOrEqual(390);
    await shot(page, `a11y-390-${name}`);
  }
});

test('a member without admin rights lands on a page with no critical or serious violation', async ({
  page,
}) => {
  // A member lands on the member home; 我的租户 is the other page a member has.
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const username = unique('a11ymember');
  await createReadyUser(admin, username, '无障碍成员', 'Member-pass-123');
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await startSignedIn(page, username, 'Member-pass-123');
    await expect(page.getByTestId('member-home')).toBeVisible();
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await expectNoSeriousA11y(page, `member home ${width}`);
    await shot(page, `a11y-${width}-member-landing`);
    await page.goto('/system/my-tenants');
    await expect(page.getByTestId('my-tenants-page')).toBeVisible();
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await expectNoSeriousA11y(page, `member 我的租户 ${width}`);
  }
});
