import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';

/**
 * A tenant of its own (journeys share tenant 0, whose counts move): the platform admin creates
 * it (and so administers it), adds one member and one department; one outsider asks to join.
 */
async function freshTenant() {
  const { token } = await createApi().post<{ token: string }>('/sys/login', {
    username: ADMIN_USERNAME,
    password: ADMIN_PASSWORD,
  });
  const platform = createApi(token, 0);
  const tenant = await platform.post<{ id: number; houseNumber: string; name: string }>(
    '/sys/tenant/add',
    { name: unique('首页租户') },
  );
  const admin = createApi(token, tenant.id);
  await createReadyUser(admin, unique('home'), '首页成员', 'Member-pass-123');
  await admin.post('/sys/depart/add', { name: '研发部', parentId: null });
  const joiner = unique('join');
  await createReadyUser(platform, joiner, '申请人', 'Member-pass-123');
  await (
    await loginApi(joiner, 'Member-pass-123')
  ).post('/sys/tenant/join', {
    houseNumber: tenant.houseNumber,
  });
  return { ...tenant, joiner };
}

test('the admin home shows approvals waiting, counts, connection and last sync', async ({
  page,
}) => {
  const tenant = await freshTenant();
  await page.addInitScript(
    (id) => localStorage.setItem('orgbridge.tenantId', id),
    String(tenant.id),
  );
  await signInAsAdmin(page);
  await expect(page).toHaveURL(/\/$/);
  const home = page.getByTestId('admin-home');
  await expect(home.getByTestId('home-pending')).toContainText('1');
  // The platform admin who created the tenant is its admin, plus the one member added.
  await expect(home.getByTestId('home-members')).toContainText('2');
  await expect(home.getByTestId('home-bound')).toContainText('0');
  await expect(home.getByTestId('home-departments')).toContainText('1');
  await expect(home.getByTestId('home-connection')).toContainText('尚未配置企业微信');
  await expect(home.getByTestId('home-last-sync')).toContainText('还没有同步过');
  await expect(page.getByTestId('breadcrumbs')).toHaveCount(0);
  await shot(page, 'zh-admin-home-1440');

  // The badge on 成员管理 counts the request; approving it there takes the badge away.
  const badge = page.locator('.ant-layout-sider').getByTestId('pending-badge');
  await expect(badge).toContainText('1');
  await home.getByTestId('home-pending').getByRole('link', { name: '去审核' }).click();
  await expect(page).toHaveURL(/\/system\/members\?status=3$/);
  await expect(page.getByTestId('breadcrumbs')).toHaveText(/系统管理\s*\/\s*成员管理/);
  const row = page.getByRole('row', { name: /申请人/ });
  // 成员管理 opened on 审核中 (someone waits): the approved request leaves that list.
  await expect(page.getByTestId('members-status-filter')).toContainText('审核中');
  await row.getByRole('button', { name: /通\s*过/ }).click();
  await expect(row).toHaveCount(0);
  await expect(badge).toHaveCount(0);
  await shot(page, 'zh-members-breadcrumbs-1440');
});

test('below 768 px the menu is a drawer and the tenant switcher stays on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
  const switcher = await page.getByTestId('tenant-switcher').boundingBox();
  expect(switcher!.x + switcher!.width).toBeLessThanOrEqual(390);
  await expect(page.getByTestId('admin-home')).toBeVisible();
  await shot(page, 'zh-admin-home-390');

  await page.getByRole('button', { name: '打开菜单' }).click();
  const drawer = page.getByTestId('nav-drawer');
  await expect(drawer.getByRole('navigation', { name: '主菜单' })).toBeVisible();
  await shot(page, 'zh-admin-drawer-390');
  await drawer.getByText('部门管理').click();
  await expect(page).toHaveURL(/\/system\/departments$/);
  await expect(drawer.getByRole('navigation', { name: '主菜单' })).toBeHidden();
  await expect(page.getByTestId('breadcrumbs')).toContainText('部门管理');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(390);
  await shot(page, 'zh-departments-390');

  // The same phone console in English.
  await page.evaluate(() => localStorage.setItem('orgbridge.language', 'en'));
  await page.goto('/');
  await expect(page.getByTestId('admin-home')).toContainText('Waiting for approval');
  await shot(page, 'en-admin-home-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'en-admin-home-1440');
  await page.evaluate(() => localStorage.setItem('orgbridge.language', 'zh-CN'));
  await page.goto('/system/departments');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('nav-drawer-button')).toBeVisible();

  // Back at full width the sider returns and the drawer button goes.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.locator('.ant-layout-sider')).toBeVisible();
  await expect(page.getByTestId('nav-drawer-button')).toHaveCount(0);
});
