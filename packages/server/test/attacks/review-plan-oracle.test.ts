import { describe, expect, it } from 'vitest';
import { preview } from '../../src/modules/directory-sync/sync.test-harness';
import { useAttackWorld, pairOf, strangerIn, weComMember } from './sync-harness';

/**
 * Reviewer R: "a preview never shows identifiers (id, …) of accounts outside the tenant"
 * (PRODUCT.md §7). The plan blanks the id, but apply accepts a hand-made pair naming the hidden
 * proposal and refuses any other account outside the tenant, so trying ids one by one tells the
 * admin which account matched (ids are small sequential integers; a refused apply writes nothing
 * and leaves the preview usable). This test FAILS on the reviewed code.
 */
const w = useAttackWorld({ seed: 17, users: 3, departments: 1 }, { synced: true });

async function applyWith(planId: string, wechatUserId: string, userId: number) {
  return w.t.call(
    'POST',
    '/sys/thirdApp/sync/apply',
    { planId, pairs: [{ wechatUserId, userId }], exclude: [] },
    { token: w.admin.token },
  );
}

describe('apply is no oracle for the hidden account of a plan row', () => {
  it('naming the hidden outsider by id is answered like naming any other account outside the tenant', async () => {
    const elsewhere = await w.t.factories.tenant();
    const phone = `1350000${Math.floor(Math.random() * 10000)
      .toString()
      .padStart(4, '0')}`;
    const victim = await strangerIn(w, elsewhere, { phone });
    // Another account outside the tenant, for comparison.
    const other = await strangerIn(w, elsewhere);
    weComMember(w, 'rv_oracle', { name: 'Oracle Probe', mobile: phone });
    const plan = await preview(w);
    const row = pairOf(plan, 'rv_oracle');
    expect(row).toMatchObject({ userId: null, outsider: true });

    const wrong = await applyWith(plan.planId as string, 'rv_oracle', other.id);
    const right = await applyWith(plan.planId as string, 'rv_oracle', victim.id);
    // Same answer whichever account outside the tenant is named: the guess confirms nothing.
    expect(
      { status: right.status, code: right.body.code as unknown },
      `a guess of the hidden id answered ${right.status} ${right.body.message}`,
    ).toEqual({ status: wrong.status, code: wrong.body.code as unknown });
  });
});
