import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkRequests, messages, syncRunItems, syncRuns, users } from '../../src/db/schema';
import { buildTestApp, type ApiResponse, type TestApp } from '../build-test-app';
import { uniq, type TestTenant, type TestUser } from '../factories';
import { bindMember } from '../factories/bindings';

/**
 * Each CSV export reads the rows its list reads: for the same filters, on a tenant whose
 * neighbour holds matching rows too, the list (every page) and the file name the same rows. The
 * list's conditions are built in one place per module (its repo), so the two cannot drift.
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

function qs(filters: Record<string, string | number | undefined>, extra = ''): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s || extra ? `?${[s, extra].filter(Boolean).join('&')}` : '';
}

/** The data rows of a CSV answer, split into naive cells (the arranged values hold no commas). */
function csvRows(res: ApiResponse): string[][] {
  expect(res.status).toBe(200);
  return res.body
    .raw!.slice(1)
    .split('\r\n')
    .filter(Boolean)
    .slice(1)
    .map((l) => l.split(','));
}

/** Every record of a paged list (pages of 100 until the total is read). */
async function listAll<R>(url: string, filters: Record<string, string | number | undefined>) {
  const out: R[] = [];
  for (let page = 1; ; page += 1) {
    const res = await t.call(
      'GET',
      url + qs(filters, `page=${page}&pageSize=100`),
      undefined,
      asAdmin(),
    );
    expect(res.status).toBe(200);
    const { records, total } = res.body.result as { records: R[]; total: number };
    out.push(...records);
    if (records.length === 0 || out.length >= total) return out;
  }
}

const sorted = <T>(xs: T[]) => [...xs].sort();

describe('users: GET /sys/user/export names the rows of GET /sys/user/list', () => {
  it('for the same keyword and department, with another tenant holding matching members', async () => {
    const tag = uniq('par').replace(/\W/g, '');
    const dept = await t.factories.department(tenant.id, { name: `部${tag}` });
    const mine = [
      await t.factories.user(tenant.id, { realname: `甲${tag}`, departmentIds: [dept.id] }),
      await t.factories.user(tenant.id, { realname: `乙${tag}` }),
      await t.factories.user(tenant.id, { realname: `丙${tag}`, departmentIds: [dept.id] }),
    ];
    await t.factories.user(other.id, { realname: `外${tag}` });
    await t.factories.user(other.id, { realname: `外二${tag}` });

    const cases: Record<string, string | number | undefined>[] = [
      { keyword: tag },
      { keyword: tag, departmentId: dept.id },
      { departmentId: dept.id },
      { keyword: `  ${tag}` },
      { keyword: `${tag} ` },
    ];
    for (const f of cases) {
      const listed = await listAll<{ id: number }>('/sys/user/list', f);
      const exported = csvRows(
        await t.call('GET', `/sys/user/export${qs(f)}`, undefined, asAdmin()),
      );
      expect(sorted(exported.map((r) => Number(r[0]))), JSON.stringify(f)).toEqual(
        sorted(listed.map((r) => r.id)),
      );
    }
    // The filters did select: the tag names this tenant's three members and nobody else's.
    const all = await listAll<{ id: number }>('/sys/user/list', { keyword: tag });
    expect(sorted(all.map((r) => r.id))).toEqual(sorted(mine.map((u) => u.id)));
  });
});

describe('bindings: GET /sys/thirdApp/bindings/export names the rows of GET /sys/thirdApp/bindings', () => {
  it('for the same keyword, with bindings and link requests of another tenant present', async () => {
    const tag = uniq('Par').replace(/\W/g, '');
    const corp = 'ww0000000000par001';
    const a = await t.factories.user(tenant.id, { realname: `王${tag}` });
    const b = await t.factories.user(tenant.id, { realname: `赵${tag}` });
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: a.id,
      corpId: corp,
      extUserId: `A${tag}`,
    });
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: b.id,
      corpId: corp,
      extUserId: `B${tag}`,
    });
    // A link request to an account outside the tenant: listed, never named, matched by its userid.
    const outsider = await t.factories.user(other.id, { realname: `外${tag}` });
    await t.db.insert(linkRequests).values({
      tenantId: tenant.id,
      thirdType: 'wechat_enterprise',
      corpId: corp,
      extUserId: `R${tag}`,
      extName: '请求',
      userId: outsider.id,
    });
    // The neighbour's binding and request carry the same tag.
    const theirs = await t.factories.user(other.id, { realname: `邻${tag}` });
    await bindMember(t.db, {
      tenantId: other.id,
      userId: theirs.id,
      corpId: corp,
      extUserId: `O${tag}`,
    });
    await t.db.insert(linkRequests).values({
      tenantId: other.id,
      thirdType: 'wechat_enterprise',
      corpId: corp,
      extUserId: `OR${tag}`,
      userId: a.id,
    });

    const cases: Record<string, string | undefined>[] = [
      { keyword: tag },
      { keyword: `A${tag}` },
      { keyword: `王${tag}` },
      { keyword: `外${tag}` },
      { keyword: ` ${tag} ` },
      { keyword: tag, thirdType: 'wechat_enterprise' },
    ];
    for (const f of cases) {
      const listed = await listAll<{ state: string; wechatUserId: string }>(
        '/sys/thirdApp/bindings',
        f,
      );
      const exported = csvRows(
        await t.call('GET', `/sys/thirdApp/bindings/export${qs(f)}`, undefined, asAdmin()),
      );
      expect(sorted(exported.map((r) => `${r[6]}:${r[3]}`)), JSON.stringify(f)).toEqual(
        sorted(listed.map((r) => `${r.state}:${r.wechatUserId}`)),
      );
    }
    const all = await listAll<{ wechatUserId: string }>('/sys/thirdApp/bindings', { keyword: tag });
    expect(sorted(all.map((r) => r.wechatUserId))).toEqual(
      sorted([`A${tag}`, `B${tag}`, `R${tag}`]),
    );
  });
});

