import { describe, expect, it } from 'vitest';
import { DingTalkError } from '../src/index';
import { client, count, recorder, useSim } from './helpers';

describe('directory reads against the simulator', async () => {
  const sim = await useSim({ qps: 0 });

  it('pages through a department of more than 100 members until has_more is false', async () => {
    const expected = sim.admin.membersOf(2).map((u) => u.userid);
    expect(expected.length).toBeGreaterThan(100);
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    const got: string[] = [];
    for await (const u of dt.user.list(2)) got.push(u.userid);
    expect(got).toEqual(expected);
    expect(rec.codes('topapi/v2/user/list')).toEqual(
      Array(Math.ceil(expected.length / 100)).fill(0),
    );
  });

  it('reads every page with a small page size too', async () => {
    const dt = client(sim);
    const got: string[] = [];
    for await (const u of dt.user.list(2, 7)) got.push(u.userid);
    expect(new Set(got).size).toBe(sim.admin.membersOf(2).length);
  });

  it('refuses a page size above 100 before calling DingTalk', async () => {
    const dt = client(sim);
    const before = count(sim, 'topapi/v2/user/list');
    await expect(dt.user.listPage(2, 0, 101)).rejects.toThrow(RangeError);
    expect(count(sim, 'topapi/v2/user/list')).toBe(before);
  });

  it('walks the whole department tree from the root', async () => {
    const dt = client(sim);
    const ids: number[] = [];
    for await (const d of dt.department.walk()) ids.push(d.deptId);
    expect(ids[0]).toBe(1);
    expect(ids.sort((a, b) => a - b)).toEqual(
      sim.admin
        .listDepartments()
        .map((d) => d.deptId)
        .sort((a, b) => a - b),
    );
  });

  it('walks when the method is taken off the client, and skips a department that vanished (60003)', async () => {
    const { walk } = client(sim).department;
    sim.admin.injectFault({ api: 'topapi/v2/department/listsub', errcode: 60003, times: 1 });
    try {
      const ids: number[] = [];
      for await (const d of walk()) ids.push(d.deptId);
      // The root's children were not read, so only the root is left.
      expect(ids).toEqual([1]);
    } finally {
      sim.admin.clearFaults();
    }
  });

  it('decodes members with mobile, several departments and activation state', async () => {
    const dt = client(sim);
    const multi = sim.admin.listUsers().find((u) => u.deptIds.length > 1);
    expect(multi).toBeDefined();
    const u = await dt.user.get(multi!.userid);
    expect(u.deptIds).toEqual(multi!.deptIds);
    expect(u.mobile).toBe(multi!.mobile);
    expect(u.active).toBe(multi!.active);
  });

  it('answers 60121 for a member who left, without retrying', async () => {
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    const leaver = sim.admin.listLeft()[0];
    expect(leaver).toBeDefined();
    const err = await dt.user.get(leaver!.userid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkError);
    expect((err as DingTalkError).errcode).toBe(60121);
    expect((err as DingTalkError).explain('zh-CN').title).toBe('找不到该用户');
    expect(rec.codes('topapi/v2/user/get')).toEqual([60121]);
  });

  it('finds a member by mobile, and answers null for an unknown mobile', async () => {
    const dt = client(sim);
    const member = sim.admin.listUsers()[9]!;
    expect(await dt.user.getUserIdByMobile(member.mobile)).toBe(member.userid);
    expect(await dt.user.getUserIdByMobile('19900000000')).toBeNull();
  });

  it('leaves mobile out when the app lacks the mobile permission', async () => {
    sim.admin.setMobilePermission(false);
    try {
      const u = await client(sim).user.get(sim.admin.listUsers()[0]!.userid);
      expect(u.mobile).toBeUndefined();
    } finally {
      sim.admin.setMobilePermission(true);
    }
  });
});

describe('contact scope (通讯录权限范围)', async () => {
  const sim = await useSim({ qps: 0, contactScope: { deptIds: [2], userIds: [] } });

  it('refuses the root outside the scope (50004), lists the scope, and walks from it', async () => {
    const dt = client(sim);
    const err = await dt.department.get(1).catch((e: unknown) => e);
    expect(err).toMatchObject({ errcode: 50004, kind: 'permission', retryable: false });
    expect((err as DingTalkError).explain('zh-CN').title).toBe('部门不在应用的通讯录权限范围内');
    expect(await dt.scopes()).toEqual({ deptIds: [2], userIds: [] });
    const ids: number[] = [];
    for await (const d of dt.department.walk(2)) ids.push(d.deptId);
    expect(ids[0]).toBe(2);
  });

  it('refuses a member outside the scope (50002)', async () => {
    const parentOf = new Map(sim.admin.listDepartments().map((d) => [d.deptId, d.parentId]));
    const underTwo = (id: number): boolean =>
      id === 2 || (id > 1 && underTwo(parentOf.get(id) ?? 0));
    const stranger = sim.admin.listUsers().find((u) => !u.deptIds.some(underTwo));
    expect(stranger).toBeDefined();
    await expect(client(sim).user.get(stranger!.userid)).rejects.toMatchObject({ errcode: 50002 });
  });
});
