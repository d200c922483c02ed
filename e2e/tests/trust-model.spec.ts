import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl } from '../fixtures/env';
import { expect, shot, signIn, startSignedIn, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

type Api = ReturnType<typeof createApi>;

const PASSWORD = 'Owner-pass-123';
const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
const CONTEXT = { locale: 'zh-CN', reducedMotion: 'reduce' } as const;

interface Plan {
  planId: string;
  members: {
    pairs: {
      wechatUserId: string;
      match: string;
      userId: number | null;
    }[];
  };
}

/**
 * Applies tenant 0's sync for one WeCom member only (every other unbound member excluded), so
 * the journey leaves the rest of the directory to the sync journey. `pairWith`: the admin pairs
 * the member by hand with that account (the apply API's `pairs` decision).
 */
async function syncOnly(admin: Api, userid: string, pairWith: number): Promise<void> {
  const plan = await admin.post<Plan>('/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const mine = plan.members.pairs.find((p) => p.wechatUserId === userid);
  if (!mine) throw new Error(`the plan does not list ${userid}`);
  // Nothing proposes the owner's account: the sync cannot guess who the member is.
  expect(mine).toMatchObject({ match: 'none', userId: null });
  const exclude = plan.members.pairs
    .filter((p) => p.match !== 'bound' && p.wechatUserId !== userid)
    .map((p) => p.wechatUserId);
  const { runId } = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [{ wechatUserId: userid, userId: pairWith }],
    exclude,
  });
  await runToEnd(admin, runId);
  // 排除 is remembered by every later run (PRODUCT.md §5, sync exclusions): lift what this
  // journey left out, so the rest of the directory syncs as it would have without it.
  if (exclude.length === 0) return;
  const next = await admin.post<Plan>('/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const lifted = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
    planId: next.planId,
    pairs: [],
    exclude: [],
    include: exclude,
  });
  await runToEnd(admin, lifted.runId);
}

async function runToEnd(admin: Api, runId: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const run = await admin.get<{ status: string }>(`/sys/thirdApp/sync/runs/${runId}`);
        if (run.status === 'needs_confirmation')
          await admin.post(`/sys/thirdApp/sync/runs/${runId}/confirm`);
        return ENDED.has(run.status) ? run.status : 'running';
      },
      { timeout: 30_000 },
    )
    .toBe('succeeded');
}

