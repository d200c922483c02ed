import { readFile } from 'node:fs/promises';
import { createApi, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import {
  expect,
  pickOption,
  shot,
  signInAsAdmin,
  startSignedIn,
  test,
  unique,
} from '../fixtures/test';

test('a tenant admin finds their own change in 审计日志, filters it and exports it as CSV', async ({
  page,
}) => {
  const platform = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const tenant = await platform.post<{ id: number; name: string }>('/sys/tenant/add', {
    name: unique('审计公司'),
  });
  const username = unique('audit.admin');
  const password = 'AuditAdmin123';
  await createApi(await tokenOf(ADMIN_USERNAME, ADMIN_PASSWORD), tenant.id).post('/sys/user/add', {
    username,
    realname: '审计管理员',
    password: `${password}-initial`,
    role: 'admin',
  });
  await createApi(await tokenOf(username, `${password}-initial`)).post('/sys/user/changePassword', {
    oldPassword: `${password}-initial`,
    newPassword: password,
  });

  // Something audited, done in the console: a new department.
  await startSignedIn(page, username, password);
  const dept = unique('审计部');
  await page.locator('.ant-layout-sider').getByText('部门管理').click();
  await page.getByRole('button', { name: '新增顶级部门' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('部门名称').fill(dept);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();

  await page.locator('.ant-layout-sider').getByText('审计日志').click();
  await expect(page.getByTestId('audit-page')).toBeVisible();
  // Sign-ins, the password change and the department are there; filter to the department.
  await page.getByTestId('audit-action-filter').click();
  await page.keyboard.type('新增部门');
  await pickOption(page, '新增部门');
  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('新增部门');
  await expect(rows.first()).toContainText('审计管理员');
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('[data-testid^="audit-details-"]')).toContainText(dept);

  // The actor filter and a date range that includes today keep it; a past range does not.
  const actor = page
    .locator('input[data-testid="audit-actor-filter"], [data-testid="audit-actor-filter"] input')
    .first();
  await actor.fill(username);
  await actor.press('Enter');
  await expect(rows).toHaveCount(1);
  await shot(page, 'zh-audit');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'zh-audit-phone');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Export: the file has the BOM, the header and the filtered entry only.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('audit-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-tenant-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,time,tenant_id,tenant_name,actor_type/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('department.add');
  expect(lines[1]).toContain(dept);
  expect(lines[1]).toContain(username);
});

test('the platform administrator reads every tenant, with a tenant column and filter', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.locator('.ant-layout-sider').getByText('审计日志').click();
  await expect(page.getByRole('columnheader', { name: '租户' })).toBeVisible();
  await page.getByTestId('audit-action-filter').click();
  await page.keyboard.type('创建租户');
  await pickOption(page, '创建租户');
  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toContainText('创建租户');
  // antd puts the test id on the input itself or on its wrapper, depending on the version.
  await page
    .locator('input[data-testid="audit-tenant-filter"], [data-testid="audit-tenant-filter"] input')
    .first()
    .fill('999999');
  await expect(page.getByTestId('audit-table')).toContainText(/暂无数据|No data/);
  await shot(page, 'zh-audit-platform');
});

async function tokenOf(username: string, password: string): Promise<string> {
  return (await createApi().post<{ token: string }>('/sys/login', { username, password })).token;
}
