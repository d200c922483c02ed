import { createReadyUser, loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, simUrl } from '../fixtures/env';
import { expect, pickOption, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import { connectDefaultTenant } from '../fixtures/world';

async function sim<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simUrl()}/sim/admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test.describe('WeCom directory sync', () => {
  test('同步 → preview → pick / exclude → confirm with counts → progress → result; bound members match', async ({
    page,
  }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await connectDefaultTenant({ over: { enabled: true } });
    // New WeCom members: two with the same name (ambiguous), one to exclude from creation.
    const tag = unique('e2e').toLowerCase();
    await sim('POST', '/users', { userid: `${tag}a`, name: '同名测试', department: [1] });
    await sim('POST', '/users', { userid: `${tag}b`, name: '同名 测试', department: [1] });
    await sim('POST', '/users', { userid: `${tag}x`, name: '不要同步', department: [1] });
    // An existing account the admin pairs by hand with one of the namesakes.
    await createReadyUser(admin, `${tag}pair`, '手动配对', 'Pair-pass-123');

    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    const step = page.getByTestId('wecom-step-sync');
    await step.getByTestId('sync-start').click();
    const review = page.getByTestId('sync-review');
    await expect(review).toBeVisible({ timeout: 30_000 });
    await review.getByRole('searchbox', { name: '企业微信用户' }).fill(tag);
    await expect(review.locator('tr', { hasText: `${tag}a` })).toContainText('重名');
    await expect(review.locator('tr', { hasText: `${tag}x` })).toContainText('无匹配');
    await shot(page, 'zh-wecom-sync-preview');

    // Change a pair: the ambiguous namesake is never auto-paired; the admin picks the account.
    const namesake = review.locator('tr', { hasText: `${tag}a` });
    await namesake.getByRole('combobox', { name: '选择组织用户' }).click();
    await namesake.getByRole('combobox', { name: '选择组织用户' }).fill(`${tag}pair`);
    await pickOption(page, `手动配对 (${tag}pair)`);
    await expect(namesake).toContainText(`${tag}pair`);

    // Exclude one new member from creation.
    const excludedRow = review.locator('tr', { hasText: `${tag}x` });
    await excludedRow.getByRole('button', { name: '排除' }).click();
    await expect(excludedRow).toContainText('已排除');

    await review.getByTestId('sync-apply').click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm).toContainText('将新建');
    await shot(page, 'zh-wecom-sync-confirm');
    await confirm.getByRole('button', { name: '开始同步' }).click();

    const progress = page.getByTestId('sync-progress');
    await expect(progress).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    const result = page.getByTestId('sync-result');
    await expect(result).toContainText('成功');
    await shot(page, 'zh-wecom-sync-result');
    await page.locator('.ant-modal-footer').getByRole('button').click();
    await expect(step.getByTestId('sync-history')).toContainText('成功');

    // Every WeCom member still in the corp is bound, except the excluded one and any member
    // unbound earlier (移出 or their own unlink, e.g. in the sign-in journey), which a sync
    // leaves unbound and a fresh preview lists as unpaired.
    const users = await sim<{ total: number; users: { userid: string; status: number }[] }>(
      'GET',
      '/users?offset=0&limit=1000',
    );
    const again = await admin.post<{
      members: { pairs: { wechatUserId: string; unpaired?: boolean }[] };
    }>('/sys/thirdApp/sync/preview', { thirdType: 'wechat_enterprise' });
    const unpaired = new Set(
      again.members.pairs.filter((m) => m.unpaired).map((m) => m.wechatUserId.toLowerCase()),
    );
    const expected = users.users
      .filter((u) => u.status !== 5 && u.userid !== `${tag}x`)
      .map((u) => u.userid.toLowerCase())
      .filter((u) => !unpaired.has(u));
    const bound = new Set<string>();
    for (let p = 1; ; p++) {
      const page1 = await admin.get<{
        records: { wechatUserId: string; active?: boolean }[];
        total: number;
      }>(`/sys/thirdApp/bindings?thirdType=wechat_enterprise&page=${p}&pageSize=100`);
      for (const r of page1.records)
        if (r.active !== false) bound.add(r.wechatUserId.toLowerCase());
      if (p * 100 >= page1.total) break;
    }
    expect([...bound].sort()).toEqual(expected.sort());
    expect(bound.has(`${tag}x`)).toBe(false);
    const paired = await admin.get<{ records: { wechatUserId: string; username: string }[] }>(
      `/sys/thirdApp/bindings?thirdType=wechat_enterprise&keyword=${tag}a`,
    );
    expect(paired.records.find((r) => r.wechatUserId.toLowerCase() === `${tag}a`)?.username).toBe(
      `${tag}pair`,
    );

    // The same screens in English.
    await page.evaluate(() => localStorage.setItem('orgbridge.language', 'en'));
    await page.reload();
    await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
    await expect(page.getByTestId('sync-review')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'en-wecom-sync-preview');
    await page.locator('.ant-modal-footer').getByRole('button').click();
    await page
      .getByTestId('wecom-step-sync')
      .getByRole('button', { name: 'Details' })
      .first()
      .click();
    await expect(page.locator('.ant-modal').getByTestId('sync-result')).toBeVisible();
    await shot(page, 'en-wecom-sync-result');
    await page.evaluate(() => localStorage.setItem('orgbridge.language', 'zh-CN'));
  });
});
