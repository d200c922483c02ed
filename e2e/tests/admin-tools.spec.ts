import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from '@playwright/test';
import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, shot, signInAsAdmin, startSignedIn, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

/**
 * Issue 18 (deliver 4, 5): the everyday admin tools — 成员管理 opening on 审核中 with a batch
 * approval whose refused item is explained, batch freeze and CSV export in 用户管理, the
 * department tree search with the selected department's members — at desktop and phone width.
 * Each run builds its own tenant (journeys share tenant 0 and run in any order).
 */
async function tokenOf(username: string, password: string): Promise<string> {
  return (await createApi().post<{ token: string }>('/sys/login', { username, password })).token;
}

/** A fresh tenant with its own admin, three accounts asking to join it, and two departments. */
async function arrange(tag: string) {
  const platform = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const platformToken = await tokenOf(ADMIN_USERNAME, ADMIN_PASSWORD);
  const tenant = await platform.post<{ id: number; name: string; houseNumber: string }>(
    '/sys/tenant/add',
    { name: unique(`工具${tag}`) },
  );
  const home = await platform.post<{ id: number }>('/sys/tenant/add', { name: unique('来处') });
  const admin = { username: unique('tools.admin'), password: 'ToolsAdmin123' };
  await createReadyUser(
    createApi(platformToken, tenant.id),
    admin.username,
    '工具管理员',
    admin.password,
  );
  await createApi(platformToken, tenant.id).post('/sys/tenant/members/role', {
    userId: (
      await createApi(platformToken, tenant.id).get<{
        records: { id: number; username: string }[];
      }>(`/sys/user/list?keyword=${admin.username}`)
    ).records[0]!.id,
    role: 'admin',
  });
  const joiners = [unique('wang.ying'), unique('li.na'), unique('zhou.qiang')];
  const names = ['王英', '李娜', '周强'];
  for (const [i, username] of joiners.entries()) {
    await createReadyUser(createApi(platformToken, home.id), username, names[i]!, 'Joiner12345');
    await createApi(await tokenOf(username, 'Joiner12345')).post('/sys/tenant/join', {
      houseNumber: tenant.houseNumber,
    });
  }
  const adminApi = createApi(await tokenOf(admin.username, admin.password), tenant.id);
  const hq = await adminApi.post<{ id: number }>('/sys/depart/add', { name: `总部${tag}` });
  const rd = await adminApi.post<{ id: number }>('/sys/depart/add', {
    name: `研发${tag}`,
    parentId: hq.id,
  });
  await adminApi.post('/sys/depart/add', { name: `财务${tag}` });
  return { tenant, admin, adminApi, joiners, rd };
}

/** What the viewport shows (a full-page shot of a modal over a long page is not what one sees). */
async function viewShot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-btn-loading')).toHaveCount(0);
  const path = fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url));
  await page.screenshot({ path, animations: 'disabled' });
}

async function csvOf(download: Download): Promise<string[]> {
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
}

/** antd puts the test id on the input itself or on its wrapper, depending on the version. */
const inputOf = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

const selectedFilter = (page: Page) =>
  page.getByTestId('members-status-filter').locator('.ant-segmented-item-selected');

