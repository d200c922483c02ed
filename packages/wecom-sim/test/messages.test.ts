import { beforeEach, describe, expect, it } from 'vitest';
import { activeUser, call, token, useSimulator } from './helpers';

const sim = await useSimulator({ users: 300, departments: 20 });
const { admin } = sim;
const agentid = sim.credentials.agentId;
const text = (extra: Record<string, unknown>) => ({
  msgtype: 'text',
  agentid,
  text: { content: 'hello' },
  ...extra,
});

beforeEach(() => admin.reset());

describe('message/send', () => {
  it('delivers to members, reports a msgid and an empty invaliduser, and records per-member inboxes', async () => {
    const user = activeUser(sim);
    const r = await call(sim, 'message/send', {
      token: await token(sim),
      body: text({ touser: user.userid.toUpperCase() }),
    });
    expect(r.body).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: '' });
    expect(r.body).not.toHaveProperty('invalidparty');
    expect(r.body.msgid).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(admin.messagesFor(user.userid)).toMatchObject([
      { msgid: r.body.msgid, delivered: true, content: { content: 'hello' } },
    ]);
  });

  it('lists invalid recipients lower-cased and fails with 81013 only when all are invalid', async () => {
    const t = await token(sim);
    const user = activeUser(sim);
    const partial = await call(sim, 'message/send', {
      token: t,
      body: text({ touser: `${user.userid}|GhostUser`, toparty: '99999', totag: '5' }),
    });
    expect(partial.body).toMatchObject({
      errcode: 0,
      invaliduser: 'ghostuser',
      invalidparty: '99999',
      invalidtag: '5',
    });
    const none = await call(sim, 'message/send', {
      token: t,
      body: text({ touser: 'GhostA|GhostB' }),
    });
    expect(none.body).toMatchObject({ errcode: 81013, invaliduser: 'ghosta|ghostb' });
    expect(none.body.errmsg).toMatch(/^user & party & tag all invalid, hint:/);
  });

  it('enforces recipient limits and requires some recipient', async () => {
    const t = await token(sim);
    const many = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join('|');
    const send = async (body: Record<string, unknown>) =>
      (await call(sim, 'message/send', { token: t, body: text(body) })).body.errcode;
    expect(await send({ touser: many(1001) })).toBe(40032);
    expect(await send({ toparty: many(101) })).toBe(82002);
    expect(await send({ totag: many(101) })).toBe(82003);
    expect(await send({ touser: '', toparty: '', totag: '' })).toBe(82001);
    expect(await send({ touser: ' | ' })).toBe(82001);
  });

  it('sends @all to every active member in the visible range and toparty to the subtree', async () => {
    const t = await token(sim);
    const r = await call(sim, 'message/send', {
      token: t,
      body: text({ touser: '@all', toparty: '99999' }),
    });
    expect(r.body).not.toHaveProperty('invalidparty');
    const reached = admin.allMessages().at(-1)!.delivered.length;
    expect(reached).toBe(admin.listUsers().filter((u) => u.status !== 2 && u.status !== 5).length);
    const party = admin.listDepartments().find((d) => d.parentid === 1)!.id;
    await call(sim, 'message/send', { token: t, body: text({ toparty: String(party) }) });
    const subtree = new Set<number>([party]);
    for (const d of admin.listDepartments()) if (subtree.has(d.parentid)) subtree.add(d.id);
    const expected = admin
      .listUsers()
      .filter((u) => u.status !== 2 && u.status !== 5 && u.department.some((d) => subtree.has(d)));
    expect(admin.allMessages().at(-1)!.delivered.length).toBe(expected.length);
  });

  it('checks agentid: missing 41011, string 40056, another app 301002', async () => {
    admin.addApp({ agentId: 1000099 });
    const t = await token(sim);
    const user = activeUser(sim).userid;
    const send = async (agent: unknown) =>
      (
        await call(sim, 'message/send', {
          token: t,
          body: { ...text({ touser: user }), agentid: agent },
        })
      ).body;
    expect((await send(undefined)).errcode).toBe(41011);
    expect((await send(String(agentid))).errcode).toBe(40056);
    const other = await send(1000099);
    expect(other.errcode).toBe(301002);
    expect(other.errmsg).toMatch(/^not allow operate another agent with this accesstoken\., hint/);
    expect((await send(42)).errcode).toBe(40056);
  });

  it('silently drops beyond 30 messages per member per minute and records the drop', async () => {
    const t = await token(sim);
    const user = activeUser(sim).userid;
    for (let i = 0; i < 32; i++) {
      expect(
        (await call(sim, 'message/send', { token: t, body: text({ touser: user }) })).body.errcode,
      ).toBe(0);
    }
    const inbox = admin.messagesFor(user);
    expect(inbox.filter((m) => m.delivered)).toHaveLength(30);
    expect(inbox.filter((m) => !m.delivered).map((m) => m.dropReason)).toEqual([
      'minute-limit',
      'minute-limit',
    ]);
    expect(admin.allMessages().at(-1)!.dropped).toEqual([{ userid: user, reason: 'minute-limit' }]);
    admin.advanceClock(61_000);
    await call(sim, 'message/send', { token: t, body: text({ touser: user }) });
    expect(admin.messagesFor(user).at(-1)!.delivered).toBe(true);
  });

  it('silently drops beyond 1000 messages per member per hour', { timeout: 30_000 }, async () => {
    const t = await token(sim);
    const user = activeUser(sim).userid;
    for (let batch = 0; batch < 34; batch++) {
      await Promise.all(
        Array.from({ length: 30 }, () =>
          call(sim, 'message/send', { token: t, body: text({ touser: user }) }),
        ),
      );
      admin.advanceClock(61_000);
    }
    const inbox = admin.messagesFor(user);
    expect(inbox).toHaveLength(1020);
    expect(inbox.filter((m) => m.delivered)).toHaveLength(1000);
    expect(new Set(inbox.filter((m) => !m.delivered).map((m) => m.dropReason))).toEqual(
      new Set(['hour-limit']),
    );
  });

  it('drops duplicates inside the duplicate-check interval', async () => {
    const t = await token(sim);
    const body = text({
      touser: activeUser(sim).userid,
      enable_duplicate_check: 1,
      duplicate_check_interval: 60,
    });
    await call(sim, 'message/send', { token: t, body });
    await call(sim, 'message/send', { token: t, body });
    admin.advanceClock(61_000);
    await call(sim, 'message/send', { token: t, body });
    expect(admin.allMessages().map((m) => m.dropped.length)).toEqual([0, 1, 0]);
  });
});

