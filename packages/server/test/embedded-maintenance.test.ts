import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import { planMaintenance, startEmbeddedMaintenance } from '../src/db/embedded-maintenance';
import { openTestDatabase, usePostgres } from './test-db';

const stats = (relname: string, live: number, dead: number, modified: number) => ({
  relname,
  n_live_tup: live,
  n_dead_tup: dead,
  n_mod_since_analyze: modified,
});

describe('planMaintenance (autovacuum’s thresholds)', () => {
  it('vacuums past 50 + 20 % dead rows and analyzes past 50 + 10 % changed rows', () => {
    expect(
      planMaintenance([
        stats('quiet', 1000, 250, 150),
        stats('dead', 1000, 251, 0),
        stats('changed', 1000, 0, 151),
        stats('both', 1000, 300, 400),
        stats('new', 0, 0, 51),
        stats('tiny', 0, 50, 50),
      ]),
    ).toEqual({ vacuum: ['dead', 'both'], analyze: ['changed', 'new'] });
  });

  it('reads the counts PostgreSQL reports as strings (bigint)', () => {
    expect(planMaintenance([{ ...stats('s', 0, 0, 0), n_mod_since_analyze: '60' }])).toEqual({
      vacuum: [],
      analyze: ['s'],
    });
  });
});

describe.skipIf(usePostgres())('startEmbeddedMaintenance', () => {
  let database: Database;
  const client = () => (database.db as unknown as { $client: PGlite }).$client;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  const probe = async () =>
    (
      await client().query<{
        n_dead_tup: number;
        last_vacuum: Date | null;
        last_analyze: Date | null;
      }>(
        `select n_dead_tup::int, last_vacuum, last_analyze from pg_stat_user_tables
         where relname = 'upkeep_probe'`,
      )
    ).rows[0];

  it('vacuums and analyzes a table that needs it, and nothing once it is done', async () => {
    await client().exec(`
      create table upkeep_probe (id int primary key, n int);
      insert into upkeep_probe select g, 0 from generate_series(1, 200) g;
      update upkeep_probe set n = 1 where id <= 120;`);
    const upkeep = startEmbeddedMaintenance(client(), { intervalMs: 3_600_000 });
    try {
      // PostgreSQL publishes a backend's counts once a second, when it next goes idle.
      await new Promise((r) => setTimeout(r, 1_100));
      await client().query('select 1');
      expect((await probe())!.n_dead_tup).toBe(120);
      expect(await upkeep.check()).toContain('vacuum (analyze) public.upkeep_probe');
      const after = (await probe())!;
      expect(after.last_vacuum).not.toBeNull();
      expect(after.last_analyze).not.toBeNull();
      expect(after.n_dead_tup).toBe(0);
      expect((await upkeep.check()).join(';')).not.toContain('upkeep_probe');
    } finally {
      await upkeep.stop();
    }
    expect(await upkeep.check()).toEqual([]);
  });

  it('is started and stopped with the embedded database', async () => {
    expect(database.maintenance).toBeDefined();
    await expect(database.maintenance!.check()).resolves.toBeInstanceOf(Array);
  });
});
