import { simEndpoints, weComConfigBody, withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';

/**
 * Diagnostics (POST /sys/thirdApp/config/test) against the simulator, one failure class per
 * test: each check names the errcode, explains it and says how to fix it.
 */

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skipped';
  facts?: Record<string, unknown>;
  error?: { providerCode: number; providerMessage: string; fromIp?: string };
  explanation?: Record<'zh-CN' | 'en', { title: string; cause: string; fix: string }>;
}

let sim: Simulator;
let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  sim = await startSimulator({ users: 40, departments: 6, seed: 11, latencyMs: 0 });
  t = await buildTestApp({ config: { wecom: simEndpoints(sim) } });
  ({ admin } = await withWeComTenant(t, sim, { contactSecret: true }));
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const good = () => weComConfigBody(sim.credentials, { contactSecret: true });

beforeEach(async () => {
  sim.admin.reset();
  await configure({});
});

async function configure(over: Record<string, unknown>) {
  const res = await t.call(
    'PUT',
    '/sys/thirdApp/config',
    { ...good(), ...over },
    {
      token: admin.token,
    },
  );
  expect(res.status, res.body.message).toBe(200);
}

async function diagnose(): Promise<{ ok: boolean; byId: Record<string, Check> }> {
  const res = await t.call('POST', '/sys/thirdApp/config/test', undefined, { token: admin.token });
  expect(res.status, res.body.message).toBe(200);
  const checks = res.body.result.checks as Check[];
  expect(checks.map((c) => c.id)).toEqual([
    'token',
    'trusted_ip',
    'departments',
    'members',
    'message',
    'contact_secret',
    // The address WeCom named (PRODUCT.md §8; egress.test.ts covers it).
    'egress_ip',
  ]);
  return { ok: res.body.result.ok, byId: Object.fromEntries(checks.map((c) => [c.id, c])) };
}

function expectExplained(c: Check | undefined, code: number) {
  expect(c?.status).toBe('fail');
  expect(c?.error?.providerCode).toBe(code);
  for (const locale of ['zh-CN', 'en'] as const) {
    expect(c?.explanation?.[locale].cause.length).toBeGreaterThan(0);
    expect(c?.explanation?.[locale].fix.length).toBeGreaterThan(0);
  }
}

describe('WeCom diagnostics', () => {
  it('passes every check on a healthy app and counts what the app can see', async () => {
    const { ok, byId } = await diagnose();
    expect(ok).toBe(true);
    for (const c of Object.values(byId)) expect(c.status, c.id).toBe('ok');
    expect(byId.departments?.facts?.departments).toBe(sim.admin.listDepartments().length);
    expect(byId.members?.facts?.members).toBeGreaterThan(0);
    expect(byId.members?.facts?.complete).toBe(true);
    expect(byId.message?.facts).toMatchObject({ delivered: 0, agentId: sim.credentials.agentId });
    expect(byId.contact_secret?.facts?.members).toBeGreaterThanOrEqual(
      byId.members?.facts?.members as number,
    );
    // The message probe delivers nothing to anybody.
    expect(sim.admin.allMessages()).toEqual([]);
  });

  it('explains a wrong Secret (40001) and a wrong CorpID (40013), skipping the rest', async () => {
    await configure({ clientSecret: 'wrong-secret-value' });
    let d = await diagnose();
    expect(d.ok).toBe(false);
    expectExplained(d.byId.token, 40001);
    for (const id of ['trusted_ip', 'departments', 'members', 'message'])
      expect(d.byId[id]?.status, id).toBe('skipped');

    await configure({ clientId: 'ww00000000000000ff' });
    d = await diagnose();
    expectExplained(d.byId.token, 40013);
  });

  it('names the exact IP to add to 企业可信IP on 60020', async () => {
    sim.admin.setTrustedIps(['203.0.113.9']);
    const d = await diagnose();
    expect(d.ok).toBe(false);
    expect(d.byId.token?.status).toBe('ok');
    expectExplained(d.byId.trusted_ip, 60020);
    expect(d.byId.trusted_ip?.error?.fromIp).toBe('127.0.0.1');
    expect(d.byId.trusted_ip?.explanation?.['zh-CN'].fix).toContain('127.0.0.1');
    expect(d.byId.trusted_ip?.explanation?.en.fix).toContain('127.0.0.1');
    for (const id of ['departments', 'members', 'message'])
      expect(d.byId[id]?.status, id).toBe('skipped');
  });

  it('warns with the fix when the visible range is empty', async () => {
    sim.admin.setVisibleRange({ departments: [], users: [] });
    const d = await diagnose();
    expect(d.ok).toBe(true);
    expect(d.byId.departments).toMatchObject({ status: 'warn', facts: { departments: 0 } });
    expect(d.byId.departments?.explanation?.['zh-CN'].fix).toContain('可见范围');
    expect(d.byId.members).toMatchObject({ status: 'warn', facts: { members: 0 } });
  });

  it('refuses an AgentId that is not this app (40056) without sending', async () => {
    await configure({ agentId: 4242 });
    const d = await diagnose();
    expect(d.ok).toBe(false);
    expectExplained(d.byId.message, 40056);
    expect(d.byId.departments?.status).toBe('ok');
  });

  it('tells a contacts-sync Secret that is really the app Secret (48002) from a wrong one (40001)', async () => {
    await configure({ contactSecret: sim.credentials.secret });
    let d = await diagnose();
    expectExplained(d.byId.contact_secret, 48002);
    expect(d.byId.message?.status).toBe('ok');

    await configure({ contactSecret: 'not-the-contact-secret' });
    d = await diagnose();
    expectExplained(d.byId.contact_secret, 40001);

    await configure({ contactSecret: null });
    d = await diagnose();
    expect(d.ok).toBe(true);
    expect(d.byId.contact_secret).toMatchObject({
      status: 'skipped',
      facts: { configured: false },
    });
  });

  it('reports injected faults per capability and rides out a transient -1', async () => {
    sim.admin.injectFaults({ api: 'user/simplelist', errcode: 60011, times: 1 });
    let d = await diagnose();
    expectExplained(d.byId.members, 60011);
    expect(d.byId.departments?.status).toBe('ok');

    sim.admin.clearFaults();
    sim.admin.injectFaults({ api: 'department/list', errcode: -1, times: 1 });
    d = await diagnose();
    expect(d.ok).toBe(true);

    sim.admin.injectFaults({ api: 'department/list', kind: 'malformed', times: 10 });
    d = await diagnose();
    expect(d.byId.departments?.status).toBe('fail');
    expect(d.byId.departments?.explanation?.en.fix.length).toBeGreaterThan(0);
    expect(d.byId.members?.status).toBe('skipped');
  });
});
