import type { Page } from '@playwright/test';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';

const row = (page: Page, name: string) =>
  page.locator('[data-testid^="department-"]', { hasText: name });

async function nodeAction(page: Page, name: string, action: string): Promise<void> {
  await row(page, name).getByRole('button').click();
  await page.getByRole('menuitem', { name: action }).click();
}

async function fillNameAndSave(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('部门名称').fill(name);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}

test('the admin builds, renames, moves and deletes departments in the tree', async ({ page }) => {
  const root = unique('研发中心');
  const otherRoot = unique('产品中心');
  const child = unique('前端组');
  const renamed = unique('前端平台组');
  await signInAsAdmin(page);
  await page.locator('.ant-layout-sider').getByText('部门管理').click();
  await expect(page.getByTestId('departments-page')).toBeVisible();

  for (const name of [root, otherRoot]) {
    await page.getByRole('button', { name: '新增顶级部门' }).click();
    await fillNameAndSave(page, name);
    await expect(row(page, name)).toBeVisible();
  }
  await nodeAction(page, root, '新增下级部门');
  await fillNameAndSave(page, child);
  await expect(row(page, child)).toBeVisible();
  await shot(page, 'zh-departments');

  // A department with a sub-department cannot be deleted; the reason is shown.
  await nodeAction(page, root, '删除');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(page.locator('.ant-message')).toContainText('不能删除');
  await expect(row(page, root)).toBeVisible();

  await nodeAction(page, child, '重命名');
  await fillNameAndSave(page, renamed);
  await expect(row(page, renamed)).toBeVisible();

  // Move it under the other top-level department; its old parent may then be deleted.
  await nodeAction(page, renamed, '调整上级');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('上级部门').click();
  await page.locator('.ant-select-tree').getByText(otherRoot, { exact: true }).click();
  await shot(page, 'zh-departments-move');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  const moved = page.locator('.ant-tree-treenode', { has: row(page, renamed) });
  await expect(moved.locator('.ant-tree-indent-unit')).toHaveCount(1);

  await nodeAction(page, root, '删除');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await expect(page.locator('.ant-message')).toContainText('部门已删除');
  await expect(row(page, root)).toHaveCount(0);
  await expect(row(page, renamed)).toBeVisible();
});
