import { describe, expect, it } from 'vitest';
import type { DiagnosticCheck } from '../kit';
import { connect, useDingTalkSim } from './testing';

const byId = (checks: DiagnosticCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

function expectExplained(c: DiagnosticCheck | undefined) {
  for (const locale of ['zh-CN', 'en'] as const) {
    expect(c?.explanation?.[locale].title.length).toBeGreaterThan(0);
    expect(c?.explanation?.[locale].cause.length).toBeGreaterThan(0);
    expect(c?.explanation?.[locale].fix.length).toBeGreaterThan(0);
  }
}

describe('DingTalk diagnostics over the simulator', async () => {
  const sim = await useDingTalkSim();

  it('passes every check on a healthy app, and sends nothing', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const d = await instance.test();
    expect(d.checks.map((c) => [c.id, c.status])).toEqual([
      ['token', 'ok'],
      ['contact_scope', 'ok'],
      ['departments', 'ok'],
      ['members', 'ok'],
      ['message', 'ok'],
    ]);
    expect(d.ok).toBe(true);
    const checks = byId(d.checks);
    expect(checks.contact_scope?.facts).toMatchObject({ wholeOrganisation: true });
    expect(checks.departments?.facts?.subDepartments).toBe(
      sim.admin.listDepartments().filter((x) => x.parentId === 1).length,
    );
    expect(checks.members?.facts).toMatchObject({ mobileDisclosed: true });
    expect((checks.members?.facts?.firstPage as number) > 0).toBe(true);
    expect(sim.admin.counts()['topapi/message/corpconversation/asyncsend_v2'] ?? 0).toBe(0);
  });

  it('fails the token check on a wrong secret, explains it, and skips the rest', async () => {
    sim.admin.reset();
    const { instance } = connect(sim, { clientSecret: 'wrong-secret-value' });
    const d = await instance.test();
    expect(d.ok).toBe(false);
    const checks = byId(d.checks);
    expect(checks.token?.status).toBe('fail');
    expect(checks.token?.error?.providerMessage).toContain('invalidClientIdOrSecret');
    expectExplained(checks.token);
    expect(checks.token?.explanation?.en.title).toBe('Invalid AppKey or AppSecret');
    expect(checks.token?.explanation?.['zh-CN'].fix).toContain('AppSecret');
    for (const id of ['contact_scope', 'departments', 'members', 'message'])
      expect(checks[id]?.status).toBe('skipped');
  });

  it('fails the message check for another app’s AgentId', async () => {
    sim.admin.reset();
    const { instance } = connect(sim, { agentId: 123 });
    const checks = byId((await instance.test()).checks);
    expect(checks.message?.status).toBe('fail');
    expect(checks.message?.error?.providerCode).toBe(60011);
    expectExplained(checks.message);
  });

  it('warns when the contact scope is part of the organisation, and the root read fails with 50004', async () => {
    sim.admin.reset();
    sim.admin.setContactScope({ deptIds: [2], userIds: [] });
    const { instance } = connect(sim);
    const d = await instance.test();
    const checks = byId(d.checks);
    expect(checks.contact_scope?.status).toBe('warn');
    expect(checks.contact_scope?.facts).toMatchObject({ departments: 1, wholeOrganisation: false });
    expectExplained(checks.contact_scope);
    expect(checks.departments?.status).toBe('fail');
    expect(checks.departments?.error?.providerCode).toBe(50004);
    expectExplained(checks.departments);
  });
});
