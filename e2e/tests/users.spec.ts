import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, searchAndPick, shot, signInAsAdmin, test, unique } from '../fixtures/test';

test('the admin adds a user into a department, finds, edits, freezes and unfreezes them', async ({
  page,
}) => {
  const department = unique('市场部');
  const username = unique('li.na');
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  await admin.post('/sys/depart/add', { name: department });
  await signInAsAdmin(page);
  // `/` is the admin home (issue 18): the user list is one menu item away.
  await page.goto('/system/users');

  await page.getByRole('button', { name: '新增用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill('李娜');
  await dialog.getByLabel('初始密码').fill('Welcome123');
  // Other journeys (the WeCom sync above all) fill tenant 0 with departments: the list is long
  // and virtualised, so the department is found by typing its name.
  await searchAndPick(page, dialog.getByLabel('所属部门'), department);
  await page.keyboard.press('Escape');
  await shot(page, 'zh-users-add');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();

  // Other journeys add users too, so find this one by keyword before looking at the row.
  const search = page.getByTestId('users-search').getByRole('searchbox');
  await search.fill(username);
  await search.press('Enter');
  const row = page.getByRole('row', { name: new RegExp(username) });
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(row).toContainText('李娜');
  await expect(row).toContainText(department);
  await expect(row).toContainText('正常');

  // The department filter narrows the list to that department's members.
  await search.fill('');
  await search.press('Enter');
  await searchAndPick(page, page.getByTestId('users-department-filter'), department);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(row).toBeVisible();
  await shot(page, 'zh-users');

  await row.getByRole('button', { name: /编\s*辑/ }).click();
  await expect(dialog.getByLabel('用户名')).toBeDisabled();
  await dialog.getByLabel('姓名').fill('李娜娜');
  await dialog.getByLabel('职位').fill('产品经理');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('李娜娜');

  await row.getByRole('button', { name: /冻\s*结/ }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText('已冻结');
  await row.getByRole('button', { name: /解\s*冻/ }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText('正常');
});