describe('message/recall', () => {
  it('recalls within 24 h, refuses later (42052), refuses another app (40058)', async () => {
    const t = await token(sim);
    const user = activeUser(sim).userid;
    const send = async () =>
      (await call(sim, 'message/send', { token: t, body: text({ touser: user }) })).body
        .msgid as string;
    const first = await send();
    expect(
      (await call(sim, 'message/recall', { token: t, body: { msgid: first } })).body.errcode,
    ).toBe(0);
    expect(admin.messagesFor(user)[0]!.recalled).toBe(true);
    const second = await send();
    admin.advanceClock(24 * 3600 * 1000 + 1000);
    const later = await token(sim);
    expect(
      (await call(sim, 'message/recall', { token: later, body: { msgid: second } })).body.errcode,
    ).toBe(42052);
    admin.addApp({ agentId: 1000077 });
    const third = (await call(sim, 'message/send', { token: later, body: text({ touser: user }) }))
      .body.msgid;
    const other = await token(sim, admin.getApp(1000077).secret);
    expect(
      (await call(sim, 'message/recall', { token: other, body: { msgid: third } })).body.errcode,
    ).toBe(40058);
    expect((await call(sim, 'message/recall', { token: later, body: {} })).body.errcode).toBe(
      40063,
    );
  });
});
