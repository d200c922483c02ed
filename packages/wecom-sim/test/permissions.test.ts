import { beforeEach, describe, expect, it } from 'vitest';
import { call, token, useSimulator } from './helpers';

const sim = await useSimulator({ users: 400, departments: 40 });
const { admin } = sim;

beforeEach(() => admin.reset());

/** A department with a child and direct members, so range checks have something to include and exclude. */
function pickBranch() {
  const depts = admin.listDepartments();
  const branch = depts.find(
    (d) =>
      d.parentid === 1 &&
      depts.some((c) => c.parentid === d.id) &&
      admin.membersOf(d.id).length > 0,
  );
  if (!branch) throw new Error('no suitable department');
  return branch;
}

describe('visible range (可见范围) of a self-built app', () => {
  it('limits department and member reads to the range and its descendants', async () => {
    const branch = pickBranch();
    admin.setVisibleRange({ departments: [branch.id] });
    const t = await token(sim);
    const list = await call(sim, 'department/list', { token: t });
    const ids = (list.body.department as { id: number }[]).map((d) => d.id);
    expect(ids).toContain(branch.id);
    expect(ids).not.toContain(1);
    expect((await call(sim, 'department/get', { token: t, query: { id: '1' } })).body.errcode).toBe(
      60011,
    );
    expect(
      (await call(sim, 'user/list', { token: t, query: { department_id: '1' } })).body.errcode,
    ).toBe(60011);
    expect(
      (await call(sim, 'department/get', { token: t, query: { id: '99999' } })).body.errcode,
    ).toBe(60003);
    const outsider = admin.listUsers().find((u) => !u.department.some((d) => ids.includes(d)));
    const insider = admin.membersOf(branch.id)[0];
    expect(
      (await call(sim, 'user/get', { token: t, query: { userid: outsider!.userid } })).body.errcode,
    ).toBe(60011);
    expect(
      (await call(sim, 'user/get', { token: t, query: { userid: insider!.userid.toUpperCase() } }))
        .body.userid,
    ).toBe(insider!.userid);
  });

  it('includes individually listed members', async () => {
    const branch = pickBranch();
    const outsider = admin.listUsers().find((u) => !u.department.includes(branch.id))!;
    admin.setVisibleRange({ departments: [branch.id], users: [outsider.userid] });
    const r = await call(sim, 'user/get', {
      token: await token(sim),
      query: { userid: outsider.userid },
    });
    expect(r.body.errcode).toBe(0);
  });

  it('returns direct members only from user/simplelist and user/list', async () => {
    const t = await token(sim);
    const r = await call(sim, 'user/simplelist', {
      token: t,
      query: { department_id: '1', fetch_child: '1' },
    });
    const direct = admin.membersOf(1).map((u) => u.userid);
    expect((r.body.userlist as { userid: string }[]).map((u) => u.userid)).toEqual(direct);
    expect((await call(sim, 'user/list', { token: t, query: {} })).body.errcode).toBe(41019);
  });
});

describe('app secret versus contacts-sync secret', () => {
  it('forbids user/list_id for the app secret (48002) and pages it for the sync secret', async () => {
    expect(
      (await call(sim, 'user/list_id', { token: await token(sim), body: {} })).body.errcode,
    ).toBe(48002);
    const t = await token(sim, sim.credentials.contactSecret);
    const rows: { userid: string; department: number }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await call(sim, 'user/list_id', {
        token: t,
        body: { limit: 150, ...(cursor ? { cursor } : {}) },
      });
      expect(r.body.errcode).toBe(0);
      rows.push(...(r.body.dept_user as typeof rows));
      cursor = r.body.next_cursor as string;
      pages++;
    } while (cursor);
    const expected = admin.listUsers().reduce((n, u) => n + u.department.length, 0);
    expect(rows).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 150));
    expect(
      (await call(sim, 'user/list_id', { token: t, body: { cursor: 'bogus' } })).body.errcode,
    ).toBe(50100);
    expect(
      (await call(sim, 'user/list_id', { token: t, body: { limit: 10001 } })).body.errcode,
    ).toBe(40058);
  });

  it('refuses detail reads of the sync secret from a new IP (48009) but allows the id lists', async () => {
    const t = await token(sim, sim.credentials.contactSecret);
    for (const [path, query] of [
      ['user/get', { userid: 'x' }],
      ['user/list', { department_id: '1' }],
      ['department/list', {}],
      ['department/get', { id: '1' }],
    ] as const) {
      expect((await call(sim, path, { token: t, query })).body.errcode).toBe(48009);
    }
    expect((await call(sim, 'department/simplelist', { token: t })).body.errcode).toBe(0);
    admin.setContactSyncNewIp(false);
    expect(
      (await call(sim, 'user/list', { token: t, query: { department_id: '1' } })).body.errcode,
    ).toBe(0);
  });

  it('forbids message/send with the sync secret (48002)', async () => {
    const t = await token(sim, sim.credentials.contactSecret);
    const r = await call(sim, 'message/send', {
      token: t,
      body: {
        touser: '@all',
        msgtype: 'text',
        agentid: sim.credentials.agentId,
        text: { content: 'x' },
      },
    });
    expect(r.body.errcode).toBe(48002);
  });
});

describe('apps created after 2022-06-20', () => {
  it('omits sensitive fields, which a legacy app still receives', async () => {
    const t = await token(sim);
    const user = admin.listUsers()[0]!;
    const fresh = (await call(sim, 'user/get', { token: t, query: { userid: user.userid } })).body;
    for (const key of [
      'mobile',
      'email',
      'avatar',
      'gender',
      'biz_mail',
      'qr_code',
      'address',
      'thumb_avatar',
    ]) {
      expect(fresh).not.toHaveProperty(key);
    }
    expect(fresh).toMatchObject({
      userid: user.userid,
      name: user.name,
      status: user.status,
      main_department: user.mainDepartment,
    });
    admin.setCreatedAfter20220620(false);
    const legacy = (await call(sim, 'user/get', { token: t, query: { userid: user.userid } })).body;
    expect(legacy).toMatchObject({
      mobile: user.mobile,
      gender: user.gender,
      isleader: expect.any(Number),
      enable: expect.any(Number),
    });
  });

  it('enforces 企业可信IP on business APIs (60020 with the caller IP) but not on gettoken', async () => {
    admin.setTrustedIps(['10.0.0.1']);
    const t = await token(sim);
    const r = await call(sim, 'department/list', { token: t });
    expect(r.body.errcode).toBe(60020);
    expect(r.body.errmsg).toMatch(
      /^not allow to access from your ip, hint: \[\d{25}\], from ip: 127\.0\.0\.1, /,
    );
    admin.setTrustedIps(['10.0.0.1', '127.0.0.1']);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(0);
  });
});
