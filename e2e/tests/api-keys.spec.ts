import type { Page } from '@playwright/test';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, SIM, baseUrl } from '../fixtures/env';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';

/** Tenant 0 holds the simulator's CorpID; standing alone, this spec configures it by API. */
async function ensureWecomConfig(): Promise<void> {
  const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD);
  const current = await admin.get<{ enabled: boolean } | null>(
    '/sys/thirdApp/config?thirdType=wechat_enterprise',
  );
  if (!current) {
    await admin.post('/sys/thirdApp/config', {
      thirdType: 'wechat_enterprise',
      agentId: SIM.agentId,
      clientId: SIM.corpId,
      clientSecret: SIM.secret,
    });
  }
}

/** The seed's push API called by "another system" with the key, as Postman would. */
async function sendWithKey(key: string, content: string) {
  const response = await fetch(`${baseUrl()}/sys/thirdApp/sendMessageTest`, {
    method: 'POST',
    headers: { 'X-Access-Token': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ app: 'WECHAT_ENTERPRISE', receiver: '', sendAll: true, content }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { success: boolean; errorCode?: string },
  };
}

async function openCreateDialog(page: Page, name: string) {
  await page.getByTestId('create-api-key').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('api-key-name').fill(name);
  return dialog;
}

test.describe('API keys', () => {
  test.beforeAll(async () => {
    await ensureWecomConfig();
  });

  test('an admin creates a key in the console, a system sends with it, the admin revokes it', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    await signInAsAdmin(page);
    await page.getByRole('menuitem', { name: 'API 密钥' }).click();
    await expect(page).toHaveURL(/\/system\/api-keys$/);
    await expect(page.getByTestId('api-keys-page')).toBeVisible();

    const name = unique('ERP 推送 ');
    const dialog = await openCreateDialog(page, name);
    // Every permission is offered with what it allows.
    for (const p of ['messages:send', 'messages:read', 'directory:read', 'sync:run'])
      await expect(dialog.getByTestId(`permission-${p}`)).toBeVisible();
    await dialog.getByTestId('permission-messages:read').click();
    await shot(page, 'api-keys-create-1440');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();

    // The copy-once dialog: the key, a copy button, the warning.
    const shown = dialog.getByTestId('created-api-key');
    await expect(shown).toHaveText(/^obk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    await expect(dialog.getByText('关闭此窗口后将无法再次查看', { exact: false })).toBeVisible();
    const key = (await shown.textContent())!.trim();
    await dialog.getByTestId('copy-api-key').click();
    await expect(dialog.getByTestId('copy-api-key')).toHaveText(/已复制/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shot(page, 'api-keys-created-1440');
    await dialog.getByTestId('api-key-done').click();
    await expect(page.getByRole('dialog')).toBeHidden();

    // Listed with its prefix, never the key itself.
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('api-key-prefix')).toHaveText(`${key.slice(0, 12)}…`);
    await expect(row.getByTestId('api-key-state')).toHaveText('有效');
    await expect(page.getByText(key)).toHaveCount(0);

    // Another system sends with the key (HTTP, unchanged request body)…
    const sent = await sendWithKey(key, unique('来自 ERP 的通知 '));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.success).toBe(true);
    // …but the key reaches nothing else, e.g. the user list.
    const users = await fetch(`${baseUrl()}/sys/user/list`, { headers: { 'X-Access-Token': key } });
    expect(users.status).toBe(403);

    await page.reload();
    await expect(row.getByText('从未使用')).toHaveCount(0);
    await shot(page, 'api-keys-list-1440');

    // Revoked in the console, with a confirmation; the next call is refused.
    await row.getByTestId('revoke-api-key').click();
    const confirm = page.locator('.ant-popconfirm');
    await expect(confirm).toContainText('立即被拒绝');
    await shot(page, 'api-keys-revoke-1440');
    await confirm.getByRole('button', { name: /吊\s*销/ }).click();
    await expect(row.getByTestId('api-key-state')).toHaveText('已吊销');
    const after = await sendWithKey(key, 'after revoke');
    expect(after.status).toBe(401);
    expect(after.body.errorCode).toBe('auth.api_key_revoked');
  });

  test('the page and the copy-once dialog fit a phone (390 px)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAsAdmin(page);
    await page.goto('/system/api-keys');
    await expect(page.getByTestId('api-keys-page')).toBeVisible();
    await shot(page, 'api-keys-list-390');
    const dialog = await openCreateDialog(page, unique('手机 '));
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await expect(dialog.getByTestId('created-api-key')).toBeVisible();
    await shot(page, 'api-keys-created-390');
  });
});
