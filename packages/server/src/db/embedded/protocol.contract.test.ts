import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnPglite } from './prepared';

/**
 * What db/embedded/prepared.ts takes from PGlite beyond its documented API. A PGlite upgrade that
 * renames, removes or changes one of these fails here first, with the name of what broke, rather
 * than as a wrong answer on the send path.
 */
describe('the PGlite protocol surface the embedded prepared statements use', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec(`create table probe (id int primary key, name text, at timestamptz default now());
      insert into probe (id, name) values (1, 'a'), (2, 'b'), (3, null);`);
  });
  afterAll(() => db?.close());

  it('has the internals and helpers it calls', () => {
    const internals = db as unknown as Record<string, unknown>;
    for (const name of ['_runExclusiveQuery', '_runExclusiveTransaction', '_checkReady']) {
      expect(typeof internals[name], name).toBe('function');
    }
    expect(typeof db.execProtocol).toBe('function');
    for (const name of ['parse', 'describe', 'bind', 'execute', 'sync', 'query'] as const) {
      expect(typeof protocol.serialize[name], `serialize.${name}`).toBe('function');
    }
    expect(typeof parse.parseDescribeStatementResults).toBe('function');
    expect(typeof parse.parseResults).toBe('function');
    expect(typeof db.serializers).toBe('object');
    expect(typeof db.parsers).toBe('object');
  });

  it('answers what query answers: rows, nulls, text timestamps, parameters of several types', async () => {
    const text = 'select id, name, at from probe where id = any($1::int[]) order by id';
    const viaQuery = await db.query<{ id: number; name: string | null }>(text, [[1, 3]]);
    for (let i = 0; i < 3; i++) {
      const prepared = await runOnPglite(db, text, [[1, 3]]);
      expect(prepared.rows.map((r) => ({ ...(r as object), at: undefined }))).toEqual(
        viaQuery.rows.map((r) => ({ ...r, at: undefined })),
      );
      // Timestamps stay text, as drizzle's execute gives them.
      expect(typeof (prepared.rows[0] as { at: unknown }).at).toBe('string');
    }
  });

  it('reports errors with their SQLSTATE, and prepares again after the statements are dropped', async () => {
    await expect(
      runOnPglite(db, 'insert into probe (id, name) values ($1, $2)', [1, 'dup']),
    ).rejects.toMatchObject({ code: '23505' });
    const text = 'select count(*)::int as n from probe where name is not null and id > $1';
    expect((await runOnPglite(db, text, [0])).rows).toEqual([{ n: 2 }]);
    await db.exec('deallocate all');
    expect((await runOnPglite(db, text, [0])).rows).toEqual([{ n: 2 }]);
    // A schema change outdates the plan (0A000 / 26000 are handled by preparing again).
    await db.exec('alter table probe add column extra int');
    expect((await runOnPglite(db, 'select * from probe where id = $1', [2])).rows).toHaveLength(1);
    expect((await runOnPglite(db, 'select * from probe where id = $1', [2])).rows).toHaveLength(1);
  });

  it('waits for a transaction another caller holds open', async () => {
    let inside = false;
    const tx = db.transaction(async (t) => {
      inside = true;
      await t.query(`update probe set name = 'tx' where id = 2`);
      await new Promise((r) => setTimeout(r, 50));
      inside = false;
    });
    await new Promise((r) => setTimeout(r, 5));
    const seen = await runOnPglite(db, 'select name from probe where id = $1', [2]);
    expect(inside).toBe(false);
    await tx;
    expect(seen.rows).toEqual([{ name: 'tx' }]);
  });
});
