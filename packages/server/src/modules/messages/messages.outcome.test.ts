import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds } from '../../../test/factories/messages';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/sql';
import { createOutcomeRecorder } from './messages.outcomes';
import type { FinishItem } from './messages.writes';

/**
 * After WeCom accepted a message, the caller is never told to try again (issue 13, item 1): the
 * outcome write is retried, then kept in memory and stored later; sends whose process stopped are
 * resolved by the sweep. Faults come from the database itself: a trigger refuses the outcome write
 * as a full disk would.
 */
const SEND_API = '/cgi-bin/message/send';

let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let alice: TestUser;
let ext: string[];

beforeAll(async () => {
  sim = await startSimulator({ users: 20, departments: 3, seed: 31, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
    messages: {
      outcomeRetryDelaysMs: [5, 10, 20],
      backgroundRetryMs: 50,
      sweepAfterMs: 5 * 60_000,
      sweepEveryMs: 100,
    },
  });
  ({ tenant, admin } = await withWeComTenant(t, sim));
  ext = activeSimUserIds(sim);
  alice = await t.factories.user(tenant.id);
  await bindMember(t.db, {
    tenantId: tenant.id,
    userId: alice.id,
    corpId: sim.credentials.corpId,
    extUserId: ext[0]!,
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});
beforeEach(() => sim.admin.resetCounts());
afterEach(() => allowOutcomeWrites(t.db));

/**
 * Makes the outcome writes of sends (status leaving `sending`) fail as a full disk would: every
 * one, or the next `times` (a sequence counts them: it is not rolled back with the write).
 */
async function refuseOutcomeWrites(db: Db, times = 1_000_000) {
  await db.execute(sql.raw('drop sequence if exists test_refused'));
  await db.execute(sql.raw('create sequence test_refused'));
  await db.execute(
    sql.raw(`create or replace function test_refuse_outcome() returns trigger language plpgsql as $$
      begin
        if new.status in ('sent', 'partial', 'failed', 'not_sent')
          and nextval('test_refused') <= ${times} then
          raise exception 'could not extend file: No space left on device' using errcode = '53100';
        end if;
        return new;
      end $$`),
  );
  await db.execute(
    sql.raw(`create or replace trigger test_refuse_outcome before update on messages
      for each row execute function test_refuse_outcome()`),
  );
}
async function allowOutcomeWrites(db: Db) {
  await db.execute(sql.raw('drop trigger if exists test_refuse_outcome on messages'));
}

async function row(id: number) {
  const [m] = rowsOf<{ status: string; msg_ids: string[]; error: Record<string, unknown> | null }>(
    await t.db.execute(sql`select status, msg_ids, error from messages where id = ${id}`),
  );
  const recipients = rowsOf<{ outcome: string; msg_id: string | null }>(
    await t.db.execute(
      sql`select outcome, msg_id from message_recipients where message_id = ${id} order by id`,
    ),
  );
  return { ...m!, recipients };
}

const ageBy = (id: number, minutes: number) =>
  t.db.execute(
    sql`update messages set created_at = now() - make_interval(mins => ${minutes}) where id = ${id}`,
  );

describe('the outcome write fails after WeCom accepted', () => {
  it('answers 200 accepted_log_pending with the msgid (push API), then stores the outcome', async () => {
    await refuseOutcomeWrites(t.db);
    const res = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: 'disk full' },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    const r = res.body.result;
    expect(r.status).toBe('accepted_log_pending');
    expect(r.msgid).toMatch(/^[\w-]{20,}$/);
    expect(r.msgIds).toEqual([r.msgid]);
    expect(r.sent).toEqual([alice.username]);
    expect(r.notice).toContain('请勿重发');
    expect(r.notice.toLowerCase()).toContain('do not send it again');
    expect(sim.admin.counts()[SEND_API]).toBe(1);
    expect((await row(r.messageId)).status).toBe('sending');

    await allowOutcomeWrites(t.db);
    await vi.waitFor(async () => expect((await row(r.messageId)).status).toBe('sent'), {
      timeout: 5000,
    });
    expect(await row(r.messageId)).toMatchObject({
      msg_ids: [r.msgid],
      error: null,
      recipients: [{ outcome: 'delivered', msg_id: r.msgid }],
    });
  });

  it('answers the composer the same way', async () => {
    await refuseOutcomeWrites(t.db);
    const res = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: 'composer, disk full', toUsers: [alice.username, 'ghost'] },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      status: 'accepted_log_pending',
      recipients: { delivered: [alice.username], unbound: ['ghost'] },
    });
    expect(res.body.result.msgIds).toEqual([res.body.result.msgid]);
    expect(res.body.result.notice).toContain('企业微信已接收');
    await allowOutcomeWrites(t.db);
    await vi.waitFor(
      async () => expect((await row(res.body.result.messageId)).status).toBe('partial'),
      { timeout: 5000 },
    );
  });

  it('a short failure is absorbed by the retries: a normal answer, the outcome stored', async () => {
    // Two failed writes; the retries (5, 10, 20 ms here) outlast them.
    await refuseOutcomeWrites(t.db, 2);
    const res = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: 'blip', toUsers: [alice.username] },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.status).toBe('sent');
    expect(await row(res.body.result.messageId)).toMatchObject({
      status: 'sent',
      msg_ids: [res.body.result.msgid],
    });
  });
});

