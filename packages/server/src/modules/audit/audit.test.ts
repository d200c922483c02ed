import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, linkRequests } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import { DEFAULT_PASSWORD, uniq, type TestTenant, type TestUser } from '../../../test/factories';
import { AUDIT_ACTIONS } from './actions';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let adminA: TestUser;
let adminB: TestUser;
let memberA: TestUser;
/** Users added by adminA, oldest first (three user.add entries in tenant A). */
const added: number[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  a = await t.factories.tenant(uniq('审计甲 '));
  b = await t.factories.tenant(uniq('审计乙 '));
  adminA = await t.factories.user(a.id, { role: 'admin' });
  adminB = await t.factories.user(b.id, { role: 'admin' });
  memberA = await t.factories.user(a.id);
  for (const name of ['=cmd|calc', '张三', '+SUM(1)']) {
    const res = await t.call(
      'POST',
      '/sys/user/add',
      { username: uniq('aud'), realname: name, password: DEFAULT_PASSWORD },
      { token: adminA.token },
    );
    expect(res.status).toBe(200);
    added.push(res.body.result.id);
  }
  await t.call(
    'POST',
    '/sys/user/add',
    { username: uniq('audb'), realname: 'B one', password: DEFAULT_PASSWORD },
    { token: adminB.token },
  );
});
afterAll(() => t?.close());

const list = (token: string, query = '', tenantId?: number) =>
  t.call('GET', `/sys/audit${query}`, undefined, {
    token,
    ...(tenantId !== undefined ? { tenantId } : {}),
  });

async function exportCsv(token: string, query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/sys/audit/export${query}`,
    headers: { 'x-access-token': token },
  });
  return res;
}

describe('GET /sys/audit', () => {
  it('lists the current tenant’s entries newest first, with tenant, actor, target and details', async () => {
    const res = await list(adminA.token, '?action=user.add');
    expect(res.status, res.body.message).toBe(200);
    const { records, total } = res.body.result;
    // The factory's members (added by the platform admin) and adminA's three.
    expect(records.map((r: { targetId: string }) => Number(r.targetId)).slice(0, 3)).toEqual(
      [...added].reverse(),
    );
    expect(total).toBe(records.length);
    expect(records[0]).toMatchObject({
      tenant: { id: a.id, name: a.name },
      actor: { type: 'user', id: adminA.id, username: adminA.username },
      action: 'user.add',
      targetType: 'user',
    });
    expect(new Date(records[0].time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const ids = records.map((r: { id: number }) => r.id);
    expect(ids).toEqual([...ids].sort((x: number, y: number) => y - x));
    for (const r of records) expect(r.tenant.id).toBe(a.id);
  });

  it('filters by actor (id or name), time range and pages stably', async () => {
    const mine = await list(adminA.token, `?action=user.add&actorId=${adminA.id}`);
    expect(mine.body.result.total).toBe(3);
    const byName = await list(
      adminA.token,
      `?action=user.add&actor=${encodeURIComponent(adminA.username.toUpperCase())}`,
    );
    expect(byName.body.result.total).toBe(3);
    const future = await list(adminA.token, `?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future.body.result.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const day = await list(
      adminA.token,
      `?action=user.add&actorId=${adminA.id}&from=${today}&to=${today}`,
    );
    expect(day.body.result.total).toBe(3);
    const p1 = await list(adminA.token, `?action=user.add&actorId=${adminA.id}&pageSize=2&page=1`);
    const p2 = await list(adminA.token, `?action=user.add&actorId=${adminA.id}&pageSize=2&page=2`);
    expect(
      [...p1.body.result.records, ...p2.body.result.records].map((r: { targetId: string }) =>
        Number(r.targetId),
      ),
    ).toEqual([...added].reverse());
  });

  it('refuses bad filters with a 400 that says what to fix', async () => {
    const cases: [string, string][] = [
      ['?action=user.hack', 'audit.unknown_action'],
      ['?from=yesterday', 'audit.invalid_date'],
      ['?to=2024-02-30', 'audit.invalid_date'],
      ['?from=2024-05-01T10:00:00', 'audit.invalid_date'],
      ['?from=2024-05-02&to=2024-05-01T00:00:00Z', 'audit.invalid_range'],
    ];
    for (const [q, code] of cases) {
      const res = await list(adminA.token, q);
      expect(res.status, q).toBe(400);
      expect(res.body.errorCode, q).toBe(code);
      expect(res.body.message.length).toBeGreaterThan(20);
    }
    for (const q of ['?pageSize=101', '?page=0', '?actorId=abc', '?actorId=99999999999']) {
      const res = await list(adminA.token, q);
      expect(res.status, q).toBe(400);
    }
    // The same checks guard the export, before anything is streamed.
    const bad = await exportCsv(adminA.token, '?from=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errorCode).toBe('audit.invalid_date');
  });

  it('is for tenant admins; a tenant admin reads only their tenant, never another by tenantId', async () => {
    expect((await list(memberA.token)).status).toBe(403);
    const other = await list(adminB.token);
    expect(other.status).toBe(200);
    for (const r of other.body.result.records) expect(r.tenant.id).toBe(b.id);
    expect(
      other.body.result.records.some((r: { targetId: string }) =>
        added.includes(Number(r.targetId)),
      ),
    ).toBe(false);
    const sneaky = await list(adminB.token, `?tenantId=${a.id}`);
    expect(sneaky.status).toBe(403);
    expect(sneaky.body.errorCode).toBe('audit.tenant_filter_forbidden');
    // The tenant header is the tenant context: not a member of A → 403.
    expect((await list(adminB.token, '', a.id)).status).toBe(403);
    expect((await exportCsv(adminB.token, `?tenantId=${a.id}`)).statusCode).toBe(403);
    expect((await exportCsv(memberA.token)).statusCode).toBe(403);
  });

  it('platform administrators read every tenant, or one with tenantId', async () => {
    const all = await list(t.adminToken, '?action=user.add&pageSize=100');
    const tenants = new Set(
      all.body.result.records.map((r: { tenant: { id: number } }) => r.tenant.id),
    );
    expect(tenants.has(a.id) && tenants.has(b.id)).toBe(true);
    const onlyB = await list(t.adminToken, `?action=user.add&tenantId=${b.id}`);
    expect(
      onlyB.body.result.records.every((r: { tenant: { id: number } }) => r.tenant.id === b.id),
    ).toBe(true);
    expect(onlyB.body.result.total).toBeGreaterThan(0);
  });

  it('never names an account outside the tenant (an owner refusing its link request)', async () => {
    const outsider = await t.factories.user(b.id);
    const [req] = await t.db
      .insert(linkRequests)
      .values({
        tenantId: a.id,
        thirdType: 'wechat_enterprise',
        corpId: 'ww00000000000000a9',
        extUserId: uniq('ext'),
        extName: 'x',
        userId: outsider.id,
      })
      .returning({ id: linkRequests.id });
    const refused = await t.call('POST', `/sys/user/linkRequests/${req!.id}/refuse`, undefined, {
      token: outsider.token,
    });
    expect(refused.status).toBe(200);
    const seen = await list(adminA.token, '?action=link_request.refused');
    expect(seen.body.result.records).toHaveLength(1);
    const entry = seen.body.result.records[0];
    expect(entry).toMatchObject({
      actor: { type: 'outsider', id: null },
      targetId: null,
      ip: null,
    });
    expect(JSON.stringify(entry)).not.toContain(outsider.username);
    // Nor can an admin find it by the outsider's id or name.
    expect((await list(adminA.token, `?actorId=${outsider.id}`)).body.result.total).toBe(0);
    expect(
      (await list(adminA.token, `?actor=${encodeURIComponent(outsider.username)}`)).body.result
        .total,
    ).toBe(0);
    // The platform administrator sees who it was.
    const platform = await list(t.adminToken, `?action=link_request.refused&tenantId=${a.id}`);
    expect(platform.body.result.records[0].actor).toMatchObject({ type: 'user', id: outsider.id });
  });

  it('lists the catalogue of actions', async () => {
    const res = await t.call('GET', '/sys/audit/actions', undefined, { token: adminA.token });
    expect(res.body.result).toEqual([...AUDIT_ACTIONS]);
    expect(res.body.result).toEqual(
      expect.arrayContaining([
        'api_key.created',
        'api_key.revoked',
        'api_key.use_denied',
        'user.reset_password',
      ]),
    );
  });
});

