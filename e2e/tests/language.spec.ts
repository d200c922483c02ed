import { expect, shot, signInAsAdmin, test } from '../fixtures/test';

test('switching to English translates the console and is remembered', async ({ page }) => {
  await signInAsAdmin(page);
  // `/` is the admin home (issue 18): the user list is one menu item away.
  await page.goto('/system/users');
  const menu = page.locator('.ant-layout-sider');
  await expect(menu).toContainText('用户管理');
  await expect(page.getByTestId('users-page')).toContainText('新增用户');

  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();

  await expect(menu).toContainText('Users');
  await expect(menu).not.toContainText('用户管理');
  await expect(page.getByTestId('users-page')).toContainText('Add user');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.locator('.ant-layout-sider')).toContainText('Departments');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'en-login');

  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
});
