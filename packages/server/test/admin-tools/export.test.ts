import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, syncRunItems, syncRuns } from '../../src/db/schema';
import { buildTestApp, type ApiResponse, type TestApp } from '../build-test-app';
import { uniq, type TestTenant, type TestUser } from '../factories';
import { bindMember } from '../factories/bindings';

/**
 * Issue 18 (deliver 5): CSV exports of users, bindings, sync run items and the message log —
 * streamed like the audit export (BOM, formula cells neutralised, row cap in the headers), scoped
 * to the current tenant as the lists are, honouring the lists' filters.
 */
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let other: TestTenant;
beforeAll(async () => {
  t = await buildTestApp();
  tenant = await t.factories.tenant();
  admin = await t.factories.user(tenant.id, { role: 'admin' });
  other = await t.factories.tenant();
});
afterAll(() => t?.close());

const asAdmin = () => ({ token: admin.token, tenantId: tenant.id });
const BOM = '\uFEFF';

/** The file's lines (BOM checked and dropped), split into naive cells (no quoted commas used). */
function linesOf(res: ApiResponse): string[][] {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  const raw = res.body.raw!;
  expect(raw.startsWith(BOM)).toBe(true);
  return raw
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));
}

describe('GET /sys/user/export', () => {
  it("exports the tenant's members with the list's keyword filter; formula cells are neutralised", async () => {
    const tag = uniq('exp').replace(/\W/g, '');
    const dept = await t.factories.department(tenant.id, { name: `研发${tag}` });
    const a = await t.factories.user(tenant.id, {
      realname: `=1+1${tag}`,
      departmentIds: [dept.id],
    });
    const b = await t.factories.user(tenant.id, { realname: `李四${tag}` });
    await t.factories.user(other.id, { realname: `外人${tag}` });
    const res = await t.call('GET', `/sys/user/export?keyword=${tag}`, undefined, asAdmin());
    const lines = linesOf(res);
    expect(lines[0]).toEqual([
      'id',
      'username',
      'realname',
      'status',
      'membership_status',
      'role',
      'departments',
      'main_department',
      'wecom_userid',
      'phone',
      'email',
      'position',
    ]);
    expect(lines.slice(1).map((l) => Number(l[0]))).toEqual([a.id, b.id].sort((x, y) => x - y));
    const rowA = lines.find((l) => Number(l[0]) === a.id)!;
    expect(rowA[2]).toBe(`'=1+1${tag}`);
    expect(rowA[6]).toBe(`研发${tag}`);
    expect(rowA[3]).toBe('normal');
    expect(res.headers['x-export-total']).toBe('2');
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(res.headers['x-export-limit']).toBe('100000');
    expect(String(res.headers['content-disposition'])).toMatch(
      new RegExp(`^attachment; filename="users-tenant-${tenant.id}-\\d{4}-\\d\\d-\\d\\d\\.csv"$`),
    );
  });

  it('honours the department filter and shows frozen members as frozen', async () => {
    const dept = await t.factories.department(tenant.id);
    const u = await t.factories.user(tenant.id, { departmentIds: [dept.id] });
    await t.call('POST', '/sys/user/freeze', { userId: u.id, frozen: true }, asAdmin());
    const lines = linesOf(
      await t.call('GET', `/sys/user/export?departmentId=${dept.id}`, undefined, asAdmin()),
    );
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]![0]).toBe(String(u.id));
    expect(lines[1]![3]).toBe('frozen');
  });

  it('bad filters answer 400 before anything streams; a plain member is refused (403)', async () => {
    const bad = await t.call('GET', '/sys/user/export?departmentId=abc', undefined, asAdmin());
    expect(bad.status).toBe(400);
    expect(bad.body.success).toBe(false);
    const extra = await t.call('GET', '/sys/user/export?page=2', undefined, asAdmin());
    expect(extra.status).toBe(400);
    const member = await t.factories.user(tenant.id);
    const res = await t.call('GET', '/sys/user/export', undefined, {
      token: member.token,
      tenantId: tenant.id,
    });
    expect(res.status).toBe(403);
  });
});

