import { createApi, createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, shot, signIn, signInAsAdmin, test, unique } from '../fixtures/test';

test('the admin resets a password; the person signs in with the one-time password and must change it', async ({
  page,
  browser,
}) => {
  const username = unique('wang.fang');
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  await createReadyUser(admin, username, '王芳', 'Old-secret-123');
  // The person is signed in elsewhere: the reset ends that session.
  const before = await createApi().post<{ token: string }>('/sys/login', {
    username,
    password: 'Old-secret-123',
  });

  await signInAsAdmin(page);
  // `/` is the admin home (issue 18): the user list is one menu item away.
  await page.goto('/system/users');
  const search = page.getByTestId('users-search').getByRole('searchbox');
  await search.fill(username);
  await search.press('Enter');
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(page.getByRole('row')).toHaveCount(2);
  // Not offered on the admin's own account.
  await search.fill(ADMIN_USERNAME);
  await search.press('Enter');
  await expect(page.getByTestId(`reset-password-${ADMIN_USERNAME}`)).toBeDisabled();
  await search.fill(username);
  await search.press('Enter');

  await row.getByTestId(`reset-password-${username}`).click();
  await expect(page.locator('.ant-popconfirm')).toContainText('所有登录会话立即失效');
  await shot(page, 'zh-reset-password-confirm');
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /重\s*置/ })
    .click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('此密码只显示这一次');
  const otp = (await page.getByTestId('reset-password-value').innerText()).trim();
  expect(otp).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{16}$/);
  await shot(page, 'zh-reset-password-dialog');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'zh-reset-password-dialog-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('reset-password-close').click();
  await expect(dialog).toBeHidden();

  // The old session is over, and the old password too.
  await expect(createApi(before.token).get('/sys/user/me')).rejects.toThrow();
  await expect(
    createApi().post('/sys/login', { username, password: 'Old-secret-123' }),
  ).rejects.toThrow();

  // The person signs in with the one-time password and lands on the forced change.
  const context = await browser.newContext();
  const person = await context.newPage();
  await signIn(person, username, otp);
  await expect(person).toHaveURL(/\/change-password$/);
  await person.getByLabel('当前密码').fill(otp);
  await person.getByLabel('新密码', { exact: true }).fill('Mine-now-456');
  await person.getByLabel('确认新密码').fill('Mine-now-456');
  await shot(person, 'zh-reset-password-forced-change');
  await person.getByRole('button', { name: /确认修改/ }).click();
  await expect(person.getByTestId('user-menu')).toBeVisible();
  await expect(person).not.toHaveURL(/\/change-password$/);
  await context.close();

  // The one-time password worked once: it is gone now.
  await expect(createApi().post('/sys/login', { username, password: otp })).rejects.toThrow();
});
