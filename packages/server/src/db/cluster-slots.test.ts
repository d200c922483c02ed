import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, usePostgres } from '../../test/test-db';
import type { Database } from './client';
import { clusterSlotsFor, createClusterSlots, type ClusterSlots } from './cluster-slots';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Callers inside `run` right now across every "process", and the most seen at once. */
function gauge() {
  let now = 0;
  let max = 0;
  return {
    get max() {
      return max;
    },
    async hold(ms: number) {
      now++;
      max = Math.max(max, now);
      await sleep(ms);
      now--;
    },
  };
}

describe.runIf(usePostgres())('cluster call slots on PostgreSQL', () => {
  let database: Database;
  const opened: ClusterSlots[] = [];
  /** One per simulated process: each has a pool (and sessions) of its own. */
  const processes = (n: number, maxInFlight: number, holdMs?: number) =>
    Array.from({ length: n }, () => {
      const slots = clusterSlotsFor(database, maxInFlight, {
        log: () => {},
        ...(holdMs === undefined ? {} : { holdMs }),
      })!;
      opened.push(slots);
      return slots;
    });

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await database?.close();
  });

  it('three processes × 12 callers never hold more than 5 slots of one API at once', async () => {
    // Holds are long enough that every slot is taken before the first is given back, even on a
    // loaded CI machine (with 15 ms / 40 ms the second count once came out below 15).
    const g = gauge();
    const scopes = processes(3, 5).map((s) => s.forScope('http://wecom\nww1'));
    await Promise.all(
      scopes.flatMap((s) =>
        Array.from({ length: 12 }, () => s.run('message/send', () => g.hold(60))),
      ),
    );
    expect(g.max).toBe(5);
    // Another API and another corp have slots of their own.
    const h = gauge();
    const [a] = scopes;
    const other = opened[1]!.forScope('http://wecom\nww2');
    await Promise.all([
      ...Array.from({ length: 5 }, () => a!.run('message/send', () => h.hold(400))),
      ...Array.from({ length: 5 }, () => a!.run('user/list', () => h.hold(400))),
      ...Array.from({ length: 5 }, () => other.run('message/send', () => h.hold(400))),
    ]);
    expect(h.max).toBe(15);
  });

  it('WECOM_MAX_IN_FLIGHT=2 is honoured across processes', async () => {
    const g = gauge();
    const scopes = processes(3, 2).map((s) => s.forScope('http://wecom\nww3'));
    await Promise.all(
      scopes.flatMap((s) => Array.from({ length: 6 }, () => s.run('user/get', () => g.hold(10)))),
    );
    expect(g.max).toBe(2);
    expect(scopes.every((s) => s.concurrency === 2)).toBe(true);
  });

  it('a busy process keeps a slot for its own callers only briefly: a quiet one is not starved', async () => {
    const [busy, quiet] = processes(2, 1, 100).map((s) => s.forScope('http://wecom\nww5'));
    const started = performance.now();
    const load = Promise.all(
      Array.from({ length: 60 }, () => busy!.run('message/send', () => sleep(20))),
    ).then(() => performance.now() - started);
    await sleep(30);
    const asked = performance.now();
    await quiet!.run('message/send', async () => {});
    const waited = performance.now() - asked;
    const busyTotal = await load;
    // 60 calls of 20 ms take 1.2 s; the quiet caller waits about one hold (100 ms) and a call.
    expect(waited).toBeLessThan(busyTotal / 2);
  });

  it('back-to-back calls of one process reuse its cluster slot instead of locking for each', async () => {
    // A quiet-latency provider answers in about a millisecond: locking and unlocking around every
    // call doubled the database round trips of a send (bench messages-send, PostgreSQL).
    const main = (database.db as unknown as { $client: pg.Pool }).$client;
    const pool = new pg.Pool({ connectionString: main.options.connectionString, max: 4 });
    let connects = 0;
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = () => {
      connects++;
      return connect();
    };
    const slots = createClusterSlots({ pool, maxInFlight: 2, log: () => {} });
    const scope = slots.forScope('http://wecom\nww6');
    for (let i = 0; i < 100; i++) {
      await scope.run('message/send', async () => {});
      await new Promise((r) => setImmediate(r));
    }
    expect(connects).toBeLessThanOrEqual(5);
    // Idle, it lets go soon: another process gets the slot without waiting for a hold.
    const [other] = processes(1, 1).map((s) => s.forScope('http://wecom\nww6'));
    const asked = performance.now();
    await other!.run('message/send', async () => {});
    expect(performance.now() - asked).toBeLessThan(250);
    // And closing does not wait for a lingering slot.
    await Promise.race([
      slots.close(),
      sleep(3_000).then(() => {
        throw new Error('close() hung on a lingering cluster slot');
      }),
    ]);
  });

  it('a holder whose connection is terminated frees its slot, and its process carries on', async () => {
    // Slots the other tests' processes keep while idle are let go after their linger (30 ms).
    await sleep(150);
    const [a, b] = processes(2, 1).map((s) => s.forScope('http://wecom\nww4'));
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = a!.run('department/list', async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;

    // Kill the backend holding the advisory lock (this test's database only).
    await killTheAdvisoryHolder(database);

    // The other process gets the slot although the first caller has not finished.
    const second = await Promise.race([
      b!.run('department/list', async () => 'second'),
      sleep(5_000).then(() => 'timed out'),
    ]);
    expect(second).toBe('second');
    finish();
    expect(await first).toBe('first');
    // The process whose connection died still works (its pool replaced the connection).
    expect(await a!.run('department/list', async () => 'again')).toBe('again');
  });

  it('a slot kept while idle whose connection died is locked anew, not used without a lock', async () => {
    await sleep(150);
    const [a, b] = processes(2, 1, 10_000).map((s) => s.forScope('http://wecom\nww7'));
    // Connected before the call: the kill has to land within a's linger (30 ms), and opening a
    // connection on a loaded machine can take longer than that.
    const killer = await advisoryKiller(database);
    await a!.run('user/list', async () => {});
    // a keeps the slot for its linger; kill the backend that holds it.
    await killer.kill().finally(() => killer.end());
    await sleep(10); // the connection's error arrives; the linger (30 ms) has not ended
    // a's next call must hold the cluster slot for real: b cannot be inside at the same time.
    const g = gauge();
    await Promise.all([
      a!.run('user/list', () => g.hold(40)),
      sleep(5).then(() => b!.run('user/list', () => g.hold(40))),
    ]);
    expect(g.max).toBe(1);
  });
});

/** Kills the one backend of this test's database holding an advisory lock (it must be one). */
async function killTheAdvisoryHolder(database: Database): Promise<void> {
  const killer = await advisoryKiller(database);
  try {
    await killer.kill();
  } finally {
    await killer.end();
  }
}

/** A connection ready to terminate the one backend holding an advisory lock in this database. */
async function advisoryKiller(database: Database) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  return {
    async kill() {
      const all = await admin.query<{ pid: number; datname: string }>(
        `select l.pid, a.datname from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted`,
      );
      const mine = all.rows.filter((r) => r.datname === dbName(database));
      expect(mine).toHaveLength(1);
      await admin.query('select pg_terminate_backend($1)', [mine[0]!.pid]);
    },
    end: () => admin.end(),
  };
}

function dbName(database: Database): string {
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return new URL(pool.options.connectionString!).pathname.slice(1);
}
