import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  bindingsOf,
  linkRequestsOf,
  membershipIn,
  pairOf,
  strangerIn,
  useAttackWorld,
  weComMember,
  type PairView,
} from '../../../test/attacks/sync-harness';
import { apply, preview, scalar, waitRun } from './sync.test-harness';

/**
 * Issue 14 item 7: a client that "confirms as proposed" echoes the preview's pairs back to apply,
 * bound members included. That is no decision at all; only what the plan did not propose is
 * judged (and refused when it would take an account over, PRODUCT.md §7).
 */
const w = useAttackWorld({ seed: 31, users: 5, departments: 2 }, { synced: true });

const WORK = ['create', 'bind', 'linkRequests', 'linkRequestsCancelled', 'update', 'leave'];
const work = (counts: Record<string, number>) =>
  Object.fromEntries(WORK.map((k) => [k, counts[k] ?? 0]));

async function applyRaw(planId: string, pairs: unknown[]) {
  return w.t.call(
    'POST',
    '/sys/thirdApp/sync/apply',
    { planId, pairs, exclude: [] },
    { token: w.admin.token },
  );
}

describe('apply with the preview echoed back', () => {
  it('binds, creates and asks owners exactly as the proposal says, bound rows included', async () => {
    const lina = await w.t.factories.user(w.tenant.id, { realname: '李娜' });
    weComMember(w, 'ec_name', { name: '李娜' });
    const elsewhere = await w.t.factories.tenant();
    const victim = await strangerIn(w, elsewhere, { phone: '13500007777' });
    weComMember(w, 'ec_stranger', { name: 'Echo Stranger', mobile: '13500007777' });
    weComMember(w, 'ec_fresh', { name: 'Echo Fresh' });

    const plan = await preview(w);
    const rows = plan.members.pairs as PairView[];
    expect(rows.filter((p) => p.match === 'bound').length).toBeGreaterThan(0);
    expect(pairOf(plan, 'ec_name')).toMatchObject({ userId: lina.id, match: 'name' });
    expect(pairOf(plan, 'ec_stranger')).toMatchObject({ userId: null, outsider: true });
    expect(work(plan.counts)).toEqual({ ...work({}), create: 1, bind: 1, linkRequests: 1 });

    // Every row as the preview gave it, fields the apply body does not need included.
    const run = await apply(w, plan.planId, { pairs: rows });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');

    expect(await bindingsOf(w, lina.id)).toEqual([
      { tenant_id: w.tenant.id, ext_user_id: 'ec_name' },
    ]);
    // The owner of the account elsewhere is asked; nothing is bound or created for it.
    expect((await linkRequestsOf(w, victim.id)).map((r) => [r.ext_user_id, r.status])).toEqual([
      ['ec_stranger', 'pending'],
    ]);
    expect(await bindingsOf(w, victim.id)).toEqual([]);
    expect(await membershipIn(w, w.tenant.id, victim.id)).toBeNull();
    const strangerBound = await scalar(
      w,
      sql`select count(*) as n from third_accounts where tenant_id = ${w.tenant.id} and ext_user_id = 'ec_stranger'`,
    );
    expect(strangerBound).toBe(0);
    const fresh = await scalar(
      w,
      sql`select count(*) as n from third_accounts where tenant_id = ${w.tenant.id} and ext_user_id = 'ec_fresh' and active`,
    );
    expect(fresh).toBe(1);

    // What applying without decisions would have left: nothing more to do.
    const again = await preview(w);
    expect(work(again.counts)).toEqual(work({}));
    // And the echo of that plan, as {wechatUserId, userId} only, is accepted too.
    const echo = (again.members.pairs as PairView[]).map((p) => ({
      wechatUserId: p.wechatUserId,
      userId: p.userId,
    }));
    const second = await apply(w, again.planId, { pairs: echo });
    expect(second.status, JSON.stringify(second.error)).toBe('succeeded');
  });

  it('still refuses an echo that points a member at someone else’s account', async () => {
    const plan = await preview(w);
    const rows = plan.members.pairs as PairView[];
    const bound = rows.filter((p) => p.match === 'bound' && p.userId !== null);
    const [a, b] = bound;
    expect(b).toBeDefined();
    const elsewhere = await w.t.factories.tenant();
    const victim = await strangerIn(w, elsewhere);
    const cases: [Record<string, unknown>, string][] = [
      // A bound member re-pointed to another member's bound account.
      [{ wechatUserId: a!.wechatUserId, userId: b!.userId }, 'sync.pair_invalid'],
      // The pending owner's row named by the hidden id, an account outside the tenant.
      [{ wechatUserId: 'ec_stranger', userId: victim.id }, 'sync.pair_invalid'],
    ];
    for (const [decision, code] of cases) {
      const echo = rows.map((p) =>
        p.wechatUserId === decision.wechatUserId ? { ...p, ...decision } : p,
      );
      const res = await applyRaw(plan.planId, echo);
      expect(res.status, JSON.stringify(decision)).toBe(400);
      expect(res.body.errorCode).toBe(code);
    }
    // Nothing was applied: the preview is still usable.
    const ok = await applyRaw(plan.planId, rows);
    expect(ok.status, ok.body.message).toBe(200);
    await waitRun(w, ok.body.result.runId);
  });

  it('reports when each run started, in the list and in the detail', async () => {
    const plan = await preview(w);
    const run = await apply(w, plan.planId);
    expect(run.startedAt).toEqual(expect.any(String));
    const created = Date.parse(run.createdAt);
    const started = Date.parse(run.startedAt);
    expect(started).toBeGreaterThanOrEqual(created);
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(started);
    const list = await w.t.call('GET', '/sys/thirdApp/sync/runs?pageSize=50', undefined, {
      token: w.admin.token,
    });
    expect(list.status).toBe(200);
    const records = list.body.result.records as { id: number; startedAt: string | null }[];
    expect(records.find((r) => r.id === run.id)?.startedAt).toBe(run.startedAt);
    // Every run that ran says when it started.
    for (const r of records) expect(r.startedAt, `run ${r.id}`).not.toBeNull();
  });
});
