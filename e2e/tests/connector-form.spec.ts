import { fileURLToPath } from 'node:url';
import { SIM } from '../fixtures/env';
import { expect, signInAsAdmin, test } from '../fixtures/test';
import { connectDefaultTenant } from '../fixtures/world';

/*
 * The WeCom config step's form is rendered from the connector's form items (issue 19): the
 * connector's labels and help, the masked secret kept when left empty, the generated callback
 * values read-only with a copy button, WeCom's own extra fields below. Screenshots at 1440 and
 * 390 px.
 */
test('the WeCom config form is rendered from the connector metadata, generated values read-only with copy', async ({
  page,
}) => {
  const stored = (await connectDefaultTenant({ over: { enabled: true } })) as {
    callbackToken: string;
    encodingAesKey: string;
  };
  await signInAsAdmin(page);
  await page.goto('/third-app/wecom');
  await page.getByTestId('wecom-config-edit').click();
  const form = page.getByTestId('wecom-config-form');

  // The connector's labels and help (connectors/wecom formItems), not hand-written ones.
  await expect(form).toContainText('AppKey（企业ID / CorpID）');
  await expect(form).toContainText('我的企业 → 企业信息 → 企业ID');
  await expect(form.getByTestId('wecom-client-id')).toHaveValue(SIM.corpId);
  // The stored secret is not in the field; its mask is the placeholder.
  await expect(form.getByTestId('wecom-client-secret')).toHaveValue('');
  await expect(form.getByTestId('wecom-client-secret')).toHaveAttribute(
    'placeholder',
    /留空表示不修改（当前：\*{6}/,
  );
  // Generated: shown read-only with a copy button, the same values the callback step shows.
  const token = form.getByTestId('wecom-callback-token');
  await expect(token).toContainText(stored.callbackToken);
  await expect(token.locator('input')).toHaveCount(0);
  await expect(token.getByRole('button', { name: /复制|copy/i })).toBeVisible();
  await expect(form.getByTestId('wecom-encoding-aes-key')).toContainText(stored.encodingAesKey);
  await expect(page.getByTestId('wecom-paste-callback-token')).toContainText(stored.callbackToken);
  // WeCom's extras stay.
  await expect(form.getByTestId('wecom-egress-proxy')).toBeVisible();
  await expect(form.getByTestId('wecom-sign-in-scope')).toBeVisible();

  const shotAt = async (name: string) => {
    await page.locator('.ant-modal-title').last().scrollIntoViewIfNeeded();
    await page.screenshot({
      path: fileURLToPath(new URL(`../screenshots/${name}.png`, import.meta.url)),
      animations: 'disabled',
    });
  };
  await shotAt('zh-wecom-config-form-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await shotAt('zh-wecom-config-form-390');

  // Saving with the secrets untouched keeps them: the connection still passes its checks.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByTestId('wecom-test-run').click();
  await expect(page.getByTestId('wecom-check-token')).toHaveAttribute('data-status', 'ok');
});
