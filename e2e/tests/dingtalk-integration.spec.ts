import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, expectNoSeriousA11y, shot, signInAsAdmin, test } from '../fixtures/test';
import { platformAdmin } from '../fixtures/world';

/*
 * 系统管理 → 第三方配置 → 钉钉集成 (PRODUCT.md §9, issue 19): the same page as 企业微信集成,
 * parameterised by thirdType. What the config step can do depends on the server: the form is
 * rendered once GET /sys/thirdApp/connectors lists `dingtalk`; until then the step shows the
 * server's own refusal. Each of the two tests below runs where its case holds (the probe asks the
 * server), so after the merge that registers the DingTalk connector the form test runs and the
 * refusal test is skipped.
 */

/** Whether this server lists a DingTalk connector. */
async function serverHasDingTalk(): Promise<boolean> {
  const p = await platformAdmin();
  const { status, body } = await p.call('GET', '/sys/thirdApp/connectors', undefined, {
    token: p.adminToken,
    tenantId: 0,
  });
  const list = (body as { result?: { thirdType: string }[] } | null)?.result ?? [];
  return status === 200 && list.some((c) => c.thirdType === 'dingtalk');
}

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

  test('without a DingTalk connector on the server, the config step shows the server’s refusal and no form', async ({
    page,
  }) => {
    test.skip(await serverHasDingTalk(), 'the server lists DingTalk: the form test applies');
    await openFromMenu(page);
    const config = page.getByTestId('dingtalk-step-config');
    await expect(
      config
        .getByTestId('dingtalk-config-error')
        .or(config.getByTestId('dingtalk-connector-unavailable')),
    ).toBeVisible();
    await expect(config.getByTestId('dingtalk-config-add')).toHaveCount(0);
    await shot(page, 'zh-dingtalk-config-refused');
  });

  test('the config form renders DingTalk’s fields from the connector metadata, generated ones read-only', async ({
    page,
  }) => {
    test.skip(!(await serverHasDingTalk()), 'the server lists no DingTalk connector yet');
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
});
