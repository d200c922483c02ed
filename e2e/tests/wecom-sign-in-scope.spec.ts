import { expect, shot, signInAsAdmin, test } from '../fixtures/test';
import { connectDefaultTenant } from '../fixtures/world';

/** The sign-in scope knob (登录授权范围) in the WeCom config form and panel; screenshots for review. */

async function connectWithScope(signInScope: 'base' | 'privateinfo') {
  await connectDefaultTenant({ policy: { signInScope }, over: { enabled: true } });
}

test('the sign-in scope shows on the panel and is edited in the config form', async ({ page }) => {
  await connectWithScope('privateinfo');
  for (const [w, h, tag] of [
    [1440, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    await expect(page.getByTestId('wecom-config-sign-in-scope')).toContainText(
      'snsapi_privateinfo',
    );
    await shot(page, `privateinfo-panel-${tag}`);
    await page.getByTestId('wecom-config-edit').click();
    const group = page.getByTestId('wecom-sign-in-scope');
    await expect(group.getByRole('radio', { name: /snsapi_privateinfo/ })).toBeChecked();
    await group.getByText('静默授权（snsapi_base）').scrollIntoViewIfNeeded();
    await shot(page, `privateinfo-modal-${tag}`);
    await page.keyboard.press('Escape');
  }
  // Saved through the form: back to silent.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('wecom-config-edit').click();
  await page.getByTestId('wecom-sign-in-scope').getByText('静默授权（snsapi_base）').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.getByTestId('wecom-config-sign-in-scope')).toContainText('snsapi_base');
});
