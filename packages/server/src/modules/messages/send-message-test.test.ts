import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds, arrangeBoundMembers } from '../../../test/factories/messages';

const URL = '/sys/thirdApp/sendMessageTest';
const SEND_API = '/cgi-bin/message/send';

let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let ext: string[];
/** Two members bound to active simulated members, one member without a binding. */
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

beforeAll(async () => {
  sim = await startSimulator({ users: 1700, departments: 40, seed: 11, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  ({ tenant, admin } = await withWeComTenant(t, sim));
  ext = activeSimUserIds(sim);
  alice = await t.factories.user(tenant.id);
  bob = await t.factories.user(tenant.id);
  carol = await t.factories.user(tenant.id);
  const corpId = sim.credentials.corpId;
  await bindMember(t.db, { tenantId: tenant.id, userId: alice.id, corpId, extUserId: ext[0]! });
  await bindMember(t.db, { tenantId: tenant.id, userId: bob.id, corpId, extUserId: ext[1]! });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.admin.clearFaults();
  sim.admin.resetCounts();
});

const send = (body: Record<string, unknown>, token = admin.token, tenantId?: number) =>
  t.call('POST', URL, body, { token, ...(tenantId !== undefined ? { tenantId } : {}) });
const sends = () => sim.admin.counts()[SEND_API] ?? 0;
const text = (content: string, receiver: string) => ({
  app: 'WECHAT_ENTERPRISE',
  receiver,
  content,
});

describe('POST /sys/thirdApp/sendMessageTest', () => {
  it('delivers to bound receivers and reports unknown and unbound ones', async () => {
    const res = await send(
      text(
        'hello 企业微信',
        // Usernames ignore case like sign-in: BOB is bob, and ALICE repeats alice.
        ` ${alice.username} ,${bob.username.toUpperCase()},${alice.username.toUpperCase()},, ghost_user, ${carol.username}`,
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const r = res.body.result;
    expect(r.errcode).toBe(0);
    expect(r.errmsg).toBe('ok');
    expect(r.msgid).toMatch(/^[\w-]{20,}$/);
    expect(r.sent).toEqual([alice.username, bob.username.toUpperCase()]);
    expect(r.unbound).toEqual(['ghost_user', carol.username]);
    expect(r.invalid).toEqual([]);
    expect(sends()).toBe(1);
    const inbox = sim.admin.messagesFor(ext[0]!);
    expect(inbox.at(-1)).toMatchObject({ msgtype: 'text', content: { content: 'hello 企业微信' } });
    // The message is in the log with each recipient's outcome.
    const log = await t.call('GET', `/sys/thirdApp/messages/${r.messageId}`, undefined, {
      token: admin.token,
    });
    expect(log.body.result).toMatchObject({
      source: 'push_api',
      status: 'partial',
      msgIds: [r.msgid],
    });
    const outcomes = Object.fromEntries(
      log.body.result.recipients.map((x: { username: string; outcome: string }) => [
        x.username,
        x.outcome,
      ]),
    );
    expect(outcomes).toEqual({
      [alice.username]: 'delivered',
      [bob.username.toUpperCase()]: 'delivered',
      ghost_user: 'unbound',
      [carol.username]: 'unbound',
    });
  });

  it('accepts the app name in any case and sendAll as WeCom @all', async () => {
    const res = await send({ app: 'wechat_Enterprise', sendAll: true, content: 'to everyone' });
    expect(res.status).toBe(200);
    expect(res.body.result.sent).toEqual([]);
    const last = sim.admin.allMessages().at(-1)!;
    expect(last.touser).toBe('@all');
    expect(last.delivered.length).toBeGreaterThan(1000);
    const viaReceiver = await send(text('to everyone again', '@all'));
    expect(viaReceiver.status).toBe(200);
    expect(sim.admin.allMessages().at(-1)!.touser).toBe('@all');
  });

  it('refuses every bad field with a 400 that says what to fix, without calling WeCom', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ receiver: alice.username, content: 'x' }, 'request.invalid'],
      [{ app: 'FEISHU', receiver: alice.username, content: 'x' }, 'messages.unsupported_app'],
      [{ app: 'WECHAT_ENTERPRISE', receiver: alice.username }, 'request.invalid'],
      [
        { app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: ' \n ' },
        'messages.content_required',
      ],
      [{ app: 'WECHAT_ENTERPRISE', content: 'x' }, 'messages.receiver_required'],
      [{ app: 'WECHAT_ENTERPRISE', receiver: ' , ', content: 'x' }, 'messages.receiver_required'],
      [{ app: 'WECHAT_ENTERPRISE', sendAll: false, content: 'x' }, 'messages.receiver_required'],
      [{ app: 'WECHAT_ENTERPRISE', sendAll: 'yes', content: 'x' }, 'request.invalid'],
      [{ app: 'WECHAT_ENTERPRISE', receiver: 42, content: 'x' }, 'request.invalid'],
      [
        { app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: '企'.repeat(683) },
        'messages.content_too_long',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await send(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.errorCode).toBe(code);
      expect(res.body.message.length).toBeGreaterThan(10);
    }
    const tooLong = await send(text('企'.repeat(683), alice.username));
    expect(tooLong.body.message).toContain('2048');
    expect(tooLong.body.details).toMatchObject({ limit: 2048, actual: 2049, unit: 'bytes' });
    expect(sends()).toBe(0);
    // Exactly 2048 bytes is WeCom's limit and goes through.
    const atLimit = await send(text('企'.repeat(682) + 'ab', alice.username));
    expect(atLimit.status).toBe(200);
  });

  it('answers 企业微信尚未配置 without a config and refuses a disabled one', async () => {
    const other = await t.factories.tenant();
    const otherAdmin = await t.factories.user(other.id, { role: 'admin' });
    const res = await send(text('x', otherAdmin.username), otherAdmin.token);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('third_app.not_configured');
    expect(res.body.message).toContain('企业微信尚未配置');

    const off = await wecomTenantWithOwnSim();
    await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', enabled: false },
      {
        token: off.admin.token,
      },
    );
    const disabled = await send(text('x', off.admin.username), off.admin.token);
    expect(disabled.status).toBe(400);
    expect(disabled.body.errorCode).toBe('third_app.disabled');
    await off.close();
  });

  it('is for tenant admins of the tenant in X-Tenant-Id only', async () => {
    const member = await send(text('x', bob.username), alice.token);
    expect(member.status).toBe(403);
    const other = await t.factories.tenant();
    const foreignAdmin = await t.factories.user(other.id, { role: 'admin' });
    const foreign = await send(text('x', alice.username), foreignAdmin.token, tenant.id);
    expect(foreign.status).toBe(403);
    // The platform admin may act in any tenant (PRODUCT.md §4).
    const platform = await send(text('from the platform', alice.username), t.adminToken, tenant.id);
    expect(platform.status).toBe(200);
    expect(sends()).toBe(1);
  });

  it('does not call WeCom when nobody is deliverable and logs the attempt', async () => {
    const res = await send(text('nobody', `ghost_a,${carol.username}`));
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('messages.no_deliverable_receivers');
    expect(res.body.details).toMatchObject({ unbound: ['ghost_a', carol.username], sent: [] });
    expect(sends()).toBe(0);
    const log = await t.call(
      'GET',
      `/sys/thirdApp/messages/${res.body.details!.messageId}`,
      undefined,
      {
        token: admin.token,
      },
    );
    expect(log.body.result.status).toBe('not_sent');
  });

  it("maps WeCom's lower-cased invaliduser back to usernames; all invalid is 81013", async () => {
    const dave = await t.factories.user(tenant.id);
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: dave.id,
      corpId: sim.credentials.corpId,
      extUserId: 'Left_The_Corp',
    });
    const res = await send(text('partly', `${alice.username},${dave.username}`));
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ sent: [alice.username], invalid: [dave.username] });

    const all = await send(text('nobody valid', dave.username));
    expect(all.status).toBe(422);
    expect(all.body.success).toBe(false);
    expect(all.body.errorCode).toBe('messages.all_invalid');
    expect(all.body.details).toMatchObject({ errcode: 81013, invalid: [dave.username], sent: [] });
    expect(all.body.message).toContain('81013');
  });

  it('splits more than 1000 receivers into batches of 1000', async () => {
    const usernames = await arrangeBoundMembers(t.db, {
      tenantId: tenant.id,
      corpId: sim.credentials.corpId,
      extUserIds: ext.slice(10, 1510),
    });
    const res = await send(text('batched', usernames.join(',')));
    expect(res.status).toBe(200);
    expect(res.body.result.sent).toHaveLength(1500);
    expect(sends()).toBe(2);
    const [first, second] = sim.admin.allMessages().slice(-2);
    expect(first!.touser.split('|')).toHaveLength(1000);
    expect(second!.touser.split('|')).toHaveLength(500);
  });

  it('retries -1 and 45033 with backoff but never a permission error', async () => {
    sim.admin.injectFaults([
      { api: 'message/send', errcode: 45033, times: 1 },
      { api: 'message/send', errcode: -1, times: 1 },
    ]);
    const ok = await send(text('after retries', alice.username));
    expect(ok.status).toBe(200);
    expect(sends()).toBe(3);

    sim.admin.resetCounts();
    sim.admin.injectFaults({ api: 'message/send', errcode: 48002, times: 1 });
    const denied = await send(text('forbidden', alice.username));
    expect(sends()).toBe(1);
    expect(denied.status).toBe(502);
    expect(denied.body.success).toBe(false);
    expect(denied.body.errorCode).toBe('messages.provider_error');
    expect(denied.body.details).toMatchObject({ errcode: 48002, sent: [] });
    const explanation = denied.body.details!.explanation as Record<string, { fix: string }>;
    expect(explanation['zh-CN']!.fix.length).toBeGreaterThan(0);
    expect(explanation.en!.fix.length).toBeGreaterThan(0);
  });

  it('reports members over 30 messages a minute or 1000 an hour as throttled', async () => {
    const [m1, m2, m3] = await arrangeBoundMembers(t.db, {
      tenantId: tenant.id,
      corpId: sim.credentials.corpId,
      extUserIds: ext.slice(1520, 1523),
    });
    for (let i = 0; i < 30; i++) expect((await send(text(`n${i}`, m1!))).status).toBe(200);
    const over = await send(text('31st', m1!));
    expect(over.status).toBe(429);
    expect(over.body.errorCode).toBe('messages.throttled');
    expect(over.body.details).toMatchObject({ throttled: [m1], sent: [] });
    const mixed = await send(text('mixed', `${m1},${m2}`));
    expect(mixed.status).toBe(200);
    expect(mixed.body.result).toMatchObject({ sent: [m2], throttled: [m1] });
    expect(sim.admin.messagesFor(ext[1520]!).filter((m) => m.delivered)).toHaveLength(30);

    // 1000 deliveries spread over the last hour (arranged) also stop the next one.
    const hourAgo = await t.db.execute(sql`
      insert into message_recipients (tenant_id, message_id, username, ext_user_id, outcome, created_at)
      select ${tenant.id}, ${over.body.details!.messageId}, ${m3}, ${ext[1522]!.toLowerCase()}, 'delivered',
        now() - make_interval(mins => 2 + (g % 50)) from generate_series(1, 1000) g`);
    expect(hourAgo).toBeDefined();
    const hourly = await send(text('hourly', m3!));
    expect(hourly.status).toBe(429);
  });

  it('keeps the per-member limit when concurrent sends are logged in one batch', async () => {
    const [m] = await arrangeBoundMembers(t.db, {
      tenantId: tenant.id,
      corpId: sim.credentials.corpId,
      extUserIds: ext.slice(1530, 1531),
    });
    // 40 sends at once: they reach the message log in shared statements, not one by one.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send(text(`burst ${i}`, m!))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(sim.admin.messagesFor(ext[1530]!).filter((x) => x.delivered)).toHaveLength(30);
    // Every call has its own log entry with its own content.
    const ids = new Set(answers.map((a) => a.body.result?.messageId ?? a.body.details?.messageId));
    expect(ids.size).toBe(40);
    const one = answers.find((a) => a.status === 200)!;
    const logged = await t.call(
      'GET',
      `/sys/thirdApp/messages/${one.body.result.messageId}`,
      undefined,
      {
        token: admin.token,
      },
    );
    expect(logged.body.result.recipients).toEqual([
      expect.objectContaining({ username: m, outcome: 'delivered' }),
    ]);
  });
});

/** A second corp (own simulator) for a tenant that must not share the CorpID. */
async function wecomTenantWithOwnSim() {
  const own = await startSimulator({ users: 5, departments: 2, seed: 3, latencyMs: 0 });
  const made = await withWeComTenant(t, own);
  return { ...made, close: () => own.close() };
}
