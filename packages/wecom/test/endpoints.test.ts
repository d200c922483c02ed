import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildOAuthAuthorizeUrl,
  buildQrLoginUrl,
  DepartmentSchema,
  UserSchema,
  type WeComClient,
} from '../src/index';
import { appClient, contactClient, count, errorOf, startSim, type Simulator } from './helpers';

let sim: Simulator;
let app: WeComClient;
beforeAll(async () => {
  sim = await startSim({ users: 120, departments: 12 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.admin.reset();
  app = appClient(sim);
});

const active = () => sim.admin.listUsers().filter((u) => u.status === 1);

describe('departments', () => {
  it('list, simplelist and get agree with the organisation', async () => {
    const all = sim.admin.listDepartments();
    const list = await app.department.list();
    expect(list.map((d) => d.id).sort((a, b) => a - b)).toEqual(
      all.map((d) => d.id).sort((a, b) => a - b),
    );
    expect(list.every((d) => Value.Check(DepartmentSchema, d))).toBe(true);
    const simple = await app.department.simplelist();
    expect(simple).toHaveLength(all.length);
    const root = await app.department.get(1);
    expect(root).toMatchObject({ id: 1, parentId: 0 });
    const child = all.find((d) => d.parentid === 1)!;
    const sub = await app.department.list(child.id);
    expect(sub.map((d) => d.id)).toContain(child.id);
    expect(sub.length).toBeLessThan(all.length);
  });

  it('unknown department → input error 60003 (not retried)', async () => {
    await expect(app.department.get(987654)).rejects.toMatchObject({
      errcode: 60003,
      kind: 'input',
    });
  });
});

describe('members', () => {
  it('simplelist and list return the direct members of a department', async () => {
    const dept = sim.admin.listDepartments().find((d) => sim.admin.membersOf(d.id).length > 0)!;
    const expected = sim.admin
      .membersOf(dept.id)
      .map((u) => u.userid)
      .sort();
    const brief = await app.user.simplelist(dept.id);
    expect(brief.map((u) => u.userId).sort()).toEqual(expected);
    const full = await app.user.list(dept.id);
    expect(full.map((u) => u.userId).sort()).toEqual(expected);
    expect(full.every((u) => Value.Check(UserSchema, u))).toBe(true);
    // New self-built app (after 2022-06-20): sensitive fields are absent, not empty.
    expect(full[0]).not.toHaveProperty('mobile');
    expect(full[0]).not.toHaveProperty('gender');
  });

  it('get decodes gender as a number for legacy apps', async () => {
    sim.admin.setCreatedAfter20220620(false);
    const u = active()[0]!;
    const got = await app.user.get(u.userid);
    expect(got).toMatchObject({
      userId: u.userid,
      name: u.name,
      gender: Number(u.gender),
      mobile: u.mobile,
    });
    expect(Value.Check(UserSchema, got)).toBe(true);
  });

  it('list_id pages with cursors over every (member, department) pair', async () => {
    const contacts = contactClient(sim);
    const rows = [];
    for await (const row of contacts.user.listAllIds(25)) rows.push(row);
    const expected = sim.admin
      .listUsers()
      .flatMap((u) => u.department.map((d) => `${u.userid}@${d}`))
      .sort();
    expect(rows.map((r) => `${r.userId}@${r.departmentId}`).sort()).toEqual(expected);
    expect(count(sim, 'user/list_id')).toBe(Math.ceil(expected.length / 25));
    const first = await contacts.user.listId(undefined, 10);
    expect(first.rows).toHaveLength(10);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await contacts.user.listId(first.nextCursor!, 10);
    expect(second.rows[0]).toEqual(rows[10]);
  });

  it('a bad cursor is an input error (50100)', async () => {
    await expect(contactClient(sim).user.listId('garbage', 10)).rejects.toMatchObject({
      errcode: 50100,
    });
  });
});

describe('messages', () => {
  it('sends to members (array or "|" list), reports invalid ones lower-cased, and recalls', async () => {
    const [a, b] = active();
    const res = await app.message.send({
      touser: [a!.userid, b!.userid, 'Ghost'],
      agentid: sim.credentials.agentId,
      msgtype: 'text',
      text: { content: '你好' },
    });
    expect(res.msgId).toBeTruthy();
    expect(res.invalidUsers).toEqual(['ghost']);
    expect(sim.admin.messagesFor(a!.userid)).toHaveLength(1);
    await app.message.recall(res.msgId);
    expect(count(sim, 'message/recall')).toBe(1);
  });

  it('empty recipients → 82001 (input)', async () => {
    const err = await errorOf(
      app.message.send({
        agentid: sim.credentials.agentId,
        msgtype: 'markdown',
        markdown: { content: 'x' },
      }),
    );
    expect(err).toMatchObject({ errcode: 82001, kind: 'input' });
  });
});

describe('sign-in', () => {
  const redirectUri = 'http://localhost:3000/sys/thirdLogin/oauth2/wechat_enterprise/callback';

  async function follow(url: string): Promise<URL> {
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  it('in-app OAuth: authorize URL → code → member; the code works once', async () => {
    const user = active()[0]!;
    const url = buildOAuthAuthorizeUrl({
      oauthBase: sim.url,
      corpId: sim.credentials.corpId,
      redirectUri,
      state: 'st4te',
      agentId: sim.credentials.agentId,
    });
    const back = await follow(
      `${url.replace('#wechat_redirect', '')}&sim_userid=${user.userid}#wechat_redirect`,
    );
    expect(back.searchParams.get('state')).toBe('st4te');
    const code = back.searchParams.get('code')!;
    expect(await app.auth.getUserInfo(code)).toEqual({ kind: 'member', userId: user.userid });
    await expect(app.auth.getUserInfo(code)).rejects.toMatchObject({
      errcode: 40029,
      kind: 'input',
    });
  });

  it('QR/web login URL → code → member', async () => {
    const user = active()[1]!;
    const url = buildQrLoginUrl({
      loginBase: sim.url,
      corpId: sim.credentials.corpId,
      agentId: sim.credentials.agentId,
      redirectUri,
      state: 'q1',
    });
    const back = await follow(`${url}&sim_userid=${user.userid}`);
    const who = await app.auth.getUserInfo(back.searchParams.get('code')!);
    expect(who).toEqual({ kind: 'member', userId: user.userid });
  });

  it('snsapi_privateinfo: user_ticket → getUserDetail', async () => {
    const user = active()[2]!;
    const url = buildOAuthAuthorizeUrl({
      oauthBase: sim.url,
      corpId: sim.credentials.corpId,
      redirectUri,
      state: 'p',
      agentId: sim.credentials.agentId,
      scope: 'snsapi_privateinfo',
    });
    const back = await follow(`${url.replace('#wechat_redirect', '')}&sim_userid=${user.userid}`);
    const who = await app.auth.getUserInfo(back.searchParams.get('code')!);
    expect(who.kind).toBe('member');
    if (who.kind !== 'member') return;
    expect(who.userTicket).toBeTruthy();
    const detail = await app.auth.getUserDetail(who.userTicket!);
    expect(detail.userId).toBe(user.userid);
    expect(detail).not.toHaveProperty('name');
  });
});
