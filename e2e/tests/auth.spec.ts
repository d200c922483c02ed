import { createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl } from '../fixtures/env';
import { expect, shot, signIn, test, unique } from '../fixtures/test';

test.describe('signing in', () => {
  test('a wrong password is refused with a clear message and no session', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await shot(page, 'zh-login');
    await page.getByLabel('用户名').fill(ADMIN_USERNAME);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
    await expect(page).toHaveURL(/\/login$/);
    await shot(page, 'zh-login-error');
    expect(await page.evaluate(() => localStorage.getItem('orgbridge.token'))).toBeNull();
  });

  test('repeated failures are throttled and the page says how long to wait', async ({ page }) => {
    const username = unique('guess');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await fetch(`${baseUrl()}/sys/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: `wrong-${attempt}` }),
      });
      expect(response.status).toBe(401);
    }
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('wrong-again');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error')).toContainText(
      /登录失败次数过多，请 \d+ 分钟后再试/,
    );
    await shot(page, 'zh-login-throttled');
  });

  test('the administrator signs in, lands on the home page and signs out', async ({ page }) => {
    await signIn(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    // `/` is the admin home now, no longer a redirect to 用户管理 (issue 18, finding 7).
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('admin-home')).toBeVisible();
    await expect(page.getByTestId('tenant-switcher')).toContainText('默认租户');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/system/users');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a new account must replace its initial password before using the console', async ({
    page,
  }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    const username = unique('newbie');
    await admin.post('/sys/user/add', {
      username,
      realname: '新同事',
      password: 'Initial123',
      mustChangePassword: true,
    });

    await signIn(page, username, 'Initial123');
    await expect(page).toHaveURL(/\/change-password$/);
    await expect(page.getByTestId('change-password-card')).toContainText('请先设置新密码');
    await shot(page, 'zh-change-password');
    await page.goto('/system/my-tenants');
    await expect(page).toHaveURL(/\/change-password$/);

    await page.getByLabel('当前密码').fill('Initial123');
    await page.getByLabel('新密码', { exact: true }).fill('Changed456');
    await page.getByLabel('确认新密码').fill('Changed456');
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect(page).not.toHaveURL(/\/change-password$/);
    await expect(page.getByTestId('user-menu')).toContainText('新同事');
  });

  test('an existing member signs in with the password they chose', async ({ page }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    const username = unique('ready');
    await createReadyUser(admin, username, '老同事', 'Member12345');
    await signIn(page, username, 'Member12345');
    await expect(page.getByTestId('user-menu')).toContainText('老同事');
  });
});
