import { describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

const admin = (url: string, path: string, method: string, body?: unknown) =>
  fetch(`${url}/sim/admin${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

describe('admin API and pages', async () => {
  const sim = await useSimulator({ homeUrl: 'http://app.example/' });

  it('answers bad input with 400 and a message that says what to fix', async () => {
    const res = await admin(sim.url, '/users', 'POST', { userid: 'x', name: '', deptIds: [1] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/name/);
    const fault = await admin(sim.url, '/faults', 'POST', { kind: 'explode' });
    expect(fault.status).toBe(400);
    const dept = await admin(sim.url, '/departments/abc', 'DELETE');
    expect(dept.status).toBe(400);
  });

  it('adds, changes and removes members and departments', async () => {
    expect(
      (await admin(sim.url, '/departments', 'POST', { name: '新部门', parentId: 1, deptId: 900 }))
        .status,
    ).toBe(200);
    expect(
      (await admin(sim.url, '/users', 'POST', { userid: 'zz1', name: '甲', deptIds: [900] }))
        .status,
    ).toBe(200);
    expect(
      (await admin(sim.url, '/users', 'POST', { userid: 'zz1', name: '甲', deptIds: [900] }))
        .status,
    ).toBe(409);
    expect((await admin(sim.url, '/departments/900', 'DELETE')).status).toBe(409);
    expect((await admin(sim.url, '/users/zz1', 'DELETE')).status).toBe(200);
    expect(sim.admin.listLeft().some((u) => u.userid === 'zz1')).toBe(true);
    expect((await admin(sim.url, '/departments/900', 'DELETE')).status).toBe(200);
  });

  it('shows a member inbox and marks it read', async () => {
    const u = sim.admin.listUsers()[0]!;
    const page = await fetch(`${sim.url}/sim/member/${u.userid}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('以该成员身份打开应用');
    expect((await fetch(`${sim.url}/sim/member/nobody`)).status).toBe(404);
    const list = await fetch(`${sim.url}/sim/?q=${encodeURIComponent(u.name)}`);
    expect(await list.text()).toContain(u.userid);
  });

  it('escapes member names in pages', async () => {
    sim.admin.addUser({ userid: 'xss', name: '<script>alert(1)</script>', deptIds: [1] });
    const html = await (await fetch(`${sim.url}/sim/member/xss`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
  });
});