for (const [width, height, label] of [
  [1440, 900, 'desktop'],
  [390, 844, 'phone'],
] as const) {
  test(`${label}: batch approval explains the refused item; users are frozen in a batch and exported; the department search keeps ancestors`, async ({
    page,
  }) => {
    const tag = unique('').slice(-5);
    const w = await arrange(tag);
    const [wang, li, zhou] = w.joiners as [string, string, string];
    await page.setViewportSize({ width, height });
    await startSignedIn(page, w.admin.username, w.admin.password);

    // 成员管理 opens on 审核中 because three wait.
    await page.goto('/system/members');
    await expect(selectedFilter(page)).toContainText('审核中');
    const rows = page.getByTestId('members-page').locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(3);

    // Behind the console's back, another admin refuses 周强: that item must be refused as stale.
    const zhouId = (
      await w.adminApi.get<{ records: { userId: number; username: string }[] }>(
        `/sys/tenant/members?keyword=${zhou}`,
      )
    ).records[0]!.userId;
    await w.adminApi.post('/sys/tenant/members/refuse', { userId: zhouId });

    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await expect(page.getByTestId('members-batch-bar')).toContainText('已选 3 项');
    await page.getByTestId('members-batch-approve').click();
    await expect(page.locator('.ant-modal-confirm-title').last()).toHaveText(
      '通过选中的 3 个加入申请？',
    );
    await page.getByTestId('batch-confirm').click();
    const outcomes = page.getByTestId('batch-outcomes');
    await expect(outcomes).toBeVisible();
    await expect(page.locator('.ant-modal-confirm-title').last()).toHaveText(
      '完成 2 项，1 项未执行',
    );
    await expect(outcomes.locator('li', { hasText: zhou })).toContainText('该成员不在审核中');
    await expect(outcomes.locator('li', { hasText: wang })).toContainText('已完成');
    await viewShot(page, `zh-admin-tools-batch-outcomes-${label}`);
    await page.getByTestId('batch-outcomes-close').click();
    // Nothing waits any more; 正常 lists the two approved.
    await expect(rows).toHaveCount(0);
    await page.getByTestId('members-status-filter').getByText('正常').click();
    await expect(page.getByRole('row', { name: new RegExp(wang) })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(li) })).toBeVisible();
    await shot(page, `zh-admin-tools-members-${label}`);

    // 用户管理: put 王英 in 研发, then batch-freeze 王英 and 李娜.
    await w.adminApi.post('/sys/user/edit', {
      id: (await w.adminApi.get<{ records: { id: number }[] }>(`/sys/user/list?keyword=${wang}`))
        .records[0]!.id,
      departmentIds: [w.rd.id],
    });
    await page.goto('/system/users');
    const users = page.getByTestId('users-page').locator('tbody tr.ant-table-row');
    // The platform admin who made the tenant, its admin, and the two approved.
    await expect(users).toHaveCount(4);
    for (const who of [wang, li]) {
      await page
        .getByRole('row', { name: new RegExp(who) })
        .locator('.ant-checkbox-input')
        .check();
    }
    await page.getByTestId('users-batch-freeze').click();
    await expect(page.locator('.ant-modal-confirm-title').last()).toHaveText(
      '冻结选中的 2 名成员？',
    );
    await page.getByTestId('batch-confirm').click();
    await expect(page.locator('.ant-message')).toContainText('已完成 2 项');
    await expect(page.getByRole('row', { name: new RegExp(wang) })).toContainText('冻结');
    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
    await shot(page, `zh-admin-tools-users-${label}`);

    // Export what the search shows: the header row, and 王英 frozen in 研发.
    await inputOf(page, 'users-search').fill(wang);
    await inputOf(page, 'users-search').press('Enter');
    await expect(users).toHaveCount(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('users-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^users-tenant-${w.tenant.id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const lines = await csvOf(download);
    expect(lines[0]).toBe(
      'id,username,realname,status,membership_status,role,departments,main_department,wecom_userid,phone,email,position',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split(',').slice(1, 8)).toEqual([
      wang,
      '王英',
      'frozen',
      'normal',
      'member',
      `研发${tag}`,
      `研发${tag}`,
    ]);

    // 部门管理: searching 研发 keeps 总部 above it and hides 财务; picking it lists 王英.
    await page.goto('/system/departments');
    await inputOf(page, 'departments-search').fill(`研发${tag}`);
    const tree = page.locator('.ant-tree');
    await expect(tree).toContainText(`总部${tag}`);
    await expect(tree).not.toContainText(`财务${tag}`);
    await tree.getByText(`研发${tag}`).click();
    await expect(page.getByTestId('department-members')).toContainText(wang);
    await shot(page, `zh-admin-tools-departments-${label}`);

    // The message log carries its export button.
    await page.goto('/system/messages');
    await page.getByRole('tab', { name: '消息记录' }).click();
    const [log] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('messages-export').click(),
    ]);
    expect((await csvOf(log))[0]).toMatch(/^id,created_at,source,msgtype,summary,/);
    await shot(page, `zh-admin-tools-messages-${label}`);
  });
}

/** The run must succeed; its id is answered. Tenant 0 is the shared one connected to the simulator. */
async function syncTenantZero(): Promise<number> {
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  const plan = await admin.post<{ planId: string }>('/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const { runId } = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [],
    exclude: [],
  });
  await expect
    .poll(
      async () => (await admin.get<{ status: string }>(`/sys/thirdApp/sync/runs/${runId}`)).status,
      {
        timeout: 30_000,
      },
    )
    .toBe('succeeded');
  return runId;
}

for (const [width, height, label] of [
  [1440, 900, 'desktop'],
  [390, 844, 'phone'],
] as const) {
  test(`${label}: a sync run's items and the bound members download as CSV with the filters applied`, async ({
    page,
  }) => {
    await connectDefaultTenant({ over: { enabled: true } });
    const userid = await newSimMember('导出成员');
    const runId = await syncTenantZero();
    await page.setViewportSize({ width, height });
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');

    // The run's result, opened from the history: its items as CSV.
    await page
      .getByTestId('sync-history')
      .locator(`tr[data-row-key="${runId}"]`)
      .getByRole('button', { name: '详情' })
      .click();
    const result = page.locator('.ant-modal').getByTestId('sync-result');
    await expect(result).toBeVisible();
    await viewShot(page, `zh-admin-tools-run-items-${label}`);
    const [items] = await Promise.all([
      page.waitForEvent('download'),
      result.getByTestId('sync-items-export').click(),
    ]);
    expect(items.suggestedFilename()).toMatch(new RegExp(`^sync-run-${runId}-items-tenant-0-`));
    const itemLines = await csvOf(items);
    expect(itemLines[0]).toBe(
      'id,kind,action,ext_id,label,user_id,outcome,reason,provider_code,message',
    );
    const created = itemLines.find((l) => l.split(',')[3] === userid);
    // Run items keep names masked (导***), as the run view shows them.
    expect(created?.split(',').slice(1, 5)).toEqual(['member', 'create', userid, '导***']);
    await page.locator('.ant-modal-close').click();

    // 查看已绑定, searched for the new member: the export holds that member only.
    const search = page.getByTestId('wecom-bindings-search').getByRole('searchbox');
    await search.fill(userid);
    await search.press('Enter');
    await expect(page.getByTestId(`wecom-binding-remove-${userid}`)).toBeVisible();
    await page.getByTestId('wecom-bindings').scrollIntoViewIfNeeded();
    await viewShot(page, `zh-admin-tools-bindings-${label}`);
    const [bound] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('wecom-bindings-export').click(),
    ]);
    const boundLines = await csvOf(bound);
    expect(boundLines[0]).toBe(
      'user_id,username,realname,wecom_userid,wecom_name,membership_status,state,active,bound_at',
    );
    expect(boundLines).toHaveLength(2);
    expect(boundLines[1]!.split(',').slice(3, 8)).toEqual([
      userid,
      '导出成员',
      'normal',
      'bound',
      'true',
    ]);
  });
}
