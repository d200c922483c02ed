/** Shared arrangement of the jobs suites: a simulator, apps running jobs, a configured tenant. */
import { randomBytes } from 'node:crypto';
import { madeUpCorp, simEndpoints, withSimulator, withWeComTenant } from '@orgbridge/test-world';
import type { SimOptions, Simulator } from '@orgbridge/wecom-sim';
import PgBoss from 'pg-boss';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { createPostgresDatabase } from '../../../test/test-db';
import { openDatabase, type Database } from '../../db/client';
import { createBossDb } from './boss-db';
import { DIRECTORY_SYNC } from './directory-sync.job';
import { BOSS_SCHEMA, queueName } from './jobs.service';
import type { JobsOptions } from './jobs.types';

/**
 * Polling and cron checks fast enough for tests (production: 10 s and 30 s). No periodic refresh
 * unless a test asks for one: it would hide a schedule update that did not happen on save.
 */
export const FAST_JOBS: JobsOptions = {
  pollingIntervalSeconds: 0.5,
  cronIntervalSeconds: 1,
  refreshSeconds: 3600,
};

export const THIRD_TYPE = 'wechat_enterprise' as const;

/**
 * A pg-boss client of our own on the app's database, like an operator's script: it reads the
 * schedules and sends jobs, and never starts (no workers, no cron, no maintenance).
 */
export function observer(database: Database): PgBoss {
  return new PgBoss({ db: createBossDb(database), schema: BOSS_SCHEMA });
}

export const syncQueue = (tenantId: number) =>
  queueName(DIRECTORY_SYNC, { tenantId, thirdType: THIRD_TYPE });

/** This tenant's directory-sync schedules as pg-boss stores them. */
export async function schedulesOf(boss: PgBoss, tenantId: number) {
  const all = await boss.getSchedules();
  return all.filter((s) => s.name.startsWith(`${DIRECTORY_SYNC}.${tenantId}.`));
}

/** @deprecated the shared test world's `Tenancy` (`@orgbridge/test-world`). */
export type { Tenancy } from '@orgbridge/test-world';

/**
 * A tenant with an admin, connected with `syncPolicy` to the simulator's corp, or (`sim` null) to
 * a made-up corp for tests that never call WeCom.
 * @deprecated `withWeComTenant(t, sim ?? madeUpCorp(), { policy })` of the shared test world.
 */
export const connectTenant = (
  t: TestApp,
  sim: Simulator | null,
  syncPolicy: Record<string, unknown> = {},
) => withWeComTenant(t, sim ?? madeUpCorp(), { policy: syncPolicy });

export async function listRuns(t: TestApp, admin: TestUser) {
  const res = await t.call('GET', '/sys/thirdApp/sync/runs?page=1&pageSize=50', undefined, {
    token: admin.token,
  });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result.records as {
    id: number;
    trigger: string;
    status: string;
    counts: Record<string, number>;
    error: Record<string, unknown> | null;
  }[];
}

/** The jobs suites' simulator: a small corp, no latency. */
export const startSim = (opts: SimOptions = {}): Promise<Simulator> =>
  withSimulator({ seed: 11, users: 24, departments: 4, ...opts });

export { simEndpoints };

/**
 * One fresh PostgreSQL database that several apps open with pools of their own, like separate
 * OrgBridge processes (the shared test database helper gives every app its own database).
 */
export async function sharedPostgres() {
  const created = await createPostgresDatabase();
  return {
    open: () => openDatabase({ databaseUrl: created.url, poolSize: 5 }),
    drop: created.drop,
  };
}

/** Apps of one deployment share SECRET_KEY (they decrypt each other's stored secrets). */
export const sharedSecretKey = () => randomBytes(32);