describe('GET /sys/audit/export', () => {
  it('streams a UTF-8 CSV with BOM as an attachment, formula cells neutralised, same filters', async () => {
    const res = await exportCsv(adminA.token, `?action=user.add&actorId=${adminA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-tenant-\d+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['x-audit-export-total']).toBe('3');
    expect(res.headers['x-audit-export-truncated']).toBe('false');
    expect(Number(res.headers['x-audit-export-limit'])).toBeGreaterThan(1000);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.payload.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,time,tenant_id,tenant_name,actor_type,actor_id,actor_username,actor_realname,api_key_prefix,api_key_name,action,target_type,target_id,details,ip',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`,user,${adminA.id},${adminA.username},`);
    expect(lines[1]).toContain(a.name);
  });

  it('pages through everything with a keyset (more rows than one slice), none twice', async () => {
    // 1,234 entries in tenant B from one statement: equal created_at, ordered by id.
    await t.db.execute(
      sql`insert into audit_log (tenant_id, actor_user_id, action, details)
        select ${b.id}, ${adminB.id}, 'department.add', jsonb_build_object('name', '=1+' || g)
        from generate_series(1, 1234) g`,
    );
    const res = await exportCsv(adminB.token, '?action=department.add');
    expect(res.statusCode).toBe(200);
    const lines = res.payload.slice(1).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(1234);
    const ids = lines.map((l) => Number(l.split(',')[0]));
    expect(new Set(ids).size).toBe(1234);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    // JSON details starting with "{" are safe; a name inside stays data.
    expect(lines[0]).toContain('"{""name"":""=1+1234""}"');
  });

  it('neutralises a formula in a cell', async () => {
    await t.db.insert(auditLog).values({
      tenantId: a.id,
      actorUserId: adminA.id,
      action: 'department.edit',
      targetType: '=HYPERLINK("http://evil")',
      targetId: '@x',
    });
    const res = await exportCsv(adminA.token, '?action=department.edit');
    const line = res.payload.slice(1).split('\r\n')[1]!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")",'@x`);
  });
});
