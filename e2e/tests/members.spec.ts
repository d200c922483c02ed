import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, shot, signIn, signInAsAdmin, test, unique } from '../fixtures/test';

test('the tenant admin refuses one request, promotes a member, and a member quits', async ({
  page,
  browser,
  baseURL,
}) => {
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const tenant = await admin.post<{ id: number; name: string; houseNumber: string }>(
    '/sys/tenant/add',
    { name: unique('研究院') },
  );
  const [refused, promoted] = [unique('zhao.lei'), unique('sun.li')];
  for (const [username, realname] of [
    [refused, '赵雷'],
    [promoted, '孙丽'],
  ] as const) {
    await createReadyUser(admin, username, realname, 'Member12345');
    const login = await createApi().post<{ token: string }>('/sys/login', {
      username,
      password: 'Member12345',
    });
    await createApi(login.token).post('/sys/tenant/join', { houseNumber: tenant.houseNumber });
  }

  await signInAsAdmin(page);
  await page.getByTestId('tenant-switcher').click();
  await page.locator('.ant-select-item-option', { hasText: tenant.name }).click();
  await page.locator('.ant-layout-sider').getByText('成员管理').click();

  // Two wait, so the page opens on 审核中 (issue 18); 全部 lists everyone.
  const filter = page.getByTestId('members-status-filter');
  await expect(filter.locator('.ant-segmented-item-selected')).toContainText('审核中');
  await expect(filter).toContainText('2');
  await filter.getByText('全部').click();
  // Pending requests are listed first, ahead of the admin's own active membership.
  await expect(page.getByRole('row').nth(1)).toContainText('审核中');
  await page
    .getByRole('row', { name: new RegExp(refused) })
    .getByRole('button', { name: /拒\s*绝/ })
    .click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByRole('row', { name: new RegExp(refused) })).toContainText('已拒绝');

  const member = page.getByRole('row', { name: new RegExp(promoted) });
  await member.getByRole('button', { name: /通\s*过/ }).click();
  await expect(member).toContainText('正常');
  await member.locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: '管理员' }).click();
  await expect(page.locator('.ant-message')).toContainText('角色已修改');
  await shot(page, 'zh-members-roles');

  // The promoted member sees the tenant, then quits it from 我的租户.
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', reducedMotion: 'reduce' });
  const memberPage = await context.newPage();
  await signIn(memberPage, promoted, 'Member12345');
  await memberPage.getByRole('navigation', { name: '主菜单' }).getByText('我的租户').click();
  const tenantRow = memberPage.getByRole('row', { name: new RegExp(tenant.name) });
  await expect(tenantRow).toContainText('管理员');
  await tenantRow.getByRole('button', { name: '退出' }).click();
  await memberPage
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(memberPage.locator('.ant-message')).toContainText('已退出');
  await expect(tenantRow).toContainText('已离职');
  await context.close();
});
