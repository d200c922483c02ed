import type { Page } from '@playwright/test';
import { expect, signInAsAdmin, test } from '../fixtures/test';
import { connectDefaultTenant, setTrustedIps } from '../fixtures/world';

/**
 * The trusted-IP doctor (PRODUCT.md §8) in the console: a 60020 shows a banner naming the address
 * to add to 企业可信IP until a call succeeds; the config form takes an optional egress proxy.
 * Screenshots for review go to SHOTS_DIR when it is set (desktop 1440 px and phone 390 px).
 */

async function capture(page: Page, name: string, fullPage = true) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  await expect(page.locator('.ant-spin-spinning, .ant-btn-loading')).toHaveCount(0);
  for (const [label, width] of [
    ['desktop', 1440],
    ['phone', 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    // Fixed header and menu are drawn where the window is scrolled: start at the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a 60020 shows the banner naming the IP to add; it goes once a call succeeds', async ({
  page,
}) => {
  await connectDefaultTenant();
  await setTrustedIps(['203.0.113.7']);
  try {
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    await page.getByTestId('wecom-test-run').click();
    const banner = page.getByTestId('wecom-trusted-ip-banner');
    await expect(banner).toBeVisible();
    await expect(banner.getByTestId('wecom-trusted-ip-banner-ip')).toHaveText('127.0.0.1');
    await expect(banner).toContainText('企业可信IP');
    await expect(page.getByTestId('wecom-check-egress_ip')).toContainText('127.0.0.1');
    await expect(page.getByTestId('wecom-config-egress-ip')).toContainText('127.0.0.1');
    await capture(page, 'wecom-trusted-ip-banner');

    await page.getByTestId('wecom-config-edit').click();
    const proxy = page.getByTestId('wecom-egress-proxy');
    await proxy.fill('http://10.0.0.5');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect(page.getByRole('dialog')).toContainText('http://[用户名:密码@]主机:端口');
    await proxy.fill('http://ops:s3cret@10.0.0.5:3128');
    await capture(page, 'wecom-config-egress-proxy', false);
    await proxy.fill('');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
  } finally {
    await setTrustedIps(['127.0.0.1']);
  }
  await page.getByTestId('wecom-test-run').click();
  await expect(page.getByTestId('wecom-test-summary')).toContainText('全部检查通过');
  await expect(page.getByTestId('wecom-trusted-ip-banner')).toHaveCount(0);
});
