import { expect, pickOption, shot, signInAsAdmin, test, unique } from '../fixtures/test';

test.describe('users and departments of a tenant', () => {
  test('the admin builds a department tree, adds a user to it and freezes them', async ({
    page,
  }) => {
    const root = unique('研发中心');
    const child = unique('前端组');
    const username = unique('li.na');
    await signInAsAdmin(page);

    // Departments: a top-level one and a child.
    await page.locator('.ant-layout-sider').getByText('部门管理').click();
    await expect(page.getByTestId('departments-page')).toBeVisible();
    await page.getByRole('button', { name: '新增顶级部门' }).click();
    await page.getByRole('dialog').getByLabel('部门名称').fill(root);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const rootRow = page.locator('[data-testid^="department-"]', { hasText: root });
    await expect(rootRow).toBeVisible();
    await rootRow.getByRole('button').click();
    await page.getByRole('menuitem', { name: '新增下级部门' }).click();
    await page.getByRole('dialog').getByLabel('部门名称').fill(child);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(page.locator('[data-testid^="department-"]', { hasText: child })).toBeVisible();
    await shot(page, 'zh-departments');

    // A department that still has a child cannot be deleted; the server's reason is shown.
    await rootRow.getByRole('button').click();
    await page.getByRole('menuitem', { name: '删除' }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await expect(page.locator('.ant-message')).toContainText('不能删除');

    // Users: add one into the child department.
    await page.locator('.ant-layout-sider').getByText('用户管理').click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('李娜');
    await dialog.getByLabel('初始密码').fill('Welcome123');
    await dialog.getByLabel('所属部门').click();
    await pickOption(page, child);
    await page.keyboard.press('Escape');
    await shot(page, 'zh-users-add');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: new RegExp(username) });
    await expect(row).toContainText('李娜');
    await expect(row).toContainText(child);
    await expect(row).toContainText('正常');

    // The department filter finds them; searching by keyword too.
    await page.getByTestId('users-search').getByRole('searchbox').fill(username);
    await page.getByTestId('users-search').getByRole('searchbox').press('Enter');
    await expect(page.getByRole('row')).toHaveCount(2);
    await shot(page, 'zh-users');

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
});
