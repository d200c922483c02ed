import { createReadyUser, loginApi, type createApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, SIM, simUrl } from '../fixtures/env';
import { expect, pickOption, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import type { Locator, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** What a phone shows in its viewport (a full-page shot of a modal over a long page is not). */
async function viewShot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-btn-loading')).toHaveCount(0);
  const path = fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url));
  await page.screenshot({ path, animations: 'disabled' });
}

type Api = ReturnType<typeof createApi>;

async function ensureWecomConfig(admin: Api): Promise<void> {
  const current = await admin.get<unknown>('/sys/thirdApp/config?thirdType=wechat_enterprise');
  if (current) return;
  await admin.post('/sys/thirdApp/config', {
    thirdType: 'wechat_enterprise',
    agentId: SIM.agentId,
    clientId: SIM.corpId,
    clientSecret: SIM.secret,
    enabled: true,
  });
}

async function sim<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simUrl()}/sim/admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function openPreview(page: Page, tag: string): Promise<Locator> {
  await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
  const review = page.getByTestId('sync-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await review.getByRole('searchbox', { name: '企业微信用户' }).fill(tag);
  return review;
}

async function applyAndClose(page: Page, review: Locator): Promise<void> {
  await review.getByTestId('sync-apply').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '开始同步' }).click();
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 30_000,
  });
  await page
    .locator('.ant-modal-footer:visible')
    .getByRole('button', { name: /关\s*闭/ })
    .click();
}

/** A WeCom member's row (the system side lists accounts whose usernames may contain the id). */
const wecomRow = (review: Locator, userid: string) =>
  review.getByTestId('sync-wecom-table').locator(`tr[data-row-key="${userid}"]`);

const filter = (review: Locator, name: RegExp) =>
  review.getByTestId('sync-filter').getByText(name).click();

test.describe('WeCom sync decisions', () => {
  test('移出 asks "create or leave out"; 排除 persists into the next preview and is undone there; namesakes told apart', async ({
    page,
  }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await ensureWecomConfig(admin);
    const tag = unique('dx').toLowerCase();
    const suffix = tag.slice(-4);
    const guo = `郭强${suffix}`;
    const wang = `王英${suffix}`;
    const depts = (
      await sim<{ id: number; name: string; parentid: number }[]>('GET', '/departments')
    )
      .filter((d) => d.parentid !== 0)
      .slice(0, 2);
    expect(depts).toHaveLength(2);
    await sim('POST', '/users', {
      userid: `${tag}g`,
      name: guo,
      department: [depts[0]!.id],
      position: '销售经理',
    });
    await sim('POST', '/users', {
      userid: `${tag}w1`,
      name: wang,
      department: [depts[0]!.id],
      position: '会计',
    });
    await sim('POST', '/users', {
      userid: `${tag}w2`,
      name: wang,
      department: [depts[1]!.id],
      position: '工程师',
    });
    // The existing account that WeCom's 郭强 matches by name.
    await createReadyUser(admin, `${tag}guo`, guo, 'Guo-pass-123');

    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    let review = await openPreview(page, tag);
    const rowG = wecomRow(review, `${tag}g`);
    const rowW1 = wecomRow(review, `${tag}w1`);
    const rowW2 = wecomRow(review, `${tag}w2`);
    await expect(rowG).toContainText('姓名相同');
    await expect(rowG).toContainText(`${tag}guo`);
    // Two 王英 told apart by department path and position.
    await expect(rowW1.getByTestId('sync-wecom-details')).toContainText(depts[0]!.name);
    await expect(rowW1.getByTestId('sync-wecom-details')).toContainText('会计');
    await expect(rowW2.getByTestId('sync-wecom-details')).toContainText(depts[1]!.name);
    await expect(rowW2.getByTestId('sync-wecom-details')).toContainText('工程师');
    await shot(page, 'zh-wecom-sync-decisions-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(rowW1.getByTestId('sync-wecom-details')).toBeVisible();
    await viewShot(page, 'zh-wecom-sync-decisions-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // 需处理 shows only the decisions: the namesakes, not the clear name match.
    await filter(review, /^需处理/);
    await expect(rowW1).toBeVisible();
    await expect(rowW2).toBeVisible();
    await expect(rowG).toHaveCount(0);
    await shot(page, 'zh-wecom-sync-attention-1440');
    await filter(review, /^全部/);

    // The pick list: an account paired with another member is shown disabled with the reason;
    // the platform administrator is not offered at all.
    const pickW1 = rowW1.getByRole('combobox');
    await pickW1.click();
    await page.keyboard.type(`${tag}guo`);
    const taken = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: `${tag}guo`,
    });
    await expect(taken).toHaveClass(/ant-select-item-option-disabled/);
    await expect(taken).toContainText(`已配对：${guo}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`(${ADMIN_USERNAME})`);
    await expect(
      page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: `(${ADMIN_USERNAME})`,
      }),
    ).toHaveCount(0);
    await page.keyboard.press('Escape');

    // 移出 on the name match asks; it never silently becomes a second 郭强.
    await rowG.getByTestId(`sync-remove-${tag}g`).click();
    const dialog = page.getByRole('dialog', { name: '移出这个配对？' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('新建账号');
    await expect(dialog).toContainText('排除');
    await shot(page, 'zh-wecom-sync-remove-choice-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await viewShot(page, 'zh-wecom-sync-remove-choice-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await dialog.getByTestId('sync-remove-exclude').click();
    await expect(rowG).toContainText('已排除');
    await applyAndClose(page, review);

    const named = await admin.get<{ records: { username: string }[]; total: number }>(
      `/sys/user/list?keyword=${encodeURIComponent(guo)}&pageSize=50`,
    );
    expect(named.records.map((r) => r.username)).toEqual([`${tag}guo`]);
    const notBound = await admin.get<{ records: { wechatUserId: string }[] }>(
      `/sys/thirdApp/bindings?thirdType=wechat_enterprise&keyword=${tag}g&pageSize=50`,
    );
    expect(notBound.records.map((r) => r.wechatUserId.toLowerCase())).not.toContain(`${tag}g`);

    // The next preview remembers the exclusion, lists it, and lets the admin undo it.
    review = await openPreview(page, tag);
    await expect(review.getByTestId('sync-excluded-notice')).toBeVisible();
    await filter(review, /^已排除/);
    const again = wecomRow(review, `${tag}g`);
    await expect(again).toContainText('已排除');
    await shot(page, 'zh-wecom-sync-excluded-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await viewShot(page, 'zh-wecom-sync-excluded-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await again.getByTestId(`sync-restore-${tag}g`).click();
    await filter(review, /^全部/);
    const restored = wecomRow(review, `${tag}g`);
    await restored.getByRole('combobox').click();
    await page.keyboard.type(`${tag}guo`);
    await pickOption(page, new RegExp(`\\(${tag}guo\\)$`));
    await expect(restored).toContainText(`${tag}guo`);
    await applyAndClose(page, review);

    const bound = await admin.get<{ records: { wechatUserId: string; username: string }[] }>(
      `/sys/thirdApp/bindings?thirdType=wechat_enterprise&keyword=${tag}g&pageSize=50`,
    );
    expect(bound.records.find((r) => r.wechatUserId.toLowerCase() === `${tag}g`)?.username).toBe(
      `${tag}guo`,
    );
  });
});
