import type { Browser, Page } from '@playwright/test';
import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl, simUrl } from '../fixtures/env';
import { expect, shot, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

/** The WeCom client's built-in browser announces itself like this. */
const WECOM_UA =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.0 MicroMessenger/7.0.1';
const SIZES = [
  { name: '1440', viewport: { width: 1440, height: 900 } },
  { name: '390', viewport: { width: 390, height: 844 } },
] as const;
type Size = (typeof SIZES)[number];

async function adminApi() {
  const { token } = await createApi().post<{ token: string }>('/sys/login', {
    username: ADMIN_USERNAME,
    password: ADMIN_PASSWORD,
  });
  return { token, api: createApi(token, 0) };
}

const policy = (unboundLogin: 'refuse' | 'create') =>
  connectDefaultTenant({ policy: { unboundLogin }, over: { enabled: true } });

/** A member opening the app from the WeCom workbench (the simulator's "open as this member"). */
async function openFromWorkbench(browser: Browser, size: Size, userid: string) {
  const context = await browser.newContext({
    userAgent: WECOM_UA,
    baseURL: baseUrl(),
    viewport: size.viewport,
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${simUrl()}/sim/open?userid=${encodeURIComponent(userid)}`);
  return page;
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectFitsScreen(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, 'page wider than the screen').toBeLessThanOrEqual(width);
}

/** 移出 by the tenant admin (查看已绑定 → 移出), through the API. */
async function removeBinding(token: string, userid: string) {
  const { api } = await adminApi();
  const page = await api.get<{ records: { id: number; wechatUserId: string }[] }>(
    `/sys/thirdApp/bindings?keyword=${encodeURIComponent(userid)}`,
  );
  const binding = page.records.find((r) => r.wechatUserId === userid)!;
  const res = await fetch(`${baseUrl()}/sys/thirdApp/bindings/${binding.id}`, {
    method: 'DELETE',
    headers: { 'X-Access-Token': token, 'X-Tenant-Id': '0' },
  });
  expect(res.status).toBe(200);
}

interface Plan {
  planId: string;
  members: { pairs: { wechatUserId: string; match: string }[] };
}

async function runToEnd(admin: ReturnType<typeof createApi>, runId: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const run = await admin.get<{ status: string }>(`/sys/thirdApp/sync/runs/${runId}`);
        if (run.status === 'needs_confirmation')
          await admin.post(`/sys/thirdApp/sync/runs/${runId}/confirm`);
        return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run.status : 'running';
      },
      { timeout: 30_000 },
    )
    .toBe('succeeded');
}

/**
 * Tenant 0's sync for one WeCom member only, paired by hand with `userId` (an account that is
 * not the tenant's own, so the owner is asked: a link request). What it leaves out (排除) is
 * lifted again by a second run, so the rest of the directory syncs as before.
 */
async function pairByHand(admin: ReturnType<typeof createApi>, userid: string, userId: number) {
  const plan = await admin.post<Plan>('/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const exclude = plan.members.pairs
    .filter((p) => p.match !== 'bound' && p.wechatUserId !== userid)
    .map((p) => p.wechatUserId);
  const run = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [{ wechatUserId: userid, userId }],
    exclude,
  });
  await runToEnd(admin, run.runId);
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

test.describe('member entry from the WeCom workbench', () => {
  test.afterAll(async () => {
    await policy('refuse');
  });

  for (const size of SIZES) {
    test(`a bound member lands on their own home, not the admin console (${size.name} px)`, async ({
      browser,
    }) => {
      await policy('create');
      const userid = await newSimMember('成员甲');
      const page = await openFromWorkbench(browser, size, userid);
      await expect(page.getByTestId('member-home')).toBeVisible();
      await expect(page.getByTestId('member-binding')).toContainText('已绑定企业微信');
      await expect(page.getByTestId('member-binding')).toContainText(userid);
      await expect(page.getByTestId('member-scoped')).toBeVisible();
      await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
      await expect(page.getByTestId('nav-drawer-button')).toHaveCount(0);
      const switcher = await page.getByTestId('tenant-switcher').boundingBox();
      expect(switcher!.x + switcher!.width).toBeLessThanOrEqual(size.viewport.width);
      await expectFitsScreen(page);
      await shot(page, `zh-member-home-${size.name}`);

      // An admin page opened by hand says whose page it is instead of failing.
      await page.goto('/system/users');
      await expect(page.getByTestId('member-not-allowed')).toContainText('只对管理员开放');
      await expectFitsScreen(page);
      await shot(page, `zh-member-not-allowed-${size.name}`);
      await page.context().close();
    });

    test(`a member an admin 移出d is told who can bind them again (${size.name} px)`, async ({
      browser,
    }) => {
      await policy('create');
      const userid = await newSimMember('成员乙');
      const first = await openFromWorkbench(browser, size, userid);
      await expect(first.getByTestId('member-home')).toBeVisible();
      await first.context().close();

      const { token } = await adminApi();
      await removeBinding(token, userid);
      await policy('refuse');
      const page = await openFromWorkbench(browser, size, userid);
      await expect(page.getByTestId('oauth-failure-title')).toHaveText(
        '管理员已移出你的企业微信绑定',
      );
      const card = page.getByTestId('oauth-failure');
      await expect(card).toContainText('手动选择你的账号');
      await expect(card).not.toContainText('完成后从企业微信重新打开应用即可');
      await expect(card).toContainText(userid);
      await expectFitsScreen(page);
      await shot(page, `zh-oauth-removed-${size.name}`);
      await page.context().close();
    });

    test(`an unbound member is told a sync will bind them (${size.name} px)`, async ({
      browser,
    }) => {
      await policy('refuse');
      const userid = await newSimMember('成员丙');
      const page = await openFromWorkbench(browser, size, userid);
      await expect(page.getByTestId('oauth-failure-title')).toHaveText(
        '你的企业微信账号尚未同步到该租户',
      );
      await expectFitsScreen(page);
      await shot(page, `zh-oauth-unbound-${size.name}`);

      // The same refusals in English, on the same narrow card (pending: waiting for approval).
      await page.evaluate(() => localStorage.setItem('orgbridge.language', 'en'));
      await page.goto('about:blank');
      await page.goto('/oauth2-app/login#error=pending&tenantId=0');
      await expect(page.getByTestId('oauth-failure-title')).toHaveText(
        'Your membership is awaiting approval',
      );
      await expectFitsScreen(page);
      await shot(page, `en-oauth-pending-${size.name}`);
      await page.goto('about:blank');
      await page.goto(`/oauth2-app/login#error=removed&tenantId=0&userid=${userid}`);
      await expect(page.getByTestId('oauth-failure-title')).toHaveText(
        'An administrator removed your WeCom binding (移出)',
      );
      await shot(page, `en-oauth-removed-${size.name}`);
      await page.context().close();
    });

    test(`a bound member whose membership awaits approval is told so in WeCom (${size.name} px)`, async ({
      browser,
    }) => {
      await policy('refuse');
      const { api } = await adminApi();
      // The account lives in another tenant and asks to join tenant 0: pending (审核中) there.
      const home = await api.post<{ id: number }>('/sys/tenant/add', { name: unique('星河') });
      const owner = unique('pendwx');
      await createReadyUser(
        createApi((await adminApi()).token, home.id),
        owner,
        '待审',
        'Member-pass-123',
      );
      const ownerApi = await loginApi(owner, 'Member-pass-123');
      const me = await api.get<{ tenantList: { id: number; houseNumber: string }[] }>(
        '/sys/user/me',
      );
      await ownerApi.post('/sys/tenant/join', {
        houseNumber: me.tenantList.find((t) => t.id === 0)!.houseNumber,
      });
      const ownerMe = await ownerApi.get<{ userInfo: { id: number } }>('/sys/user/me');
      // Tenant 0's admin pairs its WeCom member with the account; the owner accepts the link.
      const userid = await newSimMember('待审成员');
      await pairByHand(api, userid, ownerMe.userInfo.id);
      const requests = await ownerApi.get<{ records: { id: number; wechatUserId: string }[] }>(
        '/sys/user/linkRequests',
      );
      const request = requests.records.find((r) => r.wechatUserId === userid)!;
      await ownerApi.post(`/sys/user/linkRequests/${request.id}/accept`);

      const page = await openFromWorkbench(browser, size, userid);
      await expect(page.getByTestId('oauth-failure-title')).toHaveText('你的成员资格正在审核中');
      await expectFitsScreen(page);
      await shot(page, `zh-oauth-pending-${size.name}`);
      await page.context().close();
    });

    test(`a member waiting for approval sees why and whom to ask (${size.name} px)`, async ({
      browser,
    }) => {
      const { api } = await adminApi();
      const username = unique('pend');
      await createReadyUser(api, username, '待审成员', 'Member-pass-123');
      const tenant = await api.post<{ id: number; houseNumber: string; name: string }>(
        '/sys/tenant/add',
        { name: unique('待审租户') },
      );
      const member = await loginApi(username, 'Member-pass-123');
      await member.post('/sys/tenant/join', { houseNumber: tenant.houseNumber });

      const context = await browser.newContext({
        baseURL: baseUrl(),
        viewport: size.viewport,
        locale: 'zh-CN',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const { token } = await createApi().post<{ token: string }>('/sys/login', {
        username,
        password: 'Member-pass-123',
      });
      await page.addInitScript((value) => localStorage.setItem('orgbridge.token', value), token);
      await page.goto('/');
      const row = page.getByTestId('member-tenant').filter({ hasText: tenant.name });
      await expect(row).toContainText('审核中');
      await expect(row).toContainText(`租户 ID ${tenant.id}`);
      await expect(row.getByTestId('member-status-hint')).toContainText('等待该租户管理员审核');
      await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
      await expectFitsScreen(page);
      await shot(page, `zh-member-home-pending-${size.name}`);

      // 我的租户 shows the tenant ID the seed says to look up there.
      await page.getByTestId('member-nav').getByText('我的租户').click();
      await expect(page.getByRole('row', { name: new RegExp(tenant.name) })).toContainText(
        String(tenant.id),
      );
      await shot(page, `zh-member-my-tenants-${size.name}`);
      await context.close();
    });
  }
});
