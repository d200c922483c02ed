import type { Browser, Page } from '@playwright/test';
import { createApi, createReadyUser } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl, simUrl } from '../fixtures/env';
import { expect, shot, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

/** The WeCom client's built-in browser (desktop) announces itself like this. */
const WECOM_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 wxwork/4.1.0 MicroMessenger/7.0.1';
const PASSWORD = 'Member-pass-123';

async function adminToken(): Promise<string> {
  const { token } = await createApi().post<{ token: string }>('/sys/login', {
    username: ADMIN_USERNAME,
    password: ADMIN_PASSWORD,
  });
  return token;
}

/**
 * The default tenant 0 connected to the simulator, with the given policy for unbound members.
 * Another spec may have configured (or removed) it already; either way it ends up enabled.
 */
async function connectTenant0(unboundLogin: 'refuse' | 'link' | 'create') {
  await connectDefaultTenant({ policy: { unboundLogin }, over: { enabled: true } });
  return createApi(await adminToken(), 0);
}

/** The simulator's member picker (WeCom itself knows who is signed in to the client). */
async function pickAtWeCom(page: Page, userid: string) {
  await expect(page).toHaveURL(new RegExp(`^${simUrl()}`));
  await page.locator('input[name="sim_q"]').fill(userid);
  await page.locator('form button').click();
  await page.locator('a.member', { hasText: userid }).click();
}

async function weComContext(browser: Browser) {
  return browser.newContext({
    userAgent: WECOM_UA,
    baseURL: baseUrl(),
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
}

test.describe('sign in with WeCom', () => {
  test.afterAll(async () => {
    await connectTenant0('refuse');
  });

  test('inside WeCom the home page signs the member in to that tenant', async ({ browser }) => {
    const api = await connectTenant0('link');
    const userid = await newSimMember('企业微信成员');
    const username = unique('wx');
    await createReadyUser(api, username, '韩梅梅', PASSWORD);

    // First visit: WeCom authorises, the member links their existing account once.
    const context = await weComContext(browser);
    const page = await context.newPage();
    await page.goto('/tenantId/0');
    await pickAtWeCom(page, userid);
    await expect(page.getByTestId('oauth-link')).toBeVisible();
    expect(page.url()).toBe(`${baseUrl()}/oauth2-app/login`);
    await shot(page, 'zh-oauth-link');
    await page.getByTestId('oauth-link').getByRole('textbox').first().fill(username);
    await page.getByTestId('oauth-link').locator('input[type="password"]').fill(PASSWORD);
    await page.getByTestId('oauth-link').locator('button[type="submit"]').click();
    await expect(page.getByTestId('user-menu')).toContainText('韩梅梅');
    expect(await page.evaluate(() => localStorage.getItem('orgbridge.tenantId'))).toBe('0');
    await context.close();

    // Later: "以此成员身份打开应用" on the simulator's member page → silently signed in.
    const later = await weComContext(browser);
    const again = await later.newPage();
    await again.goto(`${simUrl()}/sim/open?userid=${encodeURIComponent(userid)}`);
    await expect(again.getByTestId('user-menu')).toContainText('韩梅梅');
    expect(again.url()).not.toContain('ticket');

    // The member's own binding, in their profile menu; unbinding asks first.
    await again.getByTestId('user-menu').click();
    await again.getByRole('menuitem', { name: '企业微信绑定' }).click();
    await expect(again.getByTestId('wecom-binding')).toContainText(userid);
    await shot(again, 'zh-wecom-binding');
    await again.evaluate(() => localStorage.setItem('orgbridge.language', 'en'));
    await again.reload();
    await again.getByTestId('user-menu').click();
    await again.getByRole('menuitem', { name: 'WeCom binding' }).click();
    await expect(again.getByTestId('wecom-binding')).toContainText(userid);
    await shot(again, 'en-wecom-binding');
    await again.evaluate(() => localStorage.setItem('orgbridge.language', 'zh-CN'));
    await again.reload();
    await again.getByTestId('user-menu').click();
    await again.getByRole('menuitem', { name: '企业微信绑定' }).click();
    await again.getByTestId('wecom-unbind').click();
    await again.getByTestId('wecom-unbind-confirm').click();
    await expect(again.getByTestId('wecom-binding')).toContainText('没有绑定');
    await later.close();
  });

  test('QR login from a normal browser, on the tenant home page', async ({ page }) => {
    await connectTenant0('create');
    const userid = await newSimMember('李雷');
    await page.goto('/tenantId/0');
    await expect(page.getByTestId('wecom-login')).toContainText('企业微信扫码登录');
    await shot(page, 'zh-tenant-login');
    await page.getByTestId('wecom-login').click();
    await pickAtWeCom(page, userid);
    await expect(page.getByTestId('user-menu')).toContainText('李雷');
    expect(await page.evaluate(() => localStorage.getItem('orgbridge.tenantId'))).toBe('0');
  });

  test('refusals are explained in Chinese and English', async ({ page }) => {
    await connectTenant0('refuse');
    const userid = await newSimMember('王芳');
    const context = await weComContext(page.context().browser()!);
    const inApp = await context.newPage();
    await inApp.goto('/tenantId/0');
    await pickAtWeCom(inApp, userid);
    await expect(inApp.getByTestId('oauth-failure-title')).toHaveText(
      '你的企业微信账号尚未同步到该租户',
    );
    await expect(inApp.getByTestId('oauth-failure')).toContainText(userid);
    await shot(inApp, 'zh-oauth-unbound');
    await context.close();

    // A forged or replayed callback never signs anybody in.
    await page.goto('/sys/thirdLogin/oauth2/wechat_enterprise/callback?code=abc&state=forged');
    await expect(page.getByTestId('oauth-failure-title')).toHaveText('登录链接无效');
    await page.evaluate(() => localStorage.setItem('orgbridge.language', 'en'));
    // A new document (only the fragment differs, which the browser would not reload for).
    await page.goto('about:blank');
    await page.goto('/oauth2-app/login#error=code_invalid&errcode=40029&tenantId=0');
    await expect(page.getByTestId('oauth-failure-title')).toHaveText(
      'WeCom refused the sign-in code (40029)',
    );
    await shot(page, 'en-oauth-code-invalid');
    await page.goto('about:blank');
    await page.goto('/oauth2-app/login#link=0123&userid=lilei&tenantId=0');
    await expect(page.getByTestId('oauth-link')).toContainText('Link your existing account');
    await shot(page, 'en-oauth-link');
    await page.goto('/tenantId/0');
    await expect(page.getByTestId('login-card')).toBeVisible();
    await shot(page, 'en-tenant-login');
  });
});
