import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl } from '../fixtures/env';
import { expect, shot, signInAsAdmin, test, unique } from '../fixtures/test';

/** Tenant 0's domain as the platform admin sets it through the API (cleanup). */
async function setDomain(customDomain: string | null) {
  const login = await fetch(`${baseUrl()}/sys/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  });
  const { token } = ((await login.json()) as { result: { token: string } }).result;
  await fetch(`${baseUrl()}/sys/tenant/domain`, {
    method: 'PUT',
    headers: { 'X-Access-Token': token, 'X-Tenant-Id': '0', 'Content-Type': 'application/json' },
    body: JSON.stringify({ customDomain }),
  });
}

test.describe('WeCom domain verification files', () => {
  test.afterEach(async () => {
    // Other journeys sign in on the shared host: tenant 0 must not keep a domain.
    await setDomain(null);
  });

  test('the admin drops the WW_verify file, it is served at the site root, and deleting it stops that', async ({
    page,
  }) => {
    const code = unique('Ab1').replace(/[^A-Za-z0-9]/g, '');
    const fileName = `WW_verify_${code}.txt`;
    await signInAsAdmin(page);
    await page.goto('/third-app/wecom');
    const panel = page.getByTestId('domain-panel');
    await expect(panel.getByTestId('domain-host')).toContainText(new URL(baseUrl()).hostname);

    // The downloaded file, dropped in: the browser reads it and sends name + text.
    await page
      .getByTestId('verify-files')
      .locator('input[type="file"]')
      .setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(code) });
    const table = page.getByTestId('verify-files-table');
    await expect(table).toContainText(fileName);
    await expect(table).toContainText(`${baseUrl()}/${fileName}`);

    const served = await fetch(`${baseUrl()}/${fileName}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await served.text()).toBe(code);

    // A file that is not WeCom's is refused with the reason.
    await page
      .getByTestId('verify-files')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'robots.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await expect(page.locator('.ant-message')).toContainText('WW_verify_');

    // The tenant's own host: shown as the host to give WeCom, and in the file's addresses.
    const host = `${unique('sso')}.example.com`;
    await panel.getByTestId('domain-input').fill('https://' + host);
    await panel.getByTestId('domain-save').click();
    await expect(page.locator('.ant-message')).toContainText('不带 http://');
    await panel.getByTestId('domain-input').fill(host);
    await panel.getByTestId('domain-save').click();
    await expect(panel.getByTestId('domain-host')).toContainText(host);
    await page.reload();
    await expect(page.getByTestId('verify-files-table')).toContainText(`${host}/${fileName}`);
    await expect(page.getByTestId('wecom-step-info')).toContainText(host);
    await shot(page, 'zh-wecom-domain-verify-files');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'zh-wecom-domain-verify-files-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('domain-clear').click();
    await expect(panel.getByTestId('domain-host')).toContainText(new URL(baseUrl()).hostname);

    await page.getByTestId(`verify-file-delete-${fileName}`).click();
    await page.getByTestId('verify-file-delete-confirm').click();
    await expect(page.getByTestId('verify-files-table')).not.toContainText(fileName);
    expect((await fetch(`${baseUrl()}/${fileName}`)).status).toBe(404);
  });
});
