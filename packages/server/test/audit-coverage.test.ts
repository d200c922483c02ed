import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, linkRequests } from '../src/db/schema';
import { buildTestApp, type TestApp } from './build-test-app';
import { DEFAULT_PASSWORD, uniq, type TestTenant, type TestUser } from './factories';
import { bindMember } from './factories/bindings';
import { weComSignIn } from './factories/wecom-login';

/**
 * Issue 15: every audited action of the list produces exactly one audit entry — no more (a
 * per-recipient entry, a second entry for the same decision) and no less — and no entry holds a
 * secret, token, password or message body.
 */
let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
/** Everything secret the world used: none of it may appear in any audit entry. */
const secrets: string[] = [];
const CALLBACK_TOKEN = 'AuditCallbackToken0123456789';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456';
const BODY = '审计测试消息正文 audit body 7f3a';
const CARD_BODY = '审计卡片描述 audit card 9c1d';

beforeAll(async () => {
  sim = await startSimulator({ users: 12, departments: 3, seed: 15, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  tenant = await t.factories.tenant();
  admin = await t.factories.user(tenant.id, { role: 'admin' });
  secrets.push(
    sim.credentials.secret,
    sim.credentials.contactSecret,
    CALLBACK_TOKEN,
    AES_KEY,
    DEFAULT_PASSWORD,
    admin.token,
    t.adminToken,
    BODY,
    CARD_BODY,
  );
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const lastId = async () =>
  Number(
    (await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).at(-1)?.id ?? 0,
  );

/** Runs `act` and answers the audit entries it wrote (all tenants), oldest first. */
async function audited(act: () => Promise<unknown>) {
  const before = await lastId();
  await act();
  return t.db.select().from(auditLog).where(gt(auditLog.id, before)).orderBy(auditLog.id);
}
const actionsOf = async (act: () => Promise<unknown>) => (await audited(act)).map((e) => e.action);

const as = (token: string) => ({ token });
async function ok(p: ReturnType<TestApp['call']>) {
  const res = await p;
  expect(res.status, `${res.body.errorCode} ${res.body.message}`).toBe(200);
  return res.body.result;
}
const adminCall = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
  ok(t.call(method, url, body, as(admin.token)));

async function waitRun(runId: number) {
  for (let i = 0; i < 400; i++) {
    const run = await adminCall('GET', `/sys/thirdApp/sync/runs/${runId}`);
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

/** Preview with a partial read (the simulator refuses one user/list) and apply: a stopped run. */
async function stoppedRun(): Promise<number> {
  sim.admin.injectFaults({ api: 'user/list', errcode: 60011, times: 1 });
  const plan = await adminCall('POST', '/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  sim.admin.clearFaults();
  const started = await adminCall('POST', '/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [],
    exclude: [],
  });
  expect(started.status).toBe('needs_confirmation');
  return started.runId as number;
}

describe('audit coverage: one entry per action (issue 15)', () => {
  it('configuration: create, update, test (测试连接), and their entries', async () => {
    expect(
      await actionsOf(() =>
        adminCall('POST', '/sys/thirdApp/config', {
          thirdType: 'wechat_enterprise',
          agentId: sim.credentials.agentId,
          clientId: sim.credentials.corpId,
          clientSecret: sim.credentials.secret,
          contactSecret: sim.credentials.contactSecret,
          callbackToken: CALLBACK_TOKEN,
          encodingAesKey: AES_KEY,
        }),
      ),
    ).toEqual(['third_app.config_created']);
    expect(
      await actionsOf(() =>
        adminCall('PUT', '/sys/thirdApp/config', {
          thirdType: 'wechat_enterprise',
          clientSecret: sim.credentials.secret,
          syncPolicy: { unboundLogin: 'link' },
        }),
      ),
    ).toEqual(['third_app.config_updated']);
    const tested = await audited(() =>
      adminCall('POST', '/sys/thirdApp/config/test?thirdType=wechat_enterprise'),
    );
    expect(tested.map((e) => e.action)).toEqual(['third_app.config_tested']);
    expect(tested[0]).toMatchObject({ actorUserId: admin.id, tenantId: tenant.id });
    expect(tested[0]!.details).toMatchObject({ thirdType: 'wechat_enterprise' });
  });

  it('sync: apply, confirm, cancel and a run started by hand', async () => {
    const plan = await adminCall('POST', '/sys/thirdApp/sync/preview', {
      thirdType: 'wechat_enterprise',
    });
    let runId = 0;
    const applied = await audited(async () => {
      runId = (
        await adminCall('POST', '/sys/thirdApp/sync/apply', {
          planId: plan.planId,
          pairs: [],
          exclude: [],
        })
      ).runId;
      expect((await waitRun(runId)).status).toBe('succeeded');
    });
    // The run's own writes (accounts, bindings) are not audited one by one.
    expect(applied.map((e) => e.action)).toEqual(['sync.applied']);
    expect(applied[0]).toMatchObject({ targetType: 'sync_run', targetId: String(runId) });

    const toConfirm = await stoppedRun();
    expect(
      await actionsOf(async () => {
        await adminCall('POST', `/sys/thirdApp/sync/runs/${toConfirm}/confirm`);
        await waitRun(toConfirm);
      }),
    ).toEqual(['sync.confirmed']);

    const toCancel = await stoppedRun();
    const cancelled = await audited(() =>
      adminCall('POST', `/sys/thirdApp/sync/runs/${toCancel}/cancel`),
    );
    expect(cancelled.map((e) => e.action)).toEqual(['sync.cancelled']);
    expect(cancelled[0]!.details).toMatchObject({ stoppedBy: 'sync.partial_read' });
    // Decided once: a second cancel or a confirm is refused and writes nothing.
    expect(
      await actionsOf(async () => {
        const again = await t.call(
          'POST',
          `/sys/thirdApp/sync/runs/${toCancel}/cancel`,
          undefined,
          as(admin.token),
        );
        expect(again.body.errorCode).toBe('sync.not_awaiting_confirmation');
        const confirm = await t.call(
          'POST',
          `/sys/thirdApp/sync/runs/${toCancel}/confirm`,
          undefined,
          as(admin.token),
        );
        expect(confirm.status).toBe(409);
      }),
    ).toEqual([]);

    expect(
      await actionsOf(async () => {
        const run = await adminCall('POST', '/sys/thirdApp/sync/run', {
          thirdType: 'wechat_enterprise',
        });
        await waitRun(run.runId);
      }),
    ).toEqual(['sync.started']);
  });

  it('users: add, edit, freeze, unfreeze; members: role, approve, refuse', async () => {
    let userId = 0;
    expect(
      await actionsOf(async () => {
        userId = (
          await adminCall('POST', '/sys/user/add', {
            username: uniq('audited'),
            realname: '审计 用户',
            password: DEFAULT_PASSWORD,
          })
        ).id;
      }),
    ).toEqual(['user.add']);
    expect(
      await actionsOf(() =>
        adminCall('POST', '/sys/user/edit', { id: userId, realname: '审计 用户二' }),
      ),
    ).toEqual(['user.edit']);
    expect(
      await actionsOf(() => adminCall('POST', '/sys/user/freeze', { userId, frozen: true })),
    ).toEqual(['user.freeze']);
    expect(
      await actionsOf(() => adminCall('POST', '/sys/user/freeze', { userId, frozen: false })),
    ).toEqual(['user.unfreeze']);
    expect(
      await actionsOf(() =>
        adminCall('POST', '/sys/tenant/members/role', { userId, role: 'admin' }),
      ),
    ).toEqual(['member.role']);

    const other = await t.factories.tenant();
    for (const decision of ['approve', 'refuse'] as const) {
      const applicant = await t.factories.user(other.id);
      await ok(
        t.call(
          'POST',
          '/sys/tenant/join',
          { houseNumber: tenant.houseNumber },
          as(applicant.token),
        ),
      );
      expect(
        await actionsOf(() =>
          adminCall('POST', `/sys/tenant/members/${decision}`, { userId: applicant.id }),
        ),
      ).toEqual([`member.${decision}`]);
    }
  });

  it('bindings: bind (link by password), unbind by the admin and by the member, link consent', async () => {
    // A WeCom member nobody is bound to yet, and an account of the tenant to link it to.
    const newbie = sim.admin.addUser({ userid: uniq('newbie'), name: '新人', department: [1] });
    const user = await t.factories.user(tenant.id);
    secrets.push(user.token);
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid: newbie.userid });
    expect(fragment.link).toBeDefined();
    secrets.push(fragment.link!);
    const linked = await audited(() =>
      ok(
        t.call('POST', '/sys/thirdLogin/link', {
          linkToken: fragment.link,
          username: user.username,
          password: DEFAULT_PASSWORD,
        }),
      ),
    );
    // Binding, then the sign-in it opens: one entry each.
    expect(linked.map((e) => e.action)).toEqual(['third_login.linked', 'auth.login_wecom']);

    expect(
      await actionsOf(() =>
        ok(t.call('DELETE', '/sys/user/wecomBinding', undefined, as(user.token))),
      ),
    ).toEqual(['third_login.self_unbound']);

    const bound = await t.factories.user(tenant.id);
    const bindingId = await bindMember(t.db, {
      tenantId: tenant.id,
      userId: bound.id,
      corpId: sim.credentials.corpId,
      extUserId: uniq('boundExt'),
    });
    expect(
      await actionsOf(() => adminCall('DELETE', `/sys/thirdApp/bindings/${bindingId}`)),
    ).toEqual(['third_app.binding_removed']);

    // Link requests as a sync leaves them, answered by the accounts' owners.
    const home = await t.factories.tenant();
    for (const answer of ['accept', 'refuse'] as const) {
      const owner = await t.factories.user(home.id);
      const [request] = await t.db
        .insert(linkRequests)
        .values({
          tenantId: tenant.id,
          thirdType: 'wechat_enterprise',
          corpId: sim.credentials.corpId,
          extUserId: uniq('asked'),
          extName: '被请求',
          userId: owner.id,
        })
        .returning({ id: linkRequests.id });
      expect(
        await actionsOf(() =>
          ok(
            t.call(
              'POST',
              `/sys/user/linkRequests/${request!.id}/${answer}`,
              undefined,
              as(owner.token),
            ),
          ),
        ),
      ).toEqual([answer === 'accept' ? 'link_request.accepted' : 'link_request.refused']);
    }
  });

  it('sends: one entry per send (not per recipient), with counts and outcome, never the body', async () => {
    // Members the sync bound above.
    const bound = await adminCall('GET', '/sys/thirdApp/bindings?pageSize=100');
    const usernames = (bound.records as { username: string | null; active: boolean }[])
      .filter((r) => r.active && r.username)
      .slice(0, 3)
      .map((r) => r.username!);
    expect(usernames).toHaveLength(3);
    const pushed = await audited(() =>
      adminCall('POST', '/sys/thirdApp/sendMessageTest', {
        app: 'WECHAT_ENTERPRISE',
        receiver: [...usernames, 'ghost_user'].join(','),
        content: BODY,
      }),
    );
    expect(pushed.map((e) => e.action)).toEqual(['message.sent']);
    expect(pushed[0]).toMatchObject({
      actorUserId: admin.id,
      tenantId: tenant.id,
      targetType: 'message',
    });
    const details = pushed[0]!.details as { recipients: Record<string, number> };
    expect(details).toMatchObject({ source: 'push_api', outcome: 'partial', msgtype: 'text' });
    expect(details.recipients.delivered).toBeGreaterThan(0);
    expect(details.recipients.unbound).toBeGreaterThan(0);
    expect(String((pushed[0]!.details as { messageId: number }).messageId)).toBe(
      pushed[0]!.targetId,
    );

    const composed = await audited(() =>
      adminCall('POST', '/sys/thirdApp/messages', {
        thirdType: 'wechat_enterprise',
        msgtype: 'textcard',
        textcard: { title: '审计', description: CARD_BODY, url: 'https://example.com/a' },
        toUsers: usernames,
      }),
    );
    expect(composed.map((e) => e.action)).toEqual(['message.sent']);
    expect(composed[0]!.details).toMatchObject({ source: 'composer', msgtype: 'textcard' });

    // A send nothing could be delivered by is a send too (answered 400), audited once.
    const refused = await audited(async () => {
      const res = await t.call(
        'POST',
        '/sys/thirdApp/sendMessageTest',
        { app: 'WECHAT_ENTERPRISE', receiver: 'ghost_user', content: BODY },
        as(admin.token),
      );
      expect(res.status).toBe(400);
    });
    expect(refused.map((e) => e.action)).toEqual(['message.sent']);
    expect(refused[0]!.details).toMatchObject({ outcome: 'not_sent' });
    // A request refused before anything was sent is no send.
    expect(
      await actionsOf(() =>
        t.call(
          'POST',
          '/sys/thirdApp/sendMessageTest',
          { app: 'WECHAT_ENTERPRISE', receiver: '', content: BODY },
          as(admin.token),
        ),
      ),
    ).toEqual([]);
  });

  it('connector sign-in: one entry per sign-in', async () => {
    const member = sim.admin.listUsers().find((u) => u.status === 1)!;
    const { fragment } = await weComSignIn(t, { tenantId: tenant.id, userid: member.userid });
    expect(fragment.ticket).toBeDefined();
    const signedIn = await audited(async () => {
      const out = await ok(t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket }));
      secrets.push(out.token as string, fragment.ticket!);
    });
    expect(signedIn.map((e) => e.action)).toEqual(['auth.login_wecom']);
    expect(signedIn[0]).toMatchObject({ tenantId: tenant.id });
  });

  it('API keys: create, revoke, use denied; password reset', async () => {
    let key: { id: number; key: string } = { id: 0, key: '' };
    expect(
      await actionsOf(async () => {
        key = await adminCall('POST', '/sys/apiKeys', {
          name: uniq('audited key'),
          permissions: ['messages:send'],
        });
      }),
    ).toEqual(['api_key.created']);
    // The public prefix (obk_xxxxxxxx) names the key in entries by design; the rest never appears.
    secrets.push(key.key.slice('obk_xxxxxxxx_'.length));
    expect(
      await actionsOf(async () => {
        const res = await t.call('GET', '/sys/user/list', undefined, as(key.key));
        expect(res.status).toBe(403);
      }),
    ).toEqual(['api_key.use_denied']);
    expect(await actionsOf(() => adminCall('DELETE', `/sys/apiKeys/${key.id}`))).toEqual([
      'api_key.revoked',
    ]);

    const member = await t.factories.user(tenant.id);
    let once = '';
    expect(
      await actionsOf(async () => {
        once = (await adminCall('POST', '/sys/user/resetPassword', { userId: member.id })).password;
      }),
    ).toEqual(['user.reset_password']);
    secrets.push(once);
  });

  it('configuration: delete, last', async () => {
    expect(
      await actionsOf(() =>
        adminCall('DELETE', '/sys/thirdApp/config?thirdType=wechat_enterprise'),
      ),
    ).toEqual(['third_app.config_deleted']);
  });

  it('no entry holds a secret, token, password or message body', async () => {
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.tenantId, [tenant.id]));
    expect(rows.length).toBeGreaterThan(20);
    const text = JSON.stringify(rows);
    for (const s of secrets) expect(text, `audit log holds "${s.slice(0, 6)}…"`).not.toContain(s);
    // Nor a slice long enough to recognise (e.g. the masked "******" + last 4 is not needed).
    for (const s of secrets.filter((x) => x.length >= 16))
      expect(text).not.toContain(s.slice(0, 12));
  });
});
