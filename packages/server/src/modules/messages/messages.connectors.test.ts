import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import type {
  ConnectorInstance,
  MessagingCapabilities,
  NeutralMessaging,
  NeutralOutboundMessage,
  SendOutcome,
} from '../../connectors/kit';
import type { SyncPolicy } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { rowsOf } from '../../lib/sql';
import type { TenantContext } from '../../lib/route';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import { connectorsOf, type MessagingConnector } from './messages.connectors';
import { createMessagesService, type MessagesService } from './messages.service';

/**
 * Issue 19: the messages module talks to a connector only through `NeutralMessaging` and its
 * `MessagingCapabilities`. A small connector built here — text and markdown only, tight limits,
 * two users a call, no @all, no recall, asynchronous outcomes, a provider-side per-member limit —
 * proves the module reads all of them from the connector and none from WeCom.
 */
const CORP = 'corp-async';

const capabilities: MessagingCapabilities = {
  types: ['text', 'markdown'],
  maxBytes: { text: 20, markdown: 30 },
  maxArticles: 1,
  maxUsersPerCall: 2,
  maxDepartmentsPerCall: 1,
  toAll: false,
  perMemberLimit: { perDay: 500, sameContentPerDay: 1 },
  recall: false,
  outcome: 'async',
};

const testConnector: MessagingConnector = {
  thirdType: 'wechat_enterprise',
  appName: 'TESTAPP',
  names: { 'zh-CN': '测试连接器', en: 'Test connector' },
  capabilities,
};

/** What the in-test provider was asked, and what it answers next. */
const provider = {
  sent: [] as NeutralOutboundMessage[],
  /** External ids the provider refuses for its per-member limit (lower-cased on the way back). */
  overLimit: new Set<string>(),
  /** Answers of `outcome`, per task id, in order; the last one repeats. */
  answers: new Map<string, SendOutcome[]>(),
  asked: [] as string[],
};

let taskCount = 0;
const messaging: NeutralMessaging = {
  async send(msg) {
    provider.sent.push(msg);
    return {
      msgId: `task-${++taskCount}`,
      invalidUsers: [],
      invalidDepartments: [],
      throttledUsers: (msg.toUsers ?? []).filter((u) => provider.overLimit.has(u)),
    };
  },
  async recall() {
    throw new Error('this provider cannot recall; the module must not ask');
  },
  async outcome(msgId) {
    provider.asked.push(msgId);
    const list = provider.answers.get(msgId) ?? [];
    const next = list.length > 1 ? list.shift()! : list[0];
    return next ?? { done: false, delivered: [], read: [], failed: [] };
  },
};