test.describe('trust model: a tenant cannot take an account that is not its own', () => {
  test('the owner accepts a tenant’s link request; the tenant admin cannot edit the shared account’s phone or e-mail', async ({
    page,
    browser,
  }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await connectDefaultTenant({ over: { enabled: true } });
    const me = await admin.get<{ tenantList: { id: number; name: string; houseNumber: string }[] }>(
      '/sys/user/me',
    );
    const tenant0 = me.tenantList.find((t) => t.id === 0);
    if (!tenant0) throw new Error('the administrator is not a member of tenant 0');

    // The owner's account lives in another tenant ("home"). Nothing ties it to tenant 0's WeCom
    // member: its username is not tenant 0's generated one (a house number reserves those), and
    // the simulator's app discloses no mobile or e-mail.
    const home = await admin.post<{ id: number }>('/sys/tenant/add', { name: unique('星河科技') });
    const owner = unique('linbei');
    const userid = unique('tm')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const wechatName = '林小北';
    await createReadyUser(
      await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, home.id),
      owner,
      '林北',
      PASSWORD,
    );

    // The owner asks to join tenant 0 by its house number: a pending member (审核中).
    const ownerContext = await browser.newContext({ ...CONTEXT, baseURL: baseUrl() });
    const ownerPage = await ownerContext.newPage();
    await signIn(ownerPage, owner, PASSWORD);
    await ownerPage.goto('/system/my-tenants');
    await ownerPage.getByTestId('join-house-number').fill(tenant0.houseNumber);
    await ownerPage.getByRole('button', { name: '申请加入' }).click();
    await expect(ownerPage.locator('.ant-message')).toContainText('等待该租户管理员审核');
    await expect(ownerPage.getByRole('row', { name: new RegExp(tenant0.name) })).toContainText(
      '审核中',
    );
    await expect(ownerPage.getByTestId('link-requests-notice')).toHaveCount(0);
    const ownerApi = await loginApi(owner, PASSWORD);
    const ownerMe = await ownerApi.get<{
      userInfo: { id: number };
      tenantList: { id: number; status: number }[];
    }>('/sys/user/me');

    // Tenant 0's WeCom gets the member; its admin pairs it by hand with the pending member. The
    // account is not the tenant's own (pending here, active in "home"), so applying binds nothing:
    // it sends the owner a link request.
    await newSimMember(wechatName, userid);
    await syncOnly(admin, userid, ownerMe.userInfo.id);

    // The next plan and the bound list show the member as waiting for the owner (等待本人同意).
    await startSignedIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.goto('/third-app/wecom');
    await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
    const review = page.getByTestId('sync-review');
    await expect(review).toBeVisible({ timeout: 30_000 });
    await review.getByRole('searchbox', { name: '企业微信用户' }).fill(userid);
    const row = review.locator(`tr[data-row-key="${userid}"]`);
    await expect(row.getByTestId('sync-awaiting-owner')).toHaveText('等待本人同意');
    await shot(page, 'zh-trust-sync-awaiting');
    await page.locator('.ant-modal-footer').getByRole('button').click();

    const bindings = page.getByTestId('wecom-bindings');
    await bindings.getByTestId('wecom-bindings-search').getByRole('searchbox').fill(userid);
    await bindings.getByTestId('wecom-bindings-search').getByRole('searchbox').press('Enter');
    const waiting = bindings.locator('tr', { hasText: userid });
    await expect(waiting.getByTestId('wecom-binding-awaiting')).toHaveText('等待本人同意');

    // The owner, signed in with their password, sees the request.
    await ownerPage.reload();
    const notice = ownerPage.getByTestId('link-requests-notice');
    await expect(notice).toContainText(
      `「${tenant0.name}」想关联你的企业微信成员「${wechatName}」`,
    );
    await shot(ownerPage, 'zh-trust-link-notice');
    await notice.getByTestId('link-requests-open').click();
    await expect(ownerPage).toHaveURL(/\/account\/link-requests$/);
    const request = ownerPage.getByTestId('link-request').filter({ hasText: tenant0.name });
    await expect(request).toContainText(userid);
    await expect(request).toContainText('只在「');
    await shot(ownerPage, 'zh-trust-link-requests');
    await request.locator('[data-testid^="link-request-accept-"]').click();
    await expect(ownerPage.locator('.ant-modal-confirm')).toContainText('审核中');
    await ownerPage.getByTestId('link-request-accept-confirm').click();
    await expect(ownerPage.locator('.ant-message')).toContainText('审核中');
    await expect(ownerPage.getByTestId('link-requests-page')).toContainText(
      '没有等待处理的关联请求',
    );
    // Elsewhere in the console: no notice any more, and tenant 0 waits for its admin (审核中).
    await ownerPage.goto('/system/my-tenants');
    await expect(ownerPage.locator('tr', { hasText: tenant0.name })).toContainText(
      '等待管理员审核',
    );
    await expect(ownerPage.getByTestId('link-requests-notice')).toHaveCount(0);
    await ownerContext.close();

    // The owner is still a pending member of tenant 0; its admin approves, as the seed says.
    const after = await ownerApi.get<{ tenantList: { id: number; status: number }[] }>(
      '/sys/user/me',
    );
    expect(after.tenantList.find((t) => t.id === 0)?.status).toBe(3);
    await admin.post('/sys/tenant/members/approve', { userId: ownerMe.userInfo.id });

    // A tenant admin who is not a platform administrator: the account is shared now (active in
    // two tenants), so its phone and e-mail are its owner's, read-only here.
    const tenantAdmin = unique('tadmin');
    await admin.post('/sys/user/add', {
      username: tenantAdmin,
      realname: '租户管理员',
      password: `${PASSWORD}-initial`,
      role: 'admin',
    });
    const first = await createApi().post<{ token: string }>('/sys/login', {
      username: tenantAdmin,
      password: `${PASSWORD}-initial`,
    });
    await createApi(first.token).post('/sys/user/changePassword', {
      oldPassword: `${PASSWORD}-initial`,
      newPassword: PASSWORD,
    });

    const adminContext = await browser.newContext({ ...CONTEXT, baseURL: baseUrl() });
    const adminPage = await adminContext.newPage();
    await startSignedIn(adminPage, tenantAdmin, PASSWORD);
    await adminPage.goto('/system/users');
    const search = adminPage.getByTestId('users-search').getByRole('searchbox');
    await search.fill(owner);
    await search.press('Enter');
    const userRow = adminPage.getByRole('row', { name: new RegExp(owner) });
    await expect(userRow.getByTestId('user-ownership-shared')).toBeVisible();
    await adminPage.getByTestId(`user-actions-${owner}`).getByRole('button').first().click();
    const dialog = adminPage.getByRole('dialog');
    await expect(dialog.getByTestId('user-ownership-notice')).toContainText('只在本租户中显示');
    await expect(dialog.getByTestId('user-phone')).toBeDisabled();
    await expect(dialog.getByTestId('user-email')).toBeDisabled();
    await expect(dialog.getByLabel('姓名')).toBeEnabled();
    await shot(adminPage, 'zh-trust-shared-account');
    await adminContext.close();
  });
});
