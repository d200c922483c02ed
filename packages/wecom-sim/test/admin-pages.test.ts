import { describe, expect, it } from 'vitest';
import { call, token, useSimulator } from './helpers';

const sim = await useSimulator({ homeUrl: 'http://localhost:3000/' });
const json = async (path: string, method = 'GET', body?: unknown) => {
  const res = await fetch(`${sim.url}/sim/admin/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
};

describe('admin HTTP API', () => {
  it('mutates the org as WeCom would show it to API callers', async () => {
    expect((await json('credentials')).body).toEqual(sim.credentials);
    expect(
      (await json('departments', 'POST', { id: 700, name: '法务二部', parentid: 1 })).status,
    ).toBe(200);
    expect((await json('departments', 'POST', { name: '法务二部', parentid: 1 })).status).toBe(409);
    expect(
      (await json('users', 'POST', { userid: 'LiSi', name: '李四', department: [700] })).status,
    ).toBe(200);
    expect(
      (await json('users', 'POST', { userid: 'lisi', name: '李四', department: [1] })).body,
    ).toMatchObject({ errcode: 60102 });
    expect(
      (await json('users/lisi', 'PATCH', { name: '李四四', position: '律师' })).body,
    ).toMatchObject({ userid: 'LiSi', name: '李四四' });
    const t = await token(sim);
    const list = await call(sim, 'user/simplelist', { token: t, query: { department_id: '700' } });
    expect(list.body.userlist).toEqual([{ userid: 'LiSi', name: '李四四', department: [700] }]);
    expect((await json('departments/700', 'DELETE')).body).toMatchObject({ errcode: 60005 });
    expect((await json('users/LiSi', 'DELETE')).status).toBe(200);
    expect((await json('departments/700', 'DELETE')).status).toBe(200);
    expect(
      (await call(sim, 'department/get', { token: t, query: { id: '700' } })).body.errcode,
    ).toBe(60003);
  });

  it('exposes messages, counts, knobs and faults', async () => {
    const t = await token(sim);
    const user = (await json('users?limit=5')).body as unknown as {
      users: { userid: string; status: number }[];
    };
    const target = user.users.find((u) => u.status === 1)!.userid;
    await call(sim, 'message/send', {
      token: t,
      body: {
        touser: target,
        msgtype: 'text',
        agentid: sim.credentials.agentId,
        text: { content: '你好' },
      },
    });
    expect((await json(`messages?userid=${target}`)).body).toMatchObject([
      { msgtype: 'text', delivered: true },
    ]);
    expect((await json('counts')).body['/cgi-bin/message/send']).toBe(1);
    expect((await json('counts', 'DELETE')).status).toBe(200);
    expect((await json('counts')).body).toEqual({});
    expect(
      (await json('faults', 'POST', { api: 'department/list', errcode: -1, times: 1 })).status,
    ).toBe(200);
    expect((await json('faults', 'POST', { kind: 'nonsense' })).status).toBe(400);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(-1);
    expect((await json('tokens/expire', 'POST', { errcode: 40014 })).body).toEqual({ expired: 1 });
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(40014);
    expect((await json('trusted-ips', 'PUT', { ips: ['10.1.1.1'] })).status).toBe(200);
    expect((await call(sim, 'department/list', { token: await token(sim) })).body.errcode).toBe(
      60020,
    );
    expect((await json('reset', 'POST')).status).toBe(200);
    expect((await call(sim, 'department/list', { token: await token(sim) })).body.errcode).toBe(0);
  });
});

describe('member page', () => {
  it('lists members with search and paging, and shows what each received', async () => {
    const t = await token(sim);
    const member = sim.admin.listUsers().find((u) => u.status === 1)!;
    await call(sim, 'message/send', {
      token: t,
      body: {
        touser: member.userid,
        msgtype: 'text',
        agentid: sim.credentials.agentId,
        text: { content: '<b>周报提醒</b>' },
      },
    });
    const list = await (await fetch(`${sim.url}/sim/?q=${encodeURIComponent(member.name)}`)).text();
    expect(list).toContain(member.userid);
    expect(list).toContain('以此成员身份打开应用');
    const page2 = await (await fetch(`${sim.url}/sim/?page=2`)).text();
    expect(page2).toContain('第 2 / 6 页，共 300 人');
    const inbox = await (
      await fetch(`${sim.url}/sim/members/${encodeURIComponent(member.userid)}`)
    ).text();
    expect(inbox).toContain('&lt;b&gt;周报提醒&lt;/b&gt;');
    expect(inbox).toContain('已送达');
  });
});
