import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../kit';
import { connect, useDingTalkSim } from './testing';

describe('DingTalk directory over the simulator', async () => {
  const sim = await useDingTalkSim();

  it('reads the whole seeded org: every department from root 1, every member incl. the 130 of department 2', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const progress: string[] = [];
    const snap = await instance.directory.read({
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(snap.partial).toBe(false);
    expect(snap.problems).toEqual([]);

    const depts = sim.admin.listDepartments();
    expect(snap.departments.map((d) => d.id).sort()).toEqual(
      depts.map((d) => String(d.deptId)).sort(),
    );
    const root = snap.departments.find((d) => d.id === '1');
    expect(root?.parentId).toBeNull();
    for (const d of depts.filter((x) => x.deptId !== 1))
      expect(snap.departments.find((x) => x.id === String(d.deptId))?.parentId).toBe(
        String(d.parentId),
      );

    const users = sim.admin.listUsers();
    expect(snap.members).toHaveLength(users.length);
    expect(new Set(snap.members.map((m) => m.userId))).toEqual(new Set(users.map((u) => u.userid)));
    // Department 2 has more than one page of 100: every one of them arrived.
    const inLarge = snap.members.filter((m) => m.departmentIds.includes('2'));
    expect(inLarge.length).toBe(sim.admin.membersOf(2).length);
    expect(inLarge.length).toBeGreaterThan(100);
    // Leavers are not listed; the sync decides what that means.
    const left = sim.admin.listLeft().map((u) => u.userid);
    expect(left.length).toBeGreaterThan(0);
    expect(snap.members.filter((m) => left.includes(m.userId))).toEqual([]);

    // One listsub per department, one user/list page per 100 direct members, plus root get.
    const pages = depts.reduce(
      (n, d) => n + Math.max(1, Math.ceil(sim.admin.membersOf(d.deptId).length / 100)),
      0,
    );
    expect(snap.requests).toBe(1 + depts.length + pages);
    expect(progress.at(-1)).toBe(`members ${depts.length}/${depts.length}`);
  });

  it('maps members with mobile, e-mail, several departments, leadership and activation', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const snap = await instance.directory.read();
    const byId = new Map(snap.members.map((m) => [m.userId, m]));
    for (const u of sim.admin.listUsers()) {
      const m = byId.get(u.userid)!;
      expect(m.name).toBe(u.name);
      expect(m.mobile).toBe(u.mobile);
      expect(m.email).toBe(u.email || null);
      expect(m.departmentIds).toEqual(u.deptIds.map(String));
      expect(m.mainDepartmentId).toBe(String(u.deptIds[0]));
      expect([...m.leaderOf].sort()).toEqual(u.leaderIn.map(String).sort());
      expect(m.status).toBe(u.active ? 'active' : 'inactive');
    }
    expect(snap.members.some((m) => m.departmentIds.length > 1)).toBe(true);
    expect(snap.members.some((m) => m.status === 'inactive')).toBe(true);
    expect(snap.members.some((m) => m.leaderOf.length > 0)).toBe(true);
  });

  it('leaves mobile out when the app lacks the mobile permission', async () => {
    sim.admin.reset();
    sim.admin.setMobilePermission(false);
    const { instance } = connect(sim);
    const snap = await instance.directory.read();
    expect(snap.members.every((m) => m.mobile === null)).toBe(true);
  });

  it('reports a department it could not read and marks the snapshot partial', async () => {
    sim.admin.reset();
    sim.admin.injectFault({
      api: 'topapi/v2/user/list',
      kind: 'errcode',
      errcode: 60011,
      times: 1,
    });
    const { instance } = connect(sim);
    const snap = await instance.directory.read();
    expect(snap.partial).toBe(true);
    expect(snap.problems).toHaveLength(1);
    expect(snap.problems[0]).toBeInstanceOf(ConnectorError);
    expect(snap.problems[0]?.kind).toBe('permission');
    expect(snap.problems[0]?.info.providerCode).toBe(60011);
    expect(snap.problems[0]?.info.explanation.en.fix.length).toBeGreaterThan(0);
  });

  it('stops when aborted and calls the snapshot partial, so no member looks like a leaver', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const ctl = new AbortController();
    const snap = await instance.directory.read({
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'members' && p.done === 2) ctl.abort();
      },
    });
    expect(snap.partial).toBe(true);
    expect(snap.members.length).toBeLessThan(sim.admin.listUsers().length);
  });

  it('reads from the contact scope’s departments when root 1 is outside it', async () => {
    sim.admin.reset();
    sim.admin.setContactScope({ deptIds: [2, 3], userIds: [] });
    const { instance } = connect(sim);
    const snap = await instance.directory.read();
    expect(snap.partial).toBe(false);
    const ids = snap.departments.map((d) => d.id);
    expect(ids).toContain('2');
    expect(ids).toContain('3');
    expect(ids).not.toContain('1');
    expect(
      snap.departments.filter((d) => d.id === '2' || d.id === '3').map((d) => d.parentId),
    ).toEqual([null, null]);
    expect(snap.members.length).toBeGreaterThanOrEqual(sim.admin.membersOf(2).length);
  });

  it('re-reads a member and a department, and answers null once they are gone', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const u = sim.admin.listUsers()[5]!;
    const m = await instance.directory.member(u.userid);
    expect(m).toMatchObject({ userId: u.userid, name: u.name, mobile: u.mobile });
    expect([...(m?.leaderOf ?? [])].sort()).toEqual(u.leaderIn.map(String).sort());
    const leaver = sim.admin.listLeft()[0]!;
    expect(await instance.directory.member(leaver.userid)).toBeNull();
    sim.admin.removeUser(u.userid);
    expect(await instance.directory.member(u.userid)).toBeNull();

    const d = sim.admin
      .listDepartments()
      .find(
        (x) =>
          x.deptId !== 1 &&
          sim.admin.membersOf(x.deptId).length === 0 &&
          !sim.admin.listDepartments().some((c) => c.parentId === x.deptId),
      );
    const dept = d ?? sim.admin.addDepartment({ name: '临时部门', parentId: 1 });
    expect(await instance.directory.department(String(dept.deptId))).toMatchObject({
      id: String(dept.deptId),
      name: dept.name,
      parentId: String(dept.parentId),
    });
    expect(await instance.directory.department('1')).toMatchObject({ id: '1', parentId: null });
    sim.admin.removeDepartment(dept.deptId);
    expect(await instance.directory.department(String(dept.deptId))).toBeNull();
  });

  it('throws a member read outside the contact scope instead of calling the member gone', async () => {
    sim.admin.reset();
    const outside = sim.admin.listUsers().find((u) => !u.deptIds.includes(2))!;
    sim.admin.setContactScope({ deptIds: [2], userIds: [] });
    const { instance } = connect(sim);
    const err = await instance.directory.member(outside.userid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).info.providerCode).toBe(50002);
  });

  it('looks a member up by mobile, null for an unknown one; refuses e-mail lookup with a reason', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const u = sim.admin.listUsers()[9]!;
    expect(await instance.directory.lookup!.byMobile(u.mobile)).toBe(u.userid);
    expect(await instance.directory.lookup!.byMobile('13900000000')).toBeNull();
    const err = await instance.directory.lookup!.byEmail('a@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).kind).toBe('input');
    expect((err as ConnectorError).info.explanation['zh-CN'].title).toContain('邮箱');
  });
});

describe('DingTalk directory at the standard edition’s rate', async () => {
  // 60 departments: 60 listsub and 60+ user/list calls, three times the per-second limit.
  const sim = await useDingTalkSim({ qps: 20, seed: 3, departments: 60, users: 400 });

  it('paces a full read at the default 20 calls a second: no 90018 from DingTalk', async () => {
    const seen: number[] = [];
    const { instance } = connect(sim, { qps: null }, { observeCall: (c) => seen.push(c.errcode) });
    const snap = await instance.directory.read();
    expect(snap.partial).toBe(false);
    expect(snap.members).toHaveLength(sim.admin.listUsers().length);
    expect(seen.length).toBeGreaterThan(120);
    expect(seen.filter((c) => c !== 0)).toEqual([]);
    expect(sim.admin.peakQps('topapi/v2/user/list')).toBeGreaterThan(10);
    expect(sim.admin.peakQps('topapi/v2/user/list')).toBeLessThanOrEqual(20);
    expect(sim.admin.peakQps('topapi/v2/department/listsub')).toBeLessThanOrEqual(20);
  });
});
