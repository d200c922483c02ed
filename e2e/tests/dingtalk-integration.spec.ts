import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { baseUrl, dingtalkSimUrl } from '../fixtures/env';
import { expect, expectNoSeriousA11y, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import { platformAdmin } from '../fixtures/world';

/*
 * 系统管理 → 第三方配置 → 钉钉集成 (PRODUCT.md §9, issue 19): the same page as 企业微信集成,
 * parameterised by thirdType, its config form rendered from GET /sys/thirdApp/connectors. The
 * suite's stack runs the DingTalk simulator beside WeCom's (DINGTALK_*_BASE point at it); the
 * journey types the simulator app's values into the form, tests the connection and hands the
 * copied callback URL to the simulator's event subscription, which verifies it (check_url).
 * Each test starts from tenant 0 without a DingTalk connection.
 */

/** Calls the API as the platform admin in `tenantId`; answers the raw status and envelope. */
async function adminCall(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  tenantId = 0,
) {
  const p = await platformAdmin();
  return p.call(method, path, body, { token: p.adminToken, tenantId });
}

async function clearDingTalk(tenantId = 0): Promise<void> {
  await adminCall('DELETE', '/sys/thirdApp/config?thirdType=dingtalk', undefined, tenantId);
}

/** The simulator's app as its admin API reports it (what DingTalk's developer console shows). */
async function simulatorApp() {
  const res = await fetch(`${dingtalkSimUrl()}/sim/admin/state`);
  expect(res.status).toBe(200);
  const { credentials } = (await res.json()) as {
    credentials: { corpId: string; appKey: string; appSecret: string; agentId: number };
  };
  return credentials;
}

/** The DingTalk checks of 测试连接 (connectors/dingtalk/diagnostics.ts). */
const CHECKS = ['token', 'contact_scope', 'departments', 'members', 'message'];

async function openFromMenu(page: Page): Promise<void> {
  await signInAsAdmin(page);
  await page.getByRole('menuitem', { name: '钉钉集成' }).click();
  await expect(page).toHaveURL(/\/third-app\/dingtalk$/);
  await expect(page.getByTestId('dingtalk-page')).toBeVisible();
}

/** The top of a dialog as a person sees it (a full-page shot shows a long dialog cut). */
async function dialogShot(page: Page, name: string): Promise<void> {
  await page.locator('.ant-modal-title').last().scrollIntoViewIfNeeded();
  await page.screenshot({
    path: fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url)),
    animations: 'disabled',
  });
}

