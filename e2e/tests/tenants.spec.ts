import { createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl } from '../fixtures/env';
import { expect, pickOption, shot, signIn, signInAsAdmin, test, unique } from '../fixtures/test';

test('a member joins a new tenant by house number and gets in once the admin approves', async ({
  page,
  browser,
}) => {
  const tenantName = unique('华东分公司');
  const username = unique('wang.wei');
  await createReadyUser(
    await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0),
    username,
    '王伟',
    'Member12345',
  );

  // The platform admin creates the tenant and is shown its house number.
  await signInAsAdmin(page);
  await page.locator('.ant-layout-sider').getByText('租户管理').click();
  await expect(page.getByTestId('tenants-page')).toBeVisible();
  await page.getByRole('button', { name: '创建租户' }).click();
  await page.getByRole('dialog').getByLabel('租户名称').fill(tenantName);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /创\s*建/ })
    .click();
  const houseNumber = (await page.getByTestId('created-house-number').innerText()).trim();
  expect(houseNumber).toMatch(/^[A-Z0-9]{6}$/);
  await shot(page, 'zh-tenants-created');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /完\s*成/ })
    .click();
  // Other journeys create tenants too: find this one by name rather than by its page.
  await page.getByPlaceholder('搜索租户名称或门牌号').fill(tenantName);
  await page.getByPlaceholder('搜索租户名称或门牌号').press('Enter');
  await expect(page.getByRole('row', { name: new RegExp(tenantName) })).toContainText(houseNumber);
  await shot(page, 'zh-tenants');

  // The member asks to join; the tenant shows as pending (审核中) and cannot be chosen yet.
  const memberContext = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const member = await memberContext.newPage();
  await signIn(member, username, 'Member12345');
  await member.getByRole('navigation', { name: '主菜单' }).getByText('我的租户').click();
  await member.getByTestId('join-house-number').fill(houseNumber.toLowerCase());
  await member.getByRole('button', { name: '申请加入' }).click();
  await expect(member.locator('.ant-message')).toContainText('等待该租户管理员审核');
  await expect(member.getByRole('row', { name: new RegExp(tenantName) })).toContainText('审核中');
  await member.getByTestId('tenant-switcher').click();
  const pendingOption = member.locator('.ant-select-item-option', { hasText: tenantName });
  await expect(pendingOption).toContainText('审核中');
  await expect(pendingOption).toHaveClass(/ant-select-item-option-disabled/);
  await shot(member, 'zh-my-tenants-pending');
  await member.keyboard.press('Escape');

  // The admin of the new tenant (its creator) approves the request in 成员管理.
  await page.getByTestId('tenant-switcher').click();
  await pickOption(page, tenantName);
  await expect(page.getByTestId('tenant-switcher')).toContainText(tenantName);
  await page.locator('.ant-layout-sider').getByText('成员管理').click();
  await page.getByTestId('members-status-filter').getByText('审核中').click();
  const request = page.getByRole('row', { name: new RegExp(username) });
  await expect(request).toContainText('审核中');
  await shot(page, 'zh-members-pending');
  await request.getByRole('button', { name: /通\s*过/ }).click();
  await expect(page.locator('.ant-message')).toContainText('已通过');
  await page.getByTestId('members-status-filter').getByText('全部').click();
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('正常');
  await shot(page, 'zh-members');

  // The member now finds the tenant selectable in the switcher and can enter it.
  await member.reload();
  await member.getByTestId('tenant-switcher').click();
  await pickOption(member, tenantName);
  await expect(member.getByTestId('tenant-switcher')).toContainText(tenantName);
  await expect(member.getByRole('row', { name: new RegExp(tenantName) })).toContainText('当前');
  await shot(member, 'zh-my-tenants');
  await memberContext.close();
});
