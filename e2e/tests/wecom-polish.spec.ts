import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect as poll } from '@playwright/test';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, expectNoSeriousA11y, signInAsAdmin, test, unique } from '../fixtures/test';
import { connectDefaultTenant, newSimMember } from '../fixtures/world';

/** Every uncaught error and unhandled rejection the page reports, and every console error. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * The screen as a person sees it with a dialog open, its top in view (a full-page shot shows a
 * long dialog scrolled to its end, an element shot a tall one cut).
 */
async function dialogShot(page: Page, name: string): Promise<void> {
  await page.locator('.ant-modal-title, .ant-modal-confirm-title').last().scrollIntoViewIfNeeded();
  await page.screenshot({
    path: fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url)),
    animations: 'disabled',
  });
}

/** A new tenant of the platform admin, chosen in the header: it has no WeCom configuration. */
async function inFreshTenant(page: Page): Promise<string> {
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD);
  const tenant = await admin.post<{ id: number; name: string }>('/sys/tenant/add', {
    name: unique('微信租户'),
  });
  await signInAsAdmin(page);
  await page.getByTestId('tenant-switcher').click();
  await page.locator('.ant-select-item-option', { hasText: tenant.name }).click();
  await expect(page.getByTestId('tenant-switcher')).toContainText(tenant.name);
  await page.goto('/third-app/wecom');
  await expect(page.getByTestId('wecom-page')).toBeVisible();
  return tenant.name;
}

test.describe('WeCom integration polish', () => {
  test('saving an empty config form shows what is missing, says which fields WeCom owns, and throws nothing', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await inFreshTenant(page);
    await page.getByTestId('wecom-config-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(3);
    await expect(dialog).toBeVisible();
    await dialogShot(page, 'zh-wecom-config-empty-submit');
    await expectNoSeriousA11y(page, 'WeCom config dialog with errors');
    // A rejection surfaces asynchronously: give it the time a click handler would need.
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
    await expect(dialog.getByTestId('wecom-owned-fields')).toContainText('以企业微信为准');
    await expect(dialog.getByTestId('wecom-owned-fields')).toContainText('姓名、职位、所属部门');
  });

  test('removing the configuration asks with 保留配置 (focused) and a danger 取消绑定 set apart', async ({
    page,
  }) => {
    await inFreshTenant(page);
    await page.getByTestId('wecom-config-add').click();
    const form = page.getByTestId('wecom-config-form');
    await form.getByTestId('wecom-agent-id').fill('1000002');
    await form.getByTestId('wecom-client-id').fill(`ww${Date.now().toString(16)}`);
    await form.getByTestId('wecom-client-secret').fill('MadeUpSecretValue0001');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('wecom-config')).toBeVisible();

    await page.getByTestId('wecom-config-remove').click();
    const keep = page.getByTestId('wecom-remove-keep');
    const remove = page.getByTestId('wecom-remove-confirm');
    await expect(keep).toHaveText('保留配置');
    await expect(remove).toHaveText('取消绑定');
    await expect(remove).toHaveClass(/ant-btn-dangerous/);
    await expect(keep).toBeFocused();
    await expectNoSeriousA11y(page, 'remove confirmation');
    const [k, r] = [await keep.boundingBox(), await remove.boundingBox()];
    expect(r!.x - (k!.x + k!.width)).toBeGreaterThanOrEqual(24);
    await dialogShot(page, 'zh-wecom-remove-confirm');
    await keep.click();
    await expect(page.getByTestId('wecom-config')).toBeVisible();
  });

  test('a bound-members search that finds nothing says no member matches, not "none bound yet"', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    const bindings = page.getByTestId('wecom-bindings');
    const keyword = unique('nobody');
    await bindings.getByTestId('wecom-bindings-search').locator('input').fill(keyword);
    await bindings.getByTestId('wecom-bindings-search').locator('input').press('Enter');
    await expect(bindings).toContainText(`没有符合“${keyword}”的绑定成员`);
    await expect(bindings).not.toContainText('还没有绑定的成员');
  });
});

/** Applies what WeCom proposes until a preview has nothing left to do (other journeys share it). */
async function settleDefaultTenant(): Promise<void> {
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
  for (let i = 0; i < 3; i += 1) {
    const plan = await admin.post<{ planId: string; counts: Record<string, number> }>(
      '/sys/thirdApp/sync/preview',
      { thirdType: 'wechat_enterprise' },
    );
    const { runId } = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
      planId: plan.planId,
    });
    await poll
      .poll(
        async () =>
          (await admin.get<{ status: string }>(`/sys/thirdApp/sync/runs/${runId}`)).status,
        {
          timeout: 30_000,
        },
      )
      .toMatch(/succeeded|failed|cancelled|needs_confirmation/);
  }
}

test('a sync preview with nothing to change cannot be started, and says why', async ({ page }) => {
  await connectDefaultTenant({ over: { enabled: true } });
  await settleDefaultTenant();
  await signInAsAdmin(page);
  await page.goto('/third-app/wecom');
  await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
  const review = page.getByTestId('sync-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review.getByTestId('sync-apply')).toBeDisabled();
  await expect(review.getByTestId('sync-nothing-to-do')).toHaveText(/已与企业微信一致/);
  await dialogShot(page, 'zh-wecom-sync-nothing-to-do');
  await page.keyboard.press('Escape');

  // One new WeCom member: now there is something to do, and the sync can start.
  await newSimMember('新来的');
  await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review.getByTestId('sync-apply')).toBeEnabled();
  await expectNoSeriousA11y(page, 'sync preview');
  await dialogShot(page, 'zh-wecom-sync-preview-a11y');
  await expect(review.getByTestId('sync-nothing-to-do')).toHaveCount(0);
});
