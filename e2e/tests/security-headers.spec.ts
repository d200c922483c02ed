import { ADMIN_PASSWORD, ADMIN_USERNAME, baseUrl } from '../fixtures/env';
import { cspViolations, expect, test } from '../fixtures/test';

/** `a 'x'; b 'y' 'z'` → { a: ["'x'"], b: ["'y'", "'z'"] } */
function directives(csp: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test.describe('security headers in the browser', () => {
  test('the API docs render under the Content-Security-Policy, with no violation', async ({
    page,
  }) => {
    const response = await page.goto('/docs');
    const headers = response!.headers();
    expect(directives(headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    expect(headers['x-frame-options']).toBe('DENY');
    // Swagger UI drew the operations from /openapi (its scripts and styles ran).
    await expect(page.locator('.opblock').first()).toBeVisible();
    await expect(page.getByText('/sys/login').first()).toBeVisible();
    await page.locator('.opblock-summary').first().click();
    await expect(page.locator('.opblock-body').first()).toBeVisible();
    expect(cspViolations(page)).toEqual([]);
  });

  test('the console signs in and opens its pages under the Content-Security-Policy', async ({
    page,
  }) => {
    const response = await page.goto('/login');
    const csp = directives(response!.headers()['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByLabel('用户名').fill(ADMIN_USERNAME);
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    for (const path of ['/system/users', '/system/tenants', '/']) {
      await page.goto(path);
      await expect(page.getByTestId('user-menu')).toBeVisible();
    }
    expect(cspViolations(page)).toEqual([]);
  });

  test('another site cannot frame a page of OrgBridge (clickjacking)', async ({ page }) => {
    // A page of no origin of ours framing the console's login page. This page is not the
    // journey's own: the refusal it logs is the expected outcome, not a violation of the console.
    const other = await page.context().newPage();
    await other.setContent(
      `<iframe id="f" src="${baseUrl()}/login" onload="document.body.dataset.loaded = '1'"></iframe>`,
    );
    await expect(other.locator('body[data-loaded="1"]')).toHaveCount(1, { timeout: 20_000 });
    const framed = other.frames().find((f) => f !== other.mainFrame());
    // Allowed, the frame would hold the console's document (its #root); refused, an error page.
    expect(await framed!.locator('#root').count()).toBe(0);
    await other.close();
  });
});
