import type { Page } from '@playwright/test';
import i18next from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../fixtures/env';
import { expect, signInAsAdmin, test, unique } from '../fixtures/test';

/** A table cell that looks like a date (2026/12/7, 07/12/2026, 7.12.2026, 2026-12-07), not an IP. */
const DATE_LIKE = /\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b/;
/** The console's one date-time form, in both languages. */
const ONE_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

async function datesIn(page: Page, testId: string): Promise<string[]> {
  const cells = await page.getByTestId(testId).locator('tr.ant-table-row td').allInnerTexts();
  return cells.map((c) => c.trim()).filter((c) => DATE_LIKE.test(c));
}

for (const language of ['zh-CN', 'en'] as const) {
  test(`every table shows dates as YYYY-MM-DD HH:mm in ${language}`, async ({ page }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await admin.post('/sys/apiKeys', { name: unique('dates'), permissions: ['messages:read'] });
    await page.addInitScript((lang) => localStorage.setItem('orgbridge.language', lang), language);
    await signInAsAdmin(page);
    for (const [path, testId] of [
      ['/system/api-keys', 'api-keys-page'],
      ['/system/audit', 'audit-page'],
      ['/system/tenants', 'tenants-page'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(testId).locator('tr.ant-table-row td').first()).toBeVisible();
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      const dates = await datesIn(page, testId);
      expect(dates.length, `dates on ${path}`).toBeGreaterThan(0);
      for (const d of dates) expect(d, `a date on ${path}`).toMatch(ONE_FORMAT);
    }
  });
}

/** The console's own translations, loaded as the console loads them (one file per area). */
async function consoleI18n(language: 'zh-CN' | 'en') {
  const dir = fileURLToPath(new URL('../../packages/web/src/i18n/locales/', import.meta.url));
  const load = (lng: string) =>
    Object.fromEntries(
      readdirSync(`${dir}${lng}`).map((f) => [
        f.replace(/\.json$/, ''),
        JSON.parse(readFileSync(`${dir}${lng}/${f}`, 'utf8')) as unknown,
      ]),
    );
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: load('zh-CN') }, en: { translation: load('en') } },
    lng: language,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  return i18n;
}

/** Every English key path whose text counts something with {{count}}. */
function countedKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (v && typeof v === 'object') return countedKeys(v as Record<string, unknown>, `${key}.`);
    return typeof v === 'string' && v.includes('{{count}}') ? [key] : [];
  });
}

test('English counts read "1 account", "2 accounts" (one/other plural forms)', async () => {
  const en = await consoleI18n('en');
  const counts = { bind: 0, update: 0, leave: 0 };
  expect(en.t('sync.confirmBody', { ...counts, count: 1 })).toMatch(/^1 account will be created/);
  expect(en.t('sync.confirmBody', { ...counts, count: 2 })).toMatch(/^2 accounts will be created/);
  expect(en.t('sync.outsideRange', { count: 1 })).toMatch(/^1 bound member is outside/);
  expect(en.t('messages.receivers.countDepartments', { count: 1, members: 3 })).toMatch(
    /^Goes to 1 department \(/,
  );
  expect(en.t('wecom.test.facts.membersPartial', { count: 1 })).not.toMatch(/departments/);

  // Any text that counts with {{count}} says "1 thing", never "1 things".
  const bundle = en.getResourceBundle('en', 'translation') as Record<string, unknown>;
  const keys = [...new Set(countedKeys(bundle))].filter((k) => !k.startsWith('errors.'));
  expect(keys.length).toBeGreaterThan(10);
  for (const key of keys)
    expect(en.t(key, { count: 1 }), key).not.toMatch(
      /\b1 (\S+ )?(accounts|members|departments|people|requests|days|keys|items|users|tenants|files|links|messages|runs)\b/,
    );

  const zh = await consoleI18n('zh-CN');
  expect(zh.t('sync.confirmBody', { ...counts, count: 1 })).toMatch(/^将新建 1 个账号/);
});
