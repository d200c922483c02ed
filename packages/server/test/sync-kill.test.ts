import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from './test-db';

/**
 * kill -9 in the middle of apply (PRODUCT.md §5.2.5): after a restart the next run reaches the
 * same final state as an uninterrupted one — no duplicate users, bindings or memberships. Needs
 * PostgreSQL, shared by the killed and the restarted server process.
 */
const PASSWORD = 'kill-test-admin-1';
const SECRET_KEY = randomBytes(32).toString('hex');
/** Set by the suite's beforeAll: the database is PostgreSQL, DATA_DIR only has to exist. */
let dataDir = '';

type Server = ServerProcess;

const startServer = (databaseUrl: string, sim: Simulator): Promise<Server> =>
  spawnServer({
    simUrl: sim.url,
    dataDir,
    databaseUrl,
    adminPassword: PASSWORD,
    secretKey: SECRET_KEY,
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- envelope results are asserted field by field
type Any = any;
async function call(s: Server, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      ...(token ? { 'x-access-token': token } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Any };
}

async function login(s: Server): Promise<string> {
  const res = await call(s, 'POST', '/sys/login', undefined, {
    username: 'admin',
    password: PASSWORD,
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.body.message}`);
  return res.body.result.token;
}

/** Preview then apply every pair as planned; retries while a dead run still counts as active. */
async function startSync(s: Server, token: string): Promise<number> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const plan = await call(s, 'POST', '/sys/thirdApp/sync/preview', token, {
      thirdType: 'wechat_enterprise',
    });
    expect(plan.status, plan.body.message).toBe(200);
    // Members the interrupted run already bound are not pairable again (400 sync.pair_invalid).
    const pairs = plan.body.result.members.pairs
      .filter((p: Any) => p.match !== 'bound')
      .map((p: Any) => ({
        wechatUserId: p.wechatUserId,
        userId: p.userId,
      }));
    const res = await call(s, 'POST', '/sys/thirdApp/sync/apply', token, {
      planId: plan.body.result.planId,
      pairs,
      exclude: [],
    });
    if (res.status === 200) return res.body.result.runId;
    expect(res.status, res.body.message).toBe(409);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('sync never started');
}

async function waitRun(s: Server, token: string, runId: number, until: (run: Any) => boolean) {
  for (let i = 0; i < 600; i++) {
    const run = (await call(s, 'GET', `/sys/thirdApp/sync/runs/${runId}`, token)).body.result;
    if (until(run)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} never reached the expected state`);
}

describe.skipIf(!usePostgres())('sync survives kill -9 mid-apply', () => {
  let sim: Simulator;
  let admin: pg.Client;
  let dbName: string;
  let databaseUrl: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orgbridge-kill-'));
    sim = await startSimulator({ users: 1500, departments: 60, seed: 11, latencyMs: 0 });
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    dbName = `orgbridge_kill_${randomBytes(5).toString('hex')}`;
    await admin.query(`create database ${dbName}`);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await s.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await sim?.close();
    await admin?.query(`drop database if exists ${dbName} with (force)`);
    await admin?.end();
  });

  it('converges after a crash: one account, membership and binding per WeCom member', async () => {
    const first = await startServer(databaseUrl, sim);
    servers.push(first);
    let token = await login(first);
    const cfg = await call(first, 'POST', '/sys/thirdApp/config', token, {
      thirdType: 'wechat_enterprise',
      agentId: sim.credentials.agentId,
      clientId: sim.credentials.corpId,
      clientSecret: sim.credentials.secret,
    });
    expect(cfg.status, cfg.body.message).toBe(200);

    const runId = await startSync(first, token);
    const mid = await waitRun(
      first,
      token,
      runId,
      (r) => r.status !== 'running' || (r.progress.phase === 'members' && r.progress.done > 0),
    );
    await first.kill();
    expect(mid.status, 'the run must still be applying when killed').toBe('running');

    const second = await startServer(databaseUrl, sim);
    servers.push(second);
    token = await login(second);
    const again = await startSync(second, token);
    const done = await waitRun(second, token, again, (r) => r.status !== 'running');
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const killed = (await call(second, 'GET', `/sys/thirdApp/sync/runs/${runId}`, token)).body
      .result;
    expect(killed.status).toBe('failed');
    expect(killed.error.code).toBe('sync.interrupted');

    const present = sim.admin.listUsers().filter((u) => u.status !== 5);
    const inDb = new pg.Client({ connectionString: databaseUrl });
    await inDb.connect();
    try {
      const n = async (text: string) => Number((await inDb.query(text)).rows[0].n);
      expect(
        await n(`select count(*) as n from third_accounts where tenant_id = 0 and active`),
      ).toBe(present.length);
      expect(
        await n(
          `select count(*) as n from (select lower(ext_user_id) from third_accounts where tenant_id = 0 group by 1 having count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await n(
          `select count(*) as n from (select user_id from memberships where tenant_id = 0 group by 1 having count(*) > 1) d`,
        ),
      ).toBe(0);
      // Every bound account is a member, and no account was created twice under another name.
      expect(
        await n(
          `select count(*) as n from third_accounts b left join memberships m on m.tenant_id = b.tenant_id and m.user_id = b.user_id where b.tenant_id = 0 and m.id is null`,
        ),
      ).toBe(0);
      expect(
        await n(
          `select count(*) as n from users where lower(username) like lower((select house_number from tenants where id = 0)) || '%'`,
        ),
      ).toBe(present.length);
    } finally {
      await inDb.end();
    }

    // Same final state as an uninterrupted run: a further preview finds nothing left to do.
    const after = await call(second, 'POST', '/sys/thirdApp/sync/preview', token, {
      thirdType: 'wechat_enterprise',
    });
    const c = after.body.result.counts;
    expect({ create: c.create, pending: c.pending, update: c.update, leave: c.leave }).toEqual({
      create: 0,
      pending: 0,
      update: 0,
      leave: 0,
    });
  }, 240_000);
});