test.describe('DingTalk integration page', () => {
  test('钉钉集成 opens from the menu with the same steps as 企业微信集成 and a DingTalk how-to, in zh-CN and English', async ({
    page,
  }) => {
    await clearDingTalk();
    await openFromMenu(page);
    await expect(page.getByTestId('dingtalk-page')).toContainText('钉钉集成');
    await expect(page.locator('.ant-breadcrumb')).toContainText('钉钉集成');
    const steps = page.locator('.ant-collapse-header');
    await expect(steps).toHaveText([
      '1. 获取对接信息',
      '2. 对接信息录入',
      '3. 测试连接',
      '4. 数据同步',
      '5. 查看已绑定',
      '6. 回调配置',
      '7. 应用主页',
    ]);
    const info = page.getByTestId('dingtalk-step-info');
    await expect(info).toContainText('open-dev.dingtalk.com');
    await expect(info).toContainText('Client ID（原 AppKey）');
    await expect(info).toContainText('HTTP 推送');
    // WeCom's own panels (可信域名, verification files) are not on DingTalk's page.
    await expect(info).not.toContainText('企业微信');
    await expect(page.getByTestId('dingtalk-page')).not.toContainText('企业可信IP');
    // Nothing stored for DingTalk: the later steps ask for step 2 first.
    for (const step of ['test', 'sync', 'callback', 'homepage']) {
      await expect(page.getByTestId(`dingtalk-step-${step}`)).toContainText('请先完成第 2 步');
    }
    await expectNoSeriousA11y(page, 'DingTalk page');
    await shot(page, 'zh-dingtalk-page-1440');

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId('dingtalk-step-info')).toBeVisible();
    await shot(page, 'zh-dingtalk-page-390');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect(page.getByTestId('dingtalk-page')).toContainText('DingTalk integration');
    await expect(info).toContainText('Client ID (formerly AppKey)');
    await expect(info).toContainText('HTTP push');
    await shot(page, 'en-dingtalk-page-1440');
  });

  test('the config form renders DingTalk’s fields from the connector metadata, generated ones read-only', async ({
    page,
  }) => {
    await clearDingTalk();
    await openFromMenu(page);
    await page.getByTestId('dingtalk-config-add').click();
    const form = page.getByTestId('dingtalk-config-form');
    for (const id of ['client-id', 'client-secret', 'agent-id', 'corp-id']) {
      await expect(form.getByTestId(`dingtalk-${id}`)).toBeVisible();
    }
    await expect(form.getByTestId('dingtalk-client-secret')).toHaveAttribute('type', 'password');
    // Generated before the first save: a note, no input.
    for (const id of ['callback-token', 'callback-aes-key']) {
      await expect(form.getByTestId(`dingtalk-${id}`)).toContainText('保存后由系统生成');
    }
    await expect(form.getByTestId('wecom-agent-id')).toHaveCount(0);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(form.locator('.ant-form-item-explain-error')).toHaveCount(4);
    await dialogShot(page, 'zh-dingtalk-config-form');
  });

  test('the admin enters the simulator app’s values, saves, 测试连接 passes every check, and the copied callback URL is verified by DingTalk', async ({
    page,
    context,
  }) => {
    await clearDingTalk();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const app = await simulatorApp();
    await openFromMenu(page);

    await page.getByTestId('dingtalk-config-add').click();
    const form = page.getByTestId('dingtalk-config-form');
    await form.getByTestId('dingtalk-client-id').fill(app.appKey);
    await form.getByTestId('dingtalk-client-secret').fill(app.appSecret);
    await form.getByTestId('dingtalk-agent-id').fill(String(app.agentId));
    await form.getByTestId('dingtalk-corp-id').fill(app.corpId);
    await dialogShot(page, 'zh-dingtalk-config-filled');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(page.getByRole('dialog')).toBeHidden();

    // Stored: the Client ID shown, the secret only ever masked.
    await expect(page.getByTestId('dingtalk-config-client-id')).toHaveText(app.appKey);
    await expect(page.getByTestId('dingtalk-config-corp-id')).toHaveText(app.corpId);
    await expect(page.getByTestId('dingtalk-config-client-secret')).toHaveText(
      `******${app.appSecret.slice(-4)}`,
    );
    await expect(page.getByTestId('dingtalk-page')).not.toContainText(app.appSecret);

    // 测试连接 against the simulator: every DingTalk check passes.
    const testStep = page.getByTestId('dingtalk-step-test');
    await testStep.getByTestId('wecom-test-run').click();
    await expect(testStep.getByTestId('wecom-test-summary')).toContainText('全部检查通过');
    for (const id of CHECKS) {
      await expect(testStep.getByTestId(`wecom-check-${id}`)).toHaveAttribute('data-status', 'ok');
    }

    // 回调配置: the callback URL, Token and aes_key to paste into 事件订阅, copied with the button.
    const callback = page.getByTestId('dingtalk-step-callback');
    const url = callback.getByTestId('dingtalk-callback-url');
    await expect(url).toContainText('/sys/thirdApp/callback/dingtalk/0');
    await url.getByRole('button').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseUrl()}/sys/thirdApp/callback/dingtalk/0`);
    const token = (await callback.getByTestId('dingtalk-paste-callback-token').textContent())!;
    const aesKey = (await callback.getByTestId('dingtalk-paste-callback-aes-key').textContent())!;
    expect(aesKey).toMatch(/^[A-Za-z0-9+/]{43}$/);

    // Pasted into the app's event subscription: DingTalk's check_url push reaches OrgBridge and
    // is answered under the same Token and aes_key (the simulator answers 422 otherwise).
    const subscribe = await fetch(`${dingtalkSimUrl()}/sim/admin/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: copied, token, aesKey }),
    });
    expect(subscribe.status, await subscribe.clone().text()).toBe(200);
    expect(((await subscribe.json()) as { ok: boolean }).ok).toBe(true);

    // The copy button scrolled the page: the full-page shots start from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'zh-dingtalk-tested-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(testStep.getByTestId('wecom-test-summary')).toBeVisible();
    await shot(page, 'zh-dingtalk-tested-390');
  });

  test('数据同步: 同步 previews the simulator’s organisation, the admin applies it, the run succeeds', async ({
    page,
  }) => {
    // A tenant of its own: the sync creates an account per simulated member, which must not
    // meet the WeCom journeys' pairing in tenant 0. One DingTalk organisation connects to one
    // tenant only, so tenant 0 lets go of it first and this tenant lets go at the end.
    await clearDingTalk();
    const created = await adminCall('POST', '/sys/tenant/add', { name: unique('钉钉同步') });
    expect(created.status, created.body.message).toBe(200);
    const tenantId = (created.body.result as { id: number }).id;
    const app = await simulatorApp();
    const saved = await adminCall(
      'POST',
      '/sys/thirdApp/config',
      {
        thirdType: 'dingtalk',
        clientId: app.appKey,
        clientSecret: app.appSecret,
        agentId: app.agentId,
        corpId: app.corpId,
      },
      tenantId,
    );
    expect(saved.status, saved.body.message).toBe(200);
    try {
      await signInAsAdmin(page);
      await page.evaluate((id) => localStorage.setItem('orgbridge.tenantId', String(id)), tenantId);
      await page.goto('/third-app/dingtalk');
      const step = page.getByTestId('dingtalk-step-sync');
      await step.getByTestId('sync-start').click();
      const review = page.getByTestId('sync-review');
      await expect(review).toBeVisible({ timeout: 30_000 });
      // The simulator's 40 members, none paired yet: each gets an account.
      await expect(review.getByTestId('sync-filter')).toContainText('将新建 40');
      await shot(page, 'zh-dingtalk-sync-preview');
      await review.getByTestId('sync-apply').click();
      const confirm = page.locator('.ant-modal-confirm');
      await expect(confirm).toContainText('将新建');
      await confirm.getByRole('button', { name: '开始同步' }).click();
      await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-status', 'succeeded', {
        timeout: 30_000,
      });
      await expect(page.getByTestId('sync-result')).toContainText('新建账号: 40');
      await shot(page, 'zh-dingtalk-sync-result');
      await page.locator('.ant-modal-footer').getByRole('button').click();
      await expect(step.getByTestId('sync-history')).toContainText('成功');
      // 查看已绑定 lists the members the sync bound (the table keeps WeCom's test ids).
      const bindings = page.getByTestId('dingtalk-step-bindings').getByTestId('wecom-bindings');
      await expect(bindings.getByRole('row')).not.toHaveCount(1);
    } finally {
      await clearDingTalk(tenantId);
    }
  });
});