describe('the sweep of sends whose process stopped', () => {
  async function crashedSend(minutesAgo: number) {
    const [m] = rowsOf<{ id: number }>(
      await t.db.execute(sql`
        insert into messages (tenant_id, third_type, source, sender_user_id, sender_username,
          msgtype, content, target, status, created_at)
        values (${tenant.id}, 'wechat_enterprise', 'composer', ${admin.id}, ${admin.username},
          'text', '{"msgtype":"text","text":{"content":"crashed"}}'::jsonb,
          ${JSON.stringify({ toUsers: [alice.username], toDepartments: [], toAll: false })}::jsonb,
          'sending', now() - make_interval(mins => ${minutesAgo}))
        returning id`),
    );
    await t.db.execute(sql`
      insert into message_recipients (tenant_id, message_id, username, user_id, ext_user_id, outcome)
      values (${tenant.id}, ${m!.id}, ${alice.username}, ${alice.id}, ${ext[0]!.toLowerCase()}, 'pending')`);
    return m!.id;
  }

  it('marks old sending rows unknown with the reason, leaves young ones alone', async () => {
    const old = await crashedSend(11);
    const young = await crashedSend(0);
    await vi.waitFor(async () => expect((await row(old)).status).toBe('unknown'), {
      timeout: 5000,
    });
    const swept = await row(old);
    expect(swept.error).toMatchObject({ kind: 'outcome_unknown', errcode: 0 });
    const explanation = swept.error!.explanation as Record<string, { cause: string; fix: string }>;
    expect(explanation['zh-CN']!.fix).toContain('企业微信');
    expect(explanation.en!.fix).toContain('WeCom');
    expect(swept.recipients).toEqual([{ outcome: 'unknown', msg_id: null }]);
    expect((await row(young)).status).toBe('sending');

    const detail = await t.call('GET', `/sys/thirdApp/messages/${old}`, undefined, {
      token: admin.token,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.result).toMatchObject({
      status: 'unknown',
      counts: { unknown: 1, pending: 0 },
      recipients: [{ username: alice.username, outcome: 'unknown' }],
      recallable: false,
    });
  });

  it('a background retry that stores the real outcome later overwrites unknown', async () => {
    await refuseOutcomeWrites(t.db);
    const res = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: 'late outcome', toUsers: [alice.username] },
      { token: admin.token },
    );
    expect(res.body.result.status).toBe('accepted_log_pending');
    const id = res.body.result.messageId as number;
    await ageBy(id, 11);
    await vi.waitFor(async () => expect((await row(id)).status).toBe('unknown'), {
      timeout: 5000,
    });
    await allowOutcomeWrites(t.db);
    await vi.waitFor(async () => expect((await row(id)).status).toBe('sent'), { timeout: 5000 });
    expect(await row(id)).toMatchObject({
      msg_ids: [res.body.result.msgid],
      error: null,
      recipients: [{ outcome: 'delivered', msg_id: res.body.result.msgid }],
    });
    // One audit entry for the send: the sweep's (outcome unknown); the late outcome adds none.
    const audit = rowsOf<{ details: { outcome: string; source: string } }>(
      await t.db.execute(
        sql`select details from audit_log where action = 'message.sent' and target_id = ${String(id)}`,
      ),
    );
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ outcome: 'unknown', source: 'composer', messageId: id }),
    ]);
  });

  it('an unknown message whose msgid is known can be recalled', async () => {
    const sent = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: 'recall me', toUsers: [alice.username] },
      { token: admin.token },
    );
    const id = sent.body.result.messageId as number;
    await t.db.execute(sql`update messages set status = 'unknown' where id = ${id}`);
    const list = await t.call('GET', '/sys/thirdApp/messages?pageSize=5', undefined, {
      token: admin.token,
    });
    expect(list.body.result.records.find((m: { id: number }) => m.id === id)).toMatchObject({
      status: 'unknown',
      recallable: true,
    });
    const recall = await t.call('POST', `/sys/thirdApp/messages/${id}/recall`, undefined, {
      token: admin.token,
    });
    expect(recall.status).toBe(200);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)).toMatchObject({
      msgid: sent.body.result.msgid,
      recalled: true,
    });
  });
});