describe('GET /sys/thirdApp/bindings/export', () => {
  it("exports the tenant's bound members, filtered by keyword", async () => {
    const tag = uniq('B').replace(/\W/g, '');
    const u = await t.factories.user(tenant.id, { realname: `王英${tag}` });
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: u.id,
      corpId: 'ww00000000000018e1',
      extUserId: `WangYing${tag}`,
      extName: '王英',
    });
    const theirs = await t.factories.user(other.id);
    await bindMember(t.db, {
      tenantId: other.id,
      userId: theirs.id,
      corpId: 'ww00000000000018e2',
      extUserId: `Other${tag}`,
    });
    const lines = linesOf(
      await t.call('GET', `/sys/thirdApp/bindings/export?keyword=${tag}`, undefined, asAdmin()),
    );
    expect(lines[0]).toEqual([
      'user_id',
      'username',
      'realname',
      'wecom_userid',
      'wecom_name',
      'membership_status',
      'state',
      'active',
      'bound_at',
    ]);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]!.slice(0, 8)).toEqual([
      String(u.id),
      u.username,
      `王英${tag}`,
      `WangYing${tag}`,
      '王英',
      'normal',
      'bound',
      'true',
    ]);
  });
});

describe('GET /sys/thirdApp/sync/runs/:id/items/export', () => {
  async function arrangeRun(tenantId: number) {
    const [run] = await t.db
      .insert(syncRuns)
      .values({ tenantId, thirdType: 'wechat_enterprise', trigger: 'manual', status: 'succeeded' })
      .returning({ id: syncRuns.id });
    const base = { tenantId, runId: run!.id, kind: 'member' as const, action: 'create' };
    await t.db.insert(syncRunItems).values([
      { ...base, extId: 'ZhangSan', label: '张三', outcome: 'ok', reason: 'created' },
      {
        ...base,
        extId: 'LiSi',
        label: '@evil',
        outcome: 'failed',
        reason: 'provider',
        providerCode: 60111,
        message: 'userid not found',
      },
      { ...base, extId: 'WangWu', label: '王五', outcome: 'skipped', reason: 'excluded' },
    ]);
    return run!.id;
  }

  it("exports a run's items with the outcome filter; another tenant's run is 404", async () => {
    const runId = await arrangeRun(tenant.id);
    const all = linesOf(
      await t.call('GET', `/sys/thirdApp/sync/runs/${runId}/items/export`, undefined, asAdmin()),
    );
    expect(all[0]![0]).toBe('id');
    expect(all.slice(1).map((l) => l[3])).toEqual(['ZhangSan', 'LiSi', 'WangWu']);
    const failed = linesOf(
      await t.call(
        'GET',
        `/sys/thirdApp/sync/runs/${runId}/items/export?outcome=failed`,
        undefined,
        asAdmin(),
      ),
    );
    expect(failed.slice(1)).toEqual([
      [
        expect.any(String),
        'member',
        'create',
        'LiSi',
        "'@evil",
        '',
        'failed',
        'provider',
        '60111',
        'userid not found',
      ],
    ]);
    const theirs = await arrangeRun(other.id);
    const res = await t.call(
      'GET',
      `/sys/thirdApp/sync/runs/${theirs}/items/export`,
      undefined,
      asAdmin(),
    );
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('sync.run_not_found');
  });
});

describe('GET /sys/thirdApp/messages/export', () => {
  it('exports the message log newest first with the status filter, never the body text beyond the summary', async () => {
    const row = (status: 'sent' | 'failed', text: string) => ({
      tenantId: tenant.id,
      thirdType: 'wechat_enterprise' as const,
      source: 'composer' as const,
      senderUserId: admin.id,
      senderUsername: admin.username,
      msgtype: 'text',
      content: { msgtype: 'text', text: { content: text } },
      target: { toUsers: ['ZhangSan', 'LiSi'], toDepartments: [], toAll: false },
      status,
      msgIds: [],
    });
    const inserted = await t.db
      .insert(messages)
      .values([row('sent', '第一条'), row('failed', '第二条'), row('sent', '第三条')])
      .returning({ id: messages.id });
    await t.db.insert(messages).values({ ...row('sent', 'not ours'), tenantId: other.id });
    const lines = linesOf(
      await t.call('GET', '/sys/thirdApp/messages/export?status=sent', undefined, asAdmin()),
    );
    expect(lines[0]!.slice(0, 10)).toEqual([
      'id',
      'created_at',
      'source',
      'msgtype',
      'summary',
      'sender',
      'to_users',
      'to_departments',
      'to_all',
      'status',
    ]);
    expect(lines.slice(1).map((l) => Number(l[0]))).toEqual([inserted[2]!.id, inserted[0]!.id]);
    expect(lines[1]!.slice(4, 10)).toEqual([
      '第三条',
      admin.username,
      'ZhangSan|LiSi',
      '',
      'false',
      'sent',
    ]);
    const bad = await t.call(
      'GET',
      '/sys/thirdApp/messages/export?status=nope',
      undefined,
      asAdmin(),
    );
    expect(bad.status).toBe(400);
  });
});