describe('bindings export across keyset slices', () => {
  it('past one slice (500 rows) the file still names each listed row once', async () => {
    const tag = uniq('Many').replace(/\W/g, '');
    const corp = 'ww0000000000par002';
    const b = await t.factories.user(tenant.id, { realname: `钱${tag}` });
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: b.id,
      corpId: corp,
      extUserId: `B${tag}`,
    });
    // 520 requests to accounts outside the tenant (one pending request per account).
    const owners = await t.db
      .insert(users)
      .values(Array.from({ length: 520 }, (_, i) => ({ username: `${tag}u${i}`, realname: 'x' })))
      .returning({ id: users.id });
    await t.db.insert(linkRequests).values(
      owners.map((o, i) => ({
        tenantId: tenant.id,
        thirdType: 'wechat_enterprise' as const,
        corpId: corp,
        extUserId: `R${i}${tag}`,
        userId: o.id,
      })),
    );
    const listed = await listAll<{ state: string; wechatUserId: string }>(
      '/sys/thirdApp/bindings',
      { keyword: tag },
    );
    const res = await t.call(
      'GET',
      `/sys/thirdApp/bindings/export?keyword=${tag}`,
      undefined,
      asAdmin(),
    );
    const exported = csvRows(res).map((r) => `${r[6]}:${r[3]}`);
    expect(listed).toHaveLength(521);
    expect(res.headers['x-export-total']).toBe('521');
    expect(new Set(exported).size).toBe(exported.length);
    expect(sorted(exported)).toEqual(sorted(listed.map((r) => `${r.state}:${r.wechatUserId}`)));
    // Bindings first, then the requests.
    expect(exported[0]).toBe(`bound:B${tag}`);
  });
});

describe('sync run items: the export names the rows of GET /sys/thirdApp/sync/runs/{id}/items', () => {
  it("for every outcome filter, with another tenant's items present", async () => {
    async function arrangeRun(tenantId: number) {
      const [run] = await t.db
        .insert(syncRuns)
        .values({
          tenantId,
          thirdType: 'wechat_enterprise',
          trigger: 'manual',
          status: 'succeeded',
        })
        .returning({ id: syncRuns.id });
      const base = { tenantId, runId: run!.id, kind: 'member' as const, action: 'create' };
      await t.db.insert(syncRunItems).values(
        (['ok', 'failed', 'skipped', 'ok', 'failed'] as const).map((outcome, i) => ({
          ...base,
          extId: `M${i}`,
          label: `m${i}`,
          outcome,
          reason: 'x',
        })),
      );
      return run!.id;
    }
    const runId = await arrangeRun(tenant.id);
    const theirRun = await arrangeRun(other.id);
    // The neighbour's items carry our run's id too: only the tenant id keeps them out.
    await t.db.insert(syncRunItems).values({
      tenantId: other.id,
      runId,
      kind: 'member',
      action: 'create',
      extId: 'Stray',
      label: 'stray',
      outcome: 'ok',
      reason: 'x',
    });
    expect(theirRun).not.toBe(runId);

    for (const f of [{}, { outcome: 'ok' }, { outcome: 'failed' }, { outcome: 'skipped' }]) {
      const listed = await listAll<{ id: number }>(`/sys/thirdApp/sync/runs/${runId}/items`, f);
      const exported = csvRows(
        await t.call(
          'GET',
          `/sys/thirdApp/sync/runs/${runId}/items/export${qs(f)}`,
          undefined,
          asAdmin(),
        ),
      );
      expect(sorted(exported.map((r) => Number(r[0]))), JSON.stringify(f)).toEqual(
        sorted(listed.map((r) => r.id)),
      );
      expect(listed.length).toBeGreaterThan(0);
    }
  });
});

describe('messages: GET /sys/thirdApp/messages/export names the rows of GET /sys/thirdApp/messages', () => {
  it("for the same status and source, with another tenant's messages present", async () => {
    const row = (tenantId: number, status: 'sent' | 'failed', source: 'composer' | 'push_api') => ({
      tenantId,
      thirdType: 'wechat_enterprise' as const,
      source,
      senderUserId: admin.id,
      senderUsername: admin.username,
      msgtype: 'text',
      content: { msgtype: 'text', text: { content: 'parity' } },
      target: { toUsers: ['ZhangSan'], toDepartments: [], toAll: false },
      status,
      msgIds: [],
    });
    await t.db
      .insert(messages)
      .values([
        row(tenant.id, 'sent', 'composer'),
        row(tenant.id, 'failed', 'composer'),
        row(tenant.id, 'sent', 'push_api'),
        row(other.id, 'sent', 'composer'),
        row(other.id, 'failed', 'push_api'),
      ]);
    const cases: Record<string, string | undefined>[] = [
      {},
      { status: 'sent' },
      { status: 'failed' },
      { source: 'composer' },
      { source: 'push_api', status: 'sent' },
    ];
    for (const f of cases) {
      const listed = await listAll<{ id: number }>('/sys/thirdApp/messages', f);
      const exported = csvRows(
        await t.call('GET', `/sys/thirdApp/messages/export${qs(f)}`, undefined, asAdmin()),
      );
      expect(sorted(exported.map((r) => Number(r[0]))), JSON.stringify(f)).toEqual(
        sorted(listed.map((r) => r.id)),
      );
      expect(listed.length).toBeGreaterThan(0);
    }
  });
});
