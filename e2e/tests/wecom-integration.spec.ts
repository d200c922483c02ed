import type { Page } from '@playwright/test';
import type { Method } from '@orgbridge/test-world';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, SIM } from '../fixtures/env';
import { expect, pickOption, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import { connectDefaultTenant, platformAdmin, setTrustedIps } from '../fixtures/world';

const CHECKS = ['token', 'trusted_ip', 'departments', 'members', 'message', 'contact_secret'];

/** Calls the API as the platform admin in `tenantId`; answers the raw status and envelope. */
async function adminCall(method: Method, path: string, tenantId: number, body?: unknown) {
  const p = await platformAdmin();
  return p.call(method, path, body, { token: p.adminToken, tenantId });
}

/** The default tenant starts unconfigured so the journey enters the values itself. */
async function clearConfig(tenantId: number) {
  await adminCall('DELETE', '/sys/thirdApp/config?thirdType=wechat_enterprise', tenantId);
}

async function fillConfig(page: Page, values: { agentId: string; corpId: string; secret: string }) {
  const form = page.getByTestId('wecom-config-form');
  await form.getByTestId('wecom-agent-id').fill(values.agentId);
  await form.getByTestId('wecom-client-id').fill(values.corpId);
  await form.getByTestId('wecom-client-secret').fill(values.secret);
}

test.describe('WeCom integration page', () => {
  test('the admin enters AgentId/AppKey/AppSecret, tests the connection and sees every check pass', async ({
    page,
  }) => {
    await clearConfig(0);
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    await expect(page.getByTestId('wecom-step-info')).toContainText('企业可信IP');
    await expect(page.getByTestId('wecom-step-test')).toContainText('请先完成第 2 步');

    await page.getByTestId('wecom-config-add').click();
    await fillConfig(page, {
      agentId: String(SIM.agentId),
      corpId: SIM.corpId,
      secret: SIM.secret,
    });
    await shot(page, 'zh-wecom-config-modal');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(page.getByRole('dialog')).toBeHidden();

    // The secret is stored but only ever shown masked.
    await expect(page.getByTestId('wecom-config-client-id')).toHaveText(SIM.corpId);
    await expect(page.getByTestId('wecom-config-client-secret')).toHaveText(
      `******${SIM.secret.slice(-4)}`,
    );
    await expect(page.getByTestId('wecom-page')).not.toContainText(SIM.secret);

    await page.getByTestId('wecom-test-run').click();
    await expect(page.getByTestId('wecom-test-summary')).toContainText('全部检查通过');
    for (const id of CHECKS.filter((c) => c !== 'contact_secret')) {
      await expect(page.getByTestId(`wecom-check-${id}`)).toHaveAttribute('data-status', 'ok');
    }
    // No contacts-sync secret entered: that optional check is skipped, not failed.
    await expect(page.getByTestId('wecom-check-contact_secret')).toHaveAttribute(
      'data-status',
      'skipped',
    );

    // Adding the optional contacts-sync secret turns the last check green too.
    await page.getByTestId('wecom-config-edit').click();
    await expect(page.getByTestId('wecom-client-secret')).toHaveValue('');
    await page.getByTestId('wecom-contact-secret').fill(SIM.contactSecret);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByTestId('wecom-test-run').click();
    for (const id of CHECKS) {
      await expect(page.getByTestId(`wecom-check-${id}`)).toHaveAttribute('data-status', 'ok');
    }
    await expect(page.getByTestId('wecom-home-url')).toContainText('/tenantId/0');
    await expect(page.getByTestId('wecom-callback-url')).toContainText(
      '/sys/thirdApp/callback/wechat_enterprise/0',
    );
    await shot(page, 'zh-wecom-tested');

    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByTestId('wecom-test-run').click();
    await expect(page.getByTestId('wecom-test-summary')).toContainText('All checks passed');
    await shot(page, 'en-wecom-tested');
  });

  test('a second tenant entering the same CorpID is told AppKey重复, then disables and unbinds its own', async ({
    page,
  }) => {
    // The default tenant holds the simulator's CorpID (arranged here so the test stands alone).
    await connectDefaultTenant();
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD);
    const other = await admin.post<{ id: number }>('/sys/tenant/add', { name: unique('分公司') });

    await signInAsAdmin(page);
    await page.evaluate((id) => localStorage.setItem('orgbridge.tenantId', String(id)), other.id);
    await page.goto('/third-app/wecom');
    await page.getByTestId('wecom-config-add').click();
    await fillConfig(page, {
      agentId: String(SIM.agentId),
      corpId: SIM.corpId,
      secret: SIM.secret,
    });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('AppKey重复');
    await expect(dialog).toBeVisible();
    await shot(page, 'zh-wecom-appkey-duplicate');

    // Another CorpID is accepted; the tenant can then disable and unbind (取消绑定) it.
    await dialog.getByTestId('wecom-client-id').fill('ww0e2e0000000000ff');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    await page.getByTestId('wecom-enabled-switch').click();
    await expect(page.getByTestId('wecom-config')).toContainText('已停用');
    await page.getByTestId('wecom-config-remove').click();
    await expect(page.getByRole('dialog')).toContainText('已绑定的成员记录会保留');
    await page.getByTestId('wecom-remove-confirm').click();
    await expect(page.getByTestId('wecom-config-add')).toBeVisible();
  });

  test('a refused server IP (60020) shows the exact IP to add, in English too', async ({
    page,
  }) => {
    await connectDefaultTenant();
    await setTrustedIps(['203.0.113.7']);
    try {
      await signInAsAdmin(page);
      await page.goto('/third-app/wecom');
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByTestId('wecom-test-run').click();
      await expect(page.getByTestId('wecom-test-summary')).toContainText('Some checks failed');
      const check = page.getByTestId('wecom-check-trusted_ip');
      await expect(check).toHaveAttribute('data-status', 'fail');
      await expect(check).toContainText('errcode 60020');
      await expect(check.getByTestId('wecom-check-ip')).toContainText('127.0.0.1');
      await expect(page.getByTestId('wecom-check-departments')).toHaveAttribute(
        'data-status',
        'skipped',
      );
      await shot(page, 'en-wecom-untrusted-ip');
    } finally {
      // `{ips: null}` over the simulator's HTTP admin API arrives as [""] (body coercion), so
      // re-allow the caller instead of switching the check off.
      await setTrustedIps(['127.0.0.1']);
    }
  });

  test('bound members are listed, searchable, and 移出 removes one until it is paired by hand', async ({
    page,
  }) => {
    await connectDefaultTenant();
    // Bindings come from a sync: the sync API must answer (a 404 fails, it does not skip).
    const preview = await adminCall('POST', '/sys/thirdApp/sync/preview', 0, {
      thirdType: 'wechat_enterprise',
    });
    expect(preview.status, `sync preview: ${preview.body.message}`).toBe(200);
    const plan = preview.body.result as { planId: string };
    const applied = await adminCall('POST', '/sys/thirdApp/sync/apply', 0, {
      planId: plan.planId,
      pairs: [],
      exclude: [],
    });
    expect(applied.status, applied.body.message).toBe(200);
    const { runId } = applied.body.result as { runId: number };
    await expect
      .poll(
        async () =>
          (
            (await adminCall('GET', `/sys/thirdApp/sync/runs/${runId}`, 0)).body.result as {
              status: string;
            }
          ).status,
        { timeout: 30_000 },
      )
      .toBe('succeeded');

    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    const bindings = page.getByTestId('wecom-bindings');
    await expect(bindings.getByRole('row')).not.toHaveCount(1);
    // Search one member by WeCom userid; the remove button carries that exact userid.
    const userId = (await bindings.getByRole('row').nth(1).locator('td').nth(1).textContent())!;
    const search = page.getByTestId('wecom-bindings-search').getByRole('searchbox');
    await search.fill(userId);
    await search.press('Enter');
    const remove = page.getByTestId(`wecom-binding-remove-${userId}`);
    await expect(remove).toBeVisible();
    await shot(page, 'zh-wecom-bindings');

    const listed = await adminCall(
      'GET',
      `/sys/thirdApp/bindings?thirdType=wechat_enterprise&keyword=${encodeURIComponent(userId)}`,
      0,
    );
    const account = (
      listed.body.result as {
        records: { wechatUserId: string; username: string; realname: string }[];
      }
    ).records.find((r) => r.wechatUserId === userId)!;

    await remove.click();
    const confirmation = page.getByRole('dialog');
    await expect(confirmation).toContainText('不能再用企业微信登录');
    await expect(confirmation).toContainText('同步（手动、定时或回调）都不会再绑定该成员');
    await page.getByTestId('wecom-binding-remove-confirm').click();
    await expect(remove).toHaveCount(0);

    // The sync dialog flags the member 已解绑 and proposes nothing for it; pairing it by hand
    // binds it again (which also leaves the shared tenant bound for the journeys after this one).
    await page.getByTestId('wecom-step-sync').getByTestId('sync-start').click();
    const review = page.getByTestId('sync-review');
    await expect(review).toBeVisible({ timeout: 30_000 });
    await expect(review.getByTestId('sync-unpaired')).toBeVisible();
    await review.getByRole('searchbox', { name: '企业微信用户' }).fill(userId);
    const row = review.locator('tr', { hasText: userId });
    await expect(row.getByTestId('sync-unpaired-flag')).toHaveText('已解绑');
    await shot(page, 'zh-wecom-sync-unpaired');
    const picker = row.getByRole('combobox', { name: '选择组织用户' });
    await picker.click();
    await picker.fill(account.username);
    await pickOption(page, `${account.realname} (${account.username})`);
    await review.getByTestId('sync-apply').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '开始同步' }).click();
    await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-status', 'succeeded', {
      timeout: 30_000,
    });
    await page.locator('.ant-modal-footer').getByRole('button').click();
    await page.getByTestId('wecom-bindings-reload').click();
    await expect(remove).toBeVisible();
  });
});
