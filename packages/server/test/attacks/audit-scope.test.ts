import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { auditScopeOf } from '../../src/modules/audit/audit.service';
import { bindMember } from '../factories/bindings';
import { weComSignIn } from '../factories/wecom-login';
import { useLoginWorld } from './session-harness';

/**
 * Who may read which audit entries (PRODUCT.md §11, §7). The attacks: the platform
 * administrator's account signed in through a tenant's WeCom (a connector session, scoped to
 * that tenant) asking for every tenant's log, and an API key asking for any.
 */
const w = useLoginWorld({ seed: 43, users: 8, departments: 2 });

async function platformAdminId(): Promise<number> {
  const [row] = await w.t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'admin'));
  return row!.id;
}

describe('audit log access', () => {
  it('a WeCom session of the platform administrator reads only the vouching tenant', async () => {
    const userid = w.freshUserid();
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: await platformAdminId(),
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
    const out = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(out.status, out.body.message).toBe(200);
    const token = out.body.result.token as string;

    // With a password session the same account reads every tenant…
    const all = await w.t.call('GET', '/sys/audit?pageSize=100', undefined, {
      token: w.t.adminToken,
    });
    const tenants = new Set(
      all.body.result.records.map((r: { tenant: { id: number } | null }) => r.tenant?.id ?? null),
    );
    expect(tenants.size).toBeGreaterThan(1);

    // …with the WeCom session only the tenant whose connector vouched for it.
    const scoped = await w.t.call('GET', '/sys/audit?pageSize=100', undefined, { token });
    expect(scoped.status, scoped.body.message).toBe(200);
    for (const r of scoped.body.result.records) expect(r.tenant?.id).toBe(w.tenant.id);
    const other = await w.t.call('GET', '/sys/audit?tenantId=0', undefined, { token });
    expect(other.status).toBe(403);
    expect(other.body.errorCode).toBe('audit.tenant_filter_forbidden');
    const exported = await w.t.call('GET', '/sys/audit/export?tenantId=0', undefined, { token });
    expect(exported.status).toBe(403);
    const header = await w.t.call('GET', '/sys/audit', undefined, { token, tenantId: 0 });
    expect(header.status).toBe(403);
  });

  it('an API key reads no audit log, whatever its tenant', () => {
    const key = { id: 1, prefix: 'obk_test', tenantId: 5, permissions: [] };
    expect(() =>
      auditScopeOf({ isPlatformAdmin: false, apiKey: key }, { tenantId: 5 }, undefined),
    ).toThrow(expect.objectContaining({ code: 'audit.api_key_refused', status: 403 }));
    // Even a key whose session would say platform (it never does): the key decides.
    expect(() => auditScopeOf({ isPlatformAdmin: true, apiKey: key }, { tenantId: 5 }, 5)).toThrow(
      expect.objectContaining({ code: 'audit.api_key_refused' }),
    );
  });
});
