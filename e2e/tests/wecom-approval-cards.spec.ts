import type { Browser, Page } from '@playwright/test';
import { createApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl, simUrl } from '../fixtures/env';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

/**
 * Approvals from WeCom (PRODUCT.md §8): a join request cards the tenant's WeCom-bound admin; the
 * admin clicks 同意 on the card in the simulator's member page; the console shows the member
 * active. Screenshots for review also go to SHOTS_DIR when it is set (desktop 1440 px, phone 390 px).
 */

const WECOM_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 wxwork/4.1.0 MicroMessenger/7.0.1';
const PASSWORD = 'Approver-pass-123';

type Api = ReturnType<typeof createApi>;

async function platformAdmin(tenantId?: number): Promise<{ api: Api; token: string }> {
  const { token } = await createApi().post<{ token: string }>('/sys/login', {
    username: ADMIN_USERNAME,
    password: ADMIN_PASSWORD,
  });
  return { api: createApi(token, tenantId), token };
}

/** Tenant 0 connected to the simulator (link policy, cards on) and its callback URL verified. */
async function connectTenant0(unboundLogin: 'refuse' | 'link') {
  const { api } = await platformAdmin(0);
  const cfg = await connectDefaultTenant({
    policy: { unboundLogin, approvalCards: true },
    over: { enabled: true },
  });
  const verified = await fetch(`${simUrl()}/sim/admin/callback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      url: cfg.callbackUrl,
      token: cfg.callbackToken,
      encodingAesKey: cfg.encodingAesKey,
    }),
  });
  expect(verified.status).toBeLessThan(300);
  return api;
}

/** An active account whose initial password was already replaced; `role` in the current tenant. */
async function readyUser(api: Api, realname: string, role: 'admin' | 'member' = 'member') {
  const username = unique('apv');
  const initial = `${PASSWORD}-initial`;
  await api.post('/sys/user/add', { username, realname, password: initial, role });
  const login = await createApi().post<{ token: string }>('/sys/login', {
    username,
    password: initial,
  });
  await createApi(login.token).post('/sys/user/changePassword', {
    oldPassword: initial,
    newPassword: PASSWORD,
  });
  return username;
}

/** The admin opens the app inside WeCom once (linking their account if not paired yet). */
async function bindInWeCom(browser: Browser, userid: string, username: string) {
  const context = await browser.newContext({
    userAgent: WECOM_UA,
    baseURL: baseUrl(),
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const openAsMember = async () => {
    await page.goto('/tenantId/0');
    await expect(page).toHaveURL(new RegExp(`^${simUrl()}`));
    await page.locator('input[name="sim_q"]').fill(userid);
    await page.locator('form button').click();
    await page.locator('a.member', { hasText: userid }).click();
  };
  await openAsMember();
  // The contact callback's targeted sync may have paired the new member by name already.
  const link = page.getByTestId('oauth-link');
  const menu = page.getByTestId('user-menu');
  await expect(link.or(menu)).toBeVisible();
  if (await link.isVisible()) {
    await link.getByRole('textbox').first().fill(username);
    await link.locator('input[type="password"]').fill(PASSWORD);
    await link.locator('button[type="submit"]').click();
    // …or pair it while the form is open: the link is then refused (the account is taken, by
    // this very member), and opening the app again signs in.
    await expect(menu.or(link.getByRole('alert'))).toBeVisible();
    if (!(await menu.isVisible())) await openAsMember();
  }
  await expect(menu).toBeVisible();
  await context.close();
}

async function capture(page: Page, name: string) {
  await shot(page, name);
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [label, width] of [
    ['desktop', 1440],
    ['phone', 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.describe('approvals from WeCom', () => {
  test.afterAll(async () => {
    await connectTenant0('refuse');
  });

  test("the admin's card clicked in WeCom approves the join request; the console shows the member active", async ({
    page,
    browser,
  }) => {
    const api = await connectTenant0('link');
    const approverName = `审批人${unique('').slice(-5)}`;
    const approver = await readyUser(api, approverName);
    const approverId = await newSimMember(approverName);
    await bindInWeCom(browser, approverId, approver);
    const members = await api.get<{ records: { userId: number; username: string }[] }>(
      `/sys/tenant/members?keyword=${approver}&page=1&pageSize=10`,
    );
    await api.post('/sys/tenant/members/role', {
      userId: members.records.find((m) => m.username === approver)!.userId,
      role: 'admin',
    });

    // Someone of another tenant asks to join tenant 0 by its house number.
    const { api: platform } = await platformAdmin();
    const home = await platform.post<{ id: number }>('/sys/tenant/add', { name: unique('分部') });
    const applicantName = `申请人${unique('')}`;
    const applicant = await readyUser(
      createApi((await platformAdmin()).token, home.id),
      applicantName,
    );
    const house = await api.get<{ houseNumber: string }>('/sys/tenant/current');
    const login = await createApi().post<{ token: string }>('/sys/login', {
      username: applicant,
      password: PASSWORD,
    });
    await createApi(login.token).post('/sys/tenant/join', { houseNumber: house.houseNumber });

    // The approver's WeCom inbox (the simulator's member page) shows the card with its buttons.
    await page.goto(`${simUrl()}/sim/members/${encodeURIComponent(approverId)}`);
    const card = page.locator('.card', { hasText: applicantName });
    await expect(async () => {
      await page.reload();
      await expect(card).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(card).toContainText('成员加入申请');
    await capture(page, 'zh-approval-card');
    await card.getByRole('button', { name: '同意' }).click();
    await expect(page.locator('.card', { hasText: applicantName })).toContainText(
      `已同意 · ${approverName}`,
    );
    await capture(page, 'zh-approval-card-approved');

    // The console: the member is active (正常) in tenant 0.
    await signInAsAdmin(page);
    await page.locator('.ant-layout-sider').getByText('成员管理').click();
    // The page opens on 审核中 while anyone waits in the shared tenant: look among 正常.
    await page.getByTestId('members-status-filter').getByText('正常').click();
    const search = page.getByTestId('members-page').getByRole('searchbox');
    await search.fill(applicant);
    await search.press('Enter');
    await expect(page.getByRole('row', { name: new RegExp(applicant) })).toContainText('正常');

    // The knob on the integration page.
    await page.goto('/third-app/wecom');
    await expect(page.getByTestId('wecom-config-approval-cards')).toHaveText('开启');
    await page.getByTestId('wecom-config-edit').click();
    await expect(page.getByTestId('wecom-approval-cards')).toBeVisible();
    await page.getByTestId('wecom-approval-cards').scrollIntoViewIfNeeded();
    await capture(page, 'zh-approval-cards-setting');
  });
});
