import { WAIT, present } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../src/lib/sql';
import {
  callbackWorld,
  eventsOf,
  type CallbackWorld,
} from '../../src/modules/callbacks/callbacks.test-harness';
import {
  fullSync,
  runNow,
  type SyncWorld,
} from '../../src/modules/directory-sync/sync.test-harness';
import { FAST_JOBS, listRuns, observer, syncQueue } from '../../src/modules/jobs/jobs.test-harness';
import {
  attackWorld,
  accountRow,
  bindingsOf,
  linkRequestsOf,
  membershipIn,
  platformAdmin,
  strangerIn,
  weComMember,
  type Account,
} from './sync-harness';

/**
 * The same protections on every path that runs a sync without an admin's decisions: the API
 * trigger, the tenant's schedule and a run started by WeCom's contact callback. Each arranges a
 * WeCom member that matches the platform admin (name, mobile) and one that matches an account of
 * another tenant (mobile), then checks nothing was bound, renamed or joined.
 */
async function arrange(w: Pick<SyncWorld, 't' | 'tenant' | 'sim'>, tag: string, pa: Account) {
  const phone = `1370000${tag.length}${Math.floor(Math.random() * 1000)
    .toString()
    .padStart(3, '0')}`;
  const victim = await strangerIn(w, await w.t.factories.tenant(), { phone: `${phone}9` });
  await w.t.db.execute(sql`update users set phone = ${phone} where id = ${pa.id}`);
  const paRealname = (await accountRow(w, pa.id)).realname;
  weComMember(w, `${tag}_pa_name`, { name: paRealname });
  weComMember(w, `${tag}_pa_mobile`, { name: `${tag} pa mobile`, mobile: phone });
  weComMember(w, `${tag}_victim`, { name: `${tag} victim`, mobile: `${phone}9` });
  return { victim, paRealname };
}

async function expectUntouched(
  w: Pick<SyncWorld, 't' | 'tenant' | 'sim'>,
  pa: Account,
  a: Awaited<ReturnType<typeof arrange>>,
  tag: string,
  run: { id: number; status: string },
  requestedBy: number | null,
) {
  expect(run.status).toBe('succeeded');
  expect(await bindingsOf(w, pa.id)).toEqual([]);
  expect((await accountRow(w, pa.id)).realname).toBe(a.paRealname);
  expect(await bindingsOf(w, a.victim.id)).toEqual([]);
  expect(await membershipIn(w, w.tenant.id, a.victim.id)).toBeNull();
  expect(await linkRequestsOf(w, a.victim.id)).toEqual([
    expect.objectContaining({
      ext_user_id: `${tag}_victim`,
      status: 'pending',
      run_id: run.id,
      requested_by: requestedBy,
    }),
  ]);
}

describe('API and scheduled runs', () => {
  let w: SyncWorld;
  let boss: PgBoss;
  let pa: Account;
  beforeAll(async () => {
    w = await attackWorld(
      { seed: 51, users: 5, departments: 2 },
      { policy: { schedule: '0 2 * * *' }, jobs: FAST_JOBS },
    );
    boss = observer(w.t.database);
    pa = await platformAdmin(w);
    expect((await fullSync(w)).run.status).toBe('succeeded');
  });
  afterAll(async () => w?.close());

  it('a run started through the API binds neither the platform admin nor a stranger', async () => {
    const a = await arrange(w, 'api', pa);
    const run = await runNow(w);
    await expectUntouched(w, pa, a, 'api', run, w.admin.id);
  });

  it('a scheduled run binds neither the platform admin nor a stranger', async () => {
    const a = await arrange(w, 'cron', pa);
    const before = new Set((await listRuns(w.t, w.admin)).map((r) => r.id));
    await boss.send(syncQueue(w.tenant.id), {
      tenantId: w.tenant.id,
      thirdType: 'wechat_enterprise',
    });
    const run = await vi.waitFor(
      async () =>
        present(
          (await listRuns(w.t, w.admin)).find(
            (r) => !before.has(r.id) && r.trigger === 'schedule' && r.status !== 'running',
          ),
          'the scheduled run',
        ),
      WAIT,
    );
    await expectUntouched(w, pa, a, 'cron', run, null);
  });
});

describe('callback runs', () => {
  let w: CallbackWorld;
  let pa: Account;
  beforeAll(async () => {
    w = await callbackWorld({ users: 5, departments: 2, seed: 53, createdAfter20220620: false });
    pa = await platformAdmin(w);
    expect((await fullSync(w)).run.status).toBe('succeeded');
    await w.sim.admin.configureCallback({
      url: w.url,
      token: w.token,
      encodingAesKey: w.encodingAesKey,
    });
  });
  afterAll(async () => w?.close());

  it('a run started by contact events binds neither the platform admin nor a stranger', async () => {
    const a = await arrange(w, 'cb', pa);
    await w.sim.admin.flushCallbacks();
    await vi.waitFor(async () => {
      const rows = await eventsOf(w);
      return present(rows.length >= 3 && rows.every((r) => r.appliedAt !== null), 'events applied');
    }, WAIT);
    const [req] = await linkRequestsOf(w, a.victim.id);
    const [run] = rowsOf<{ id: number; status: string }>(
      await w.t.db.execute(
        sql`select id, status from sync_runs where tenant_id = ${w.tenant.id} and trigger = 'callback' and id = ${req?.run_id ?? 0}`,
      ),
    );
    expect(run, 'the link request was made by a callback run').toBeDefined();
    await expectUntouched(w, pa, a, 'cb', run!, null);
  });
});
