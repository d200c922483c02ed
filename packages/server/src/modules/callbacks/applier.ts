import type { ThirdType } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import type { CallbacksRepo } from './callbacks.repo';

export interface CallbackApplyOptions {
  /** Events of one tenant arriving within this window after the first are applied by one run. */
  debounceMs?: number;
  /** How often to look again while another run of the tenant is active, and until ours ends. */
  pollMs?: number;
}

export interface ApplierLog {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const DEFAULTS: Required<CallbackApplyOptions> = { debounceMs: 2_000, pollMs: 500 };
const silent: ApplierLog = { warn: () => {}, error: () => {} };

type Step = 'done' | 'retry';
interface Slot {
  timer?: NodeJS.Timeout;
  busy: boolean;
  /** An event arrived while an attempt was under way: look again once it is over. */
  again: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies stored contact changes. First version, said plainly: an event is not applied on its
 * own — a tenant's events are coalesced into ONE `runNow(trigger 'callback')`, which re-reads the
 * whole directory through the same read → plan → guard → apply path as a full sync. It is correct
 * for every change type (renames via NewUserID included) but costs a full read per burst.
 * Nothing is lost: events stay unapplied (applied_at null) until a run that took them succeeds;
 * one that fails or stops for confirmation leaves them for the next attempt, which the next
 * event or the pick-up at start makes.
 */
export function createCallbackApplier(deps: {
  repo: CallbacksRepo;
  sync: Pick<DirectorySyncService, 'runNow'>;
  options?: CallbackApplyOptions;
}) {
  const { repo, sync } = deps;
  const opts = { ...DEFAULTS, ...deps.options };
  const slots = new Map<string, Slot>();
  const inflight = new Set<Promise<void>>();
  let log = silent;
  let stopped = false;

  async function waitForRun(tenantId: number, runId: number) {
    for (;;) {
      if (stopped) return null;
      const run = await repo.findRunStatus(tenantId, runId);
      if (!run || run.status !== 'running') return run;
      await sleep(opts.pollMs);
    }
  }

  async function applyOnce(tenantId: number, thirdType: ThirdType): Promise<Step> {
    const maxId = await repo.maxUnappliedId(tenantId, thirdType);
    if (maxId === null) return 'done';
    let runId: number;
    try {
      ({ runId } = await sync.runNow(tenantId, thirdType, {
        trigger: 'callback',
        actorUserId: null,
      }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'sync.run_active') return 'retry';
      if (!(err instanceof AppError)) throw err;
      // Not configured any more, disabled…: kept with the reason, taken again by the next attempt.
      await repo.markNotApplied(tenantId, thirdType, maxId, 'failed', {
        code: err.code,
        message: err.message,
      });
      log.warn({ tenantId, code: err.code }, 'callback events could not start a sync run');
      return 'done';
    }
    await repo.claim(tenantId, thirdType, maxId, runId);
    const run = await waitForRun(tenantId, runId);
    // Shutting down: the events stay unapplied and are taken again at the next start.
    if (run) await repo.settle(tenantId, runId, run);
    return 'done';
  }

  function schedule(tenantId: number, thirdType: ThirdType, slot: Slot, delayMs: number) {
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      const p = attempt(tenantId, thirdType, slot).finally(() => inflight.delete(p));
      inflight.add(p);
    }, delayMs);
  }

  async function attempt(tenantId: number, thirdType: ThirdType, slot: Slot) {
    slot.busy = true;
    slot.again = false;
    let step: Step = 'done';
    try {
      step = await applyOnce(tenantId, thirdType);
    } catch (err) {
      log.error({ err, tenantId }, 'applying callback events failed');
    } finally {
      slot.busy = false;
    }
    if (stopped) return;
    if (step === 'retry') schedule(tenantId, thirdType, slot, opts.pollMs);
    else if (slot.again) schedule(tenantId, thirdType, slot, opts.debounceMs);
  }

  /** A new event was stored: apply it (and whatever else arrives meanwhile) after the window. */
  function notify(tenantId: number, thirdType: ThirdType) {
    if (stopped) return;
    const key = `${tenantId}:${thirdType}`;
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = { busy: false, again: false }));
    if (slot.busy) slot.again = true;
    else if (!slot.timer) schedule(tenantId, thirdType, slot, opts.debounceMs);
  }

  return {
    notify,

    /**
     * The nightly reconcile (PRODUCT.md §5.7): a full run that also takes every event still
     * waiting, so a missed delivery or a failed callback run is caught within a day. Waits for the
     * run; the events are settled by its outcome like a callback run's.
     */
    async reconcile(tenantId: number, thirdType: ThirdType): Promise<{ runId: number }> {
      const maxId = await repo.maxUnappliedId(tenantId, thirdType);
      const { runId } = await sync.runNow(tenantId, thirdType, {
        trigger: 'reconcile',
        actorUserId: null,
      });
      if (maxId === null) return { runId };
      await repo.claim(tenantId, thirdType, maxId, runId);
      const run = await waitForRun(tenantId, runId);
      if (run) await repo.settle(tenantId, runId, run);
      return { runId };
    },

    /** Picks up what an earlier process stored but did not apply (crash, restart, failure). */
    async start(logger: ApplierLog) {
      log = logger;
      for (const t of await repo.listUnappliedTenants()) notify(t.tenantId, t.thirdType);
    },

    /** Stops the timers and waits for attempts under way (a run itself is drained by sync). */
    async stop() {
      stopped = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}
export type CallbackApplier = ReturnType<typeof createCallbackApplier>;