let t: TestApp;
let tenant: TestTenant;
let users: TestUser[];
let svc: MessagesService;
let ctx: TenantContext;
let svcRuntime: (tenantId: number) => Promise<ConnectorRuntime>;
const sender = { username: 'tester' };
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  tenant = await t.factories.tenant();
  users = [];
  for (const ext of ['UA', 'UB', 'UC']) {
    const u = await t.factories.user(tenant.id);
    await bindMember(t.db, { tenantId: tenant.id, userId: u.id, corpId: CORP, extUserId: ext });
    users.push(u);
  }
  svcRuntime = async (tenantId: number): Promise<ConnectorRuntime> => ({
    tenantId,
    thirdType: 'wechat_enterprise',
    configId: 0,
    corpId: CORP,
    settings: {},
    syncPolicy: {} as SyncPolicy,
    connector: { messaging } as unknown as ConnectorInstance,
  });
  svc = createMessagesService({
    db: t.db,
    thirdAppConfig: { runtime: svcRuntime },
    config: { publicUrl: 'https://ob.example' },
    connectors: connectorsOf([testConnector]),
    options: { sweepEveryMs: 0, outcomePollEveryMs: 0 },
    log: {
      error: (obj, msg) => logged.push({ ...obj, msg }),
      warn: (obj, msg) => logged.push({ ...obj, msg }),
    },
  });
  ctx = { tenantId: tenant.id, userId: 1, role: 'admin', isPlatformAdmin: false };
});
afterAll(async () => {
  await svc?.close();
  await t?.close();
});
beforeEach(async () => {
  // Every test starts with no task awaiting an outcome, and task ids from task-1.
  await t.db.execute(
    sql`update message_recipients set outcome = 'unknown' where outcome = 'pending'`,
  );
  taskCount = 0;
  provider.sent = [];
  provider.overLimit.clear();
  provider.answers.clear();
  provider.asked = [];
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function recipients(messageId: number) {
  return rowsOf<{ username: string; outcome: string; msg_id: string | null }>(
    await t.db.execute(
      sql`select username, outcome, msg_id from message_recipients
          where message_id = ${messageId} order by id`,
    ),
  );
}
async function statusOf(messageId: number) {
  const [m] = rowsOf<{ status: string; msg_ids: string[] }>(
    await t.db.execute(sql`select status, msg_ids from messages where id = ${messageId}`),
  );
  return m!;
}

describe("a connector's capabilities decide what the module accepts", () => {
  it('refuses a type the connector lacks, naming the types it has', async () => {
    const err = await refusal(
      svc.compose(ctx, sender, {
        msgtype: 'textcard',
        textcard: { title: 't', description: 'd', url: '/a' },
        toUsers: [users[0]!.username],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe('messages.unsupported_type');
    expect(err.details).toMatchObject({ msgtype: 'textcard', supported: ['text', 'markdown'] });
    expect(err.message).toContain('Test connector');
    expect(err.message).toContain('text, markdown');
    const push = await refusal(
      svc.sendMessageTest(ctx, sender, {
        app: 'testapp',
        msgType: 'image',
        receiver: users[0]!.username,
        content: 'x',
      }),
    );
    expect(push.code).toBe('messages.unsupported_type');
    expect(push.details).toMatchObject({ field: 'msgType' });
    expect(provider.sent).toHaveLength(0);
  });

  it("refuses content over the connector's byte limits, naming field and limit", async () => {
    const text = await refusal(
      svc
        .sendMessageTest(ctx, sender, {
          app: 'TESTAPP',
          receiver: users[0]!.username,
          content: '企业微信', // 12 bytes: fine for WeCom's 2048, and for this one's 20…
        })
        .then(() =>
          svc.sendMessageTest(ctx, sender, {
            app: 'TESTAPP',
            receiver: users[0]!.username,
            content: '一二三四五六七', // …21 bytes is not
          }),
        ),
    );
    expect(text.code).toBe('messages.content_too_long');
    expect(text.details).toEqual({ field: 'content', limit: 20, actual: 21, unit: 'bytes' });
    expect(text.message).toContain('Test connector accepts at most 20 bytes');
    const md = await refusal(
      svc.compose(ctx, sender, {
        msgtype: 'markdown',
        content: '#'.repeat(31),
        toUsers: [users[0]!.username],
      }),
    );
    expect(md.details).toMatchObject({ field: 'content', limit: 30, actual: 31 });
    expect(provider.sent).toHaveLength(1);
  });

  it('refuses @all where the connector cannot address everyone', async () => {
    const err = await refusal(
      svc.sendMessageTest(ctx, sender, { app: 'TESTAPP', sendAll: true, content: 'hi' }),
    );
    expect(err.code).toBe('messages.to_all_unsupported');
    expect(err.details).toMatchObject({ field: 'sendAll' });
    const composed = await refusal(
      svc.compose(ctx, sender, { msgtype: 'text', content: 'hi', toAll: true }),
    );
    expect(composed.details).toMatchObject({ field: 'toAll' });
    expect(provider.sent).toHaveLength(0);
  });

  it('chooses the connector by app, and names the registered apps for any other', async () => {
    const err = await refusal(
      svc.sendMessageTest(ctx, sender, {
        app: 'WECHAT_ENTERPRISE',
        receiver: users[0]!.username,
        content: 'x',
      }),
    );
    expect(err.code).toBe('messages.unsupported_app');
    expect(err.details).toMatchObject({ field: 'app', supported: ['TESTAPP'] });
    expect(err.message).toContain('TESTAPP');
  });

  it('sends markdown with a title for providers that show one', async () => {
    await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      msgType: 'Markdown',
      receiver: users[0]!.username,
      content: '## 周会\n三点',
    });
    await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      msgType: 'markdown',
      title: '通知',
      receiver: users[0]!.username,
      content: '三点',
    });
    expect(provider.sent.map((m) => m.content)).toEqual([
      { type: 'markdown', title: '周会', text: '## 周会\n三点' },
      { type: 'markdown', title: '通知', text: '三点' },
    ]);
  });
});

describe('asynchronous outcomes', () => {
  it("sends in the connector's batch size, keeps accepted members pending, then records what the provider tells", async () => {
    provider.overLimit.add('uc');
    const res = await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      receiver: users.map((u) => u.username).join(','),
      content: 'hello',
    });
    // Two users a call: [ua, ub] and [uc]; uc refused by the provider for its per-member limit.
    expect(provider.sent.map((m) => m.toUsers)).toEqual([['ua', 'ub'], ['uc']]);
    expect(res.throttled).toEqual([users[2]!.username]);
    expect(res.status).toBe('partial');
    const id = res.messageId;
    expect((await statusOf(id)).msg_ids).toEqual(['task-1', 'task-2']);
    expect(await recipients(id)).toEqual([
      { username: users[0]!.username, outcome: 'pending', msg_id: 'task-1' },
      { username: users[1]!.username, outcome: 'pending', msg_id: 'task-1' },
      { username: users[2]!.username, outcome: 'throttled', msg_id: 'task-2' },
    ]);

    provider.answers.set('task-1', [
      { done: false, delivered: ['UA'], read: [], failed: [] },
      { done: true, delivered: [], read: ['UA'], failed: [{ userId: 'UB', reason: 'inactive' }] },
    ]);
    await svc.pollOutcomes();
    expect((await recipients(id)).map((r) => r.outcome)).toEqual([
      'delivered',
      'pending',
      'throttled',
    ]);
    await svc.pollOutcomes();
    expect((await recipients(id)).map((r) => r.outcome)).toEqual(['read', 'failed', 'throttled']);
    // Only the task with pending members was asked, and nothing is asked once it is done.
    expect(provider.asked).toEqual(['task-1', 'task-1']);
    await svc.pollOutcomes();
    expect(provider.asked).toHaveLength(2);

    const detail = await svc.get(ctx, id);
    expect(detail.counts).toMatchObject({ read: 1, failed: 1, throttled: 1, pending: 0 });
    expect(detail.status).toBe('partial');
    // The provider's reason has no column: it is logged, not lost.
    expect(logged).toContainEqual(
      expect.objectContaining({ messageId: id, userId: 'UB', reason: 'inactive' }),
    );
  });

  it('marks members the provider never named unknown once it is done, and a sent message partial', async () => {
    const res = await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      receiver: `${users[0]!.username},${users[1]!.username}`,
      content: 'again',
    });
    expect(res.status).toBe('sent');
    provider.answers.set('task-1', [{ done: true, delivered: ['ua'], read: [], failed: [] }]);
    await svc.pollOutcomes();
    expect((await recipients(res.messageId)).map((r) => r.outcome)).toEqual([
      'delivered',
      'unknown',
    ]);
    expect((await statusOf(res.messageId)).status).toBe('partial');
  });

  it('gives up on a task older than the window without asking the provider', async () => {
    const res = await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      receiver: users[0]!.username,
      content: 'old',
    });
    await t.db.execute(
      sql`update messages set created_at = now() - interval '25 hours' where id = ${res.messageId}`,
    );
    await svc.pollOutcomes();
    expect(provider.asked).toEqual([]);
    expect((await recipients(res.messageId)).map((r) => r.outcome)).toEqual(['unknown']);
  });

  it('does not offer or attempt a recall where the connector has none', async () => {
    const res = await svc.sendMessageTest(ctx, sender, {
      app: 'TESTAPP',
      receiver: users[0]!.username,
      content: 'keep',
    });
    expect((await svc.get(ctx, res.messageId)).recallable).toBe(false);
    const err = await refusal(svc.recall(ctx, res.messageId));
    expect(err.status).toBe(400);
    expect(err.code).toBe('messages.recall_unsupported');
  });
});