describe('the queue of outcomes not stored yet', () => {
  it('is bounded: the oldest is dropped and logged as an error; the rest is stored later', async () => {
    let up = false;
    const stored: number[] = [];
    const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
    const recorder = createOutcomeRecorder({
      write: async (it) => {
        if (!up) throw new Error('database unavailable');
        stored.push(it.messageId);
      },
      log: {
        error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
        warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
      },
      options: { outcomeRetryDelaysMs: [1], backgroundRetryMs: 20, maxPendingOutcomes: 2 },
    });
    const item = (messageId: number): FinishItem => ({
      tenantId: 1,
      messageId,
      patch: { status: 'sent', msgIds: [`m${messageId}`] },
      batches: [],
    });
    expect(await recorder.record(item(1))).toBe(false);
    expect(await recorder.record(item(2))).toBe(false);
    expect(await recorder.record(item(3))).toBe(false);
    expect(recorder.pending()).toBe(2);
    const dropped = lines.find((l) => l.msg.includes('DROPPED'));
    expect(dropped).toMatchObject({ level: 'error', obj: { messageId: 1, msgIds: ['m1'] } });
    up = true;
    await vi.waitFor(() => expect(recorder.pending()).toBe(0));
    expect(stored).toEqual([2, 3]);
    expect(await recorder.record(item(4))).toBe(true);
    await recorder.stop();
  });
});

describe('the outcome queue at shutdown (SHUTDOWN_GRACE_S, PRODUCT.md §10)', () => {
  const item = (messageId: number): FinishItem => ({
    tenantId: 1,
    messageId,
    patch: { status: 'sent', msgIds: [`m${messageId}`] },
    batches: [],
  });
  const quietLog = (lines: string[]) => ({
    error: (_obj: unknown, msg: string) => lines.push(msg),
    warn: (_obj: unknown, msg: string) => lines.push(msg),
  });

  it('keeps retrying within the grace: an outcome the database takes late is stored', async () => {
    let failures = 0;
    const stored: number[] = [];
    const recorder = createOutcomeRecorder({
      write: async (it) => {
        if (failures++ < 4) throw new Error('database unavailable');
        stored.push(it.messageId);
      },
      log: quietLog([]),
      options: { outcomeRetryDelaysMs: [1], backgroundRetryMs: 60_000 },
    });
    expect(await recorder.record(item(7))).toBe(false);
    await recorder.stop(Date.now() + 2_000);
    expect(stored).toEqual([7]);
    expect(recorder.pending()).toBe(0);
  });

  it('gives up at the deadline when the write hangs, and says which outcomes are left', async () => {
    let hang = false;
    const lines: string[] = [];
    const recorder = createOutcomeRecorder({
      write: async () => {
        if (hang) return new Promise<void>(() => {});
        throw new Error('database unavailable');
      },
      log: quietLog(lines),
      options: { outcomeRetryDelaysMs: [1], backgroundRetryMs: 60_000 },
    });
    expect(await recorder.record(item(8))).toBe(false);
    hang = true;
    const started = Date.now();
    await recorder.stop(Date.now() + 300);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(recorder.pending()).toBe(1);
    expect(lines.some((l) => l.startsWith('stopping with message outcomes not stored'))).toBe(true);
  });
});
