import type { Page } from '@playwright/test';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';

const LANGUAGES = ['zh-CN', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
const short = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** An i18n key leaking into the page (e.g. "users.title") means a missing translation. */
async function expectNoRawKeys(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const leaked = text.match(
    /\b(common|menu|header|login|password|users|departments|members|tenants|myTenants|wecom|status|roles|errors)\.[A-Za-z_.]+\b/g,
  );
  expect(leaked ?? []).toEqual([]);
}

async function visit(page: Page, menu: RegExp, testId: string, name: string): Promise<void> {
  await page.locator('.ant-layout-sider').getByText(menu).click();
  await expect(page.getByTestId(testId)).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await expectNoRawKeys(page);
  await shot(page, name);
}

test.beforeAll(async () => {
  // Enough data that tables and the tree show rows, not only empty states.
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const sales = await admin.post<{ id: number }>('/sys/depart/add', { name: unique('销售部') });
  await admin.post('/sys/depart/add', { name: unique('华南区'), parentId: sales.id });
  for (const [name, realname] of [
    ['zhang.san', '张三'],
    ['li.si', '李四'],
  ] as const) {
    await admin.post('/sys/user/add', {
      username: unique(name),
      realname,
      password: 'Welcome123',
      departmentIds: [sales.id],
    });
  }
});

for (const language of LANGUAGES) {
  test(`every screen renders translated and uncluttered in ${language}`, async ({ page }) => {
    const p = short(language);
    await page.addInitScript((lang) => localStorage.setItem('orgbridge.language', lang), language);
    await page.goto('/login');
    await expectNoRawKeys(page);
    await signInAsAdmin(page);

    await visit(page, language === 'en' ? /^Users$/ : /^用户管理$/, 'users-page', `${p}-users`);
    await page
      .getByTestId('users-page')
      .getByRole('button', { name: language === 'en' ? 'Add user' : '新增用户' })
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, `${p}-users-add-modal`);
    await page.keyboard.press('Escape');

    await visit(
      page,
      language === 'en' ? /^Departments$/ : /^部门管理$/,
      'departments-page',
      `${p}-departments`,
    );
    await visit(
      page,
      language === 'en' ? /^Members/ : /^成员管理/, // the pending badge may follow
      'members-page',
      `${p}-members`,
    );
    await visit(
      page,
      language === 'en' ? /^Tenants$/ : /^租户管理$/,
      'tenants-page',
      `${p}-tenants`,
    );
    await visit(
      page,
      language === 'en' ? /^My tenants$/ : /^我的租户$/,
      'my-tenants-page',
      `${p}-my-tenants`,
    );
    await visit(
      page,
      language === 'en' ? /^WeCom integration$/ : /^企业微信集成$/,
      'wecom-page',
      `${p}-wecom`,
    );

    await page.getByTestId('user-menu').click();
    await page
      .getByRole('menuitem', { name: language === 'en' ? 'Change password' : '修改密码' })
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoRawKeys(page);
    await shot(page, `${p}-change-password-modal`);
    await page.keyboard.press('Escape');

    await page.goto('/no/such/page');
    await expect(page.locator('.ant-result-404')).toBeVisible();
    await shot(page, `${p}-not-found`);
  });
}

test('a tenant without departments or extra users shows empty states', async ({ page }) => {
  await signInAsAdmin(page);
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD);
  const tenant = await admin.post<{ id: number; name: string }>('/sys/tenant/add', {
    name: unique('空租户'),
  });
  await page.reload();
  await page.getByTestId('tenant-switcher').click();
  await page.locator('.ant-select-item-option', { hasText: tenant.name }).click();
  await expect(page.getByTestId('tenant-switcher')).toContainText(tenant.name);
  await visit(page, /^部门管理$/, 'departments-page', 'zh-departments-empty');
  await expect(page.getByTestId('departments-page')).toContainText('还没有部门');
});
