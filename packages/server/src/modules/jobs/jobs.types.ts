import type { SyncPolicy, ThirdType } from '../../db/schema';

/** Whom a per-tenant job is for. */
export interface JobTarget {
  tenantId: number;
  thirdType: ThirdType;
}

/** What the scheduler knows about a tenant's connection (no secrets). */
export interface ScheduleSource extends JobTarget {
  enabled: boolean;
  syncPolicy: SyncPolicy;
  /** WeCom has delivered at least one contact-change callback for this connection. */
  usesCallbacks: boolean;
}

/**
 * A kind of per-tenant scheduled job (directory sync; later the nightly reconcile of PRODUCT.md
 * §5.7). pg-boss 10 keeps one schedule per queue — the schedule's name is its queue, there is no
 * `key` option before v11 — so every (tenant, third type) gets a queue `<name>.<tenantId>.<thirdType>`
 * carrying that tenant's cron.
 */
export interface TenantJobKind {
  name: string;
  /** The cron (5 fields, Asia/Shanghai) this connection asks for, or null for none. */
  cronOf(source: ScheduleSource): string | null;
  /** Runs one job; the result is stored as the pg-boss job's output. Throwing fails the job. */
  run(target: JobTarget): Promise<Record<string, unknown>>;
}

export interface JobsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface JobsOptions {
  /** How often each worker asks for a due job (pg-boss `pollingIntervalSeconds`; ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss looks for due cron schedules and turns them into jobs (1–45). */
  cronIntervalSeconds?: number;
  /**
   * How often each process re-reads the configs and queues: repairs a schedule whose update
   * failed and serves queues another process created (and takes over when that one stops).
   */
  refreshSeconds?: number;
}