describe("the connector's per-member limits", () => {
  it('counts no per-minute limit for a connector that states none (WeCom would stop at 30)', async () => {
    await t.db.execute(sql`delete from message_recipients where tenant_id = ${tenant.id}`);
    const outcomes: string[][] = [];
    for (let i = 0; i < 31; i++) {
      const res = await svc.sendMessageTest(ctx, sender, {
        app: 'TESTAPP',
        receiver: users[1]!.username,
        content: `n${i}`,
      });
      outcomes.push(res.throttled);
    }
    expect(outcomes.flat()).toEqual([]);
    expect(provider.sent).toHaveLength(31);
  });

  it("counts a connector's own per-minute limit before calling it", async () => {
    const strict: MessagingConnector = {
      ...testConnector,
      capabilities: { ...capabilities, outcome: 'sync', perMemberLimit: { perMinute: 2 } },
    };
    const strictSvc = createMessagesService({
      db: t.db,
      thirdAppConfig: { runtime: svcRuntime },
      config: { publicUrl: 'https://ob.example' },
      connectors: connectorsOf([strict]),
      options: { sweepEveryMs: 0, outcomePollEveryMs: 0 },
    });
    try {
      await t.db.execute(sql`delete from message_recipients where tenant_id = ${tenant.id}`);
      const send = () =>
        strictSvc.sendMessageTest(ctx, sender, {
          app: 'TESTAPP',
          receiver: `${users[0]!.username},${users[2]!.username}`,
          content: 'x',
        });
      await send();
      await send();
      const third = await refusal(send());
      expect(third.status).toBe(429);
      expect(third.code).toBe('messages.throttled');
      expect(provider.sent).toHaveLength(2);
    } finally {
      await strictSvc.close();
    }
  });
});
