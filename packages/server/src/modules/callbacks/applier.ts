import type { ThirdType } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { DirectorySyncService } from '../directory-sync/sync.service';
import type { CallbacksRepo } from './callbacks.repo';

export interface CallbackApplyOptions {
  /** Events of one tenant arriving within this window after the first are applied by one run. */
  debounceMs?: number;
  /** How often to look again while another run of the tenant is active, and until ours ends. */
  pollMs?: number;
  /** First wait before a failed apply is tried again; doubles per failure up to `retryMaxMs`. */
  retryMs?: number;
  retryMaxMs?: number;
}

export interface ApplierLog {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const DEFAULTS: Required<CallbackApplyOptions> = {
  debounceMs: 2_000,
  pollMs: 500,
  retryMs: 5_000,
  retryMaxMs: 10 * 60_000,
};
/** Events per run: a longer backlog is taken by the next run of the same attempt. */
const BATCH = 500;
const silent: ApplierLog = { warn: () => {}, error: () => {} };

/** `retry`: another run is active; `failed`: ours failed (backoff); `more`: a backlog is left. */
type Step = 'done' | 'retry' | 'failed' | 'more';
interface Slot {
  timer?: NodeJS.Timeout;
  busy: boolean;
  /** Failed attempts in a row (the backoff's exponent). */
  failures: number;
  /** An event arrived while an attempt was under way: look again once it is over. */
  again: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies stored contact changes (PRODUCT.md §5.7). A tenant's events arriving within the debounce
 * window are taken by ONE run (trigger 'callback': a `sync_runs` row, so it is in the run history
 * and holds the tenant's one-run rule and lock) in which each event re-reads only the member or
 * department it names (directory-sync/targeted.ts) and is marked applied once its writes
 * committed. An event only a full read can decide turns that run into a full one.
 * Nothing is lost: an event stays unapplied (applied_at null) until it was applied; a run that
 * fails leaves the rest with its reason and is tried again after a backoff (5 s doubling to
 * 10 min), a run stopped for confirmation waits for the admin (or the nightly reconcile); a run
 * of the tenant already active (a full sync) is waited for.
 */
export function createCallbackApplier(deps: {
  repo: CallbacksRepo;
  sync: Pick<DirectorySyncService, 'runNow' | 'runTargeted'>;
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
    const batch = await repo.listUnapplied(tenantId, thirdType, maxId, BATCH);
    const last = batch.last ?? maxId;
    let runId: number;
    try {
      // A change only a full read can apply (the app's range changed) makes the run a full one.
      ({ runId } = batch.full
        ? await sync.runNow(tenantId, thirdType, { trigger: 'callback', actorUserId: null })
        : await sync.runTargeted(tenantId, thirdType, batch.events, {
            applied: (ids, run) => repo.markApplied(tenantId, ids, run),
          }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'sync.run_active') return 'retry';
      if (!(err instanceof AppError)) throw err;
      // Not configured any more, disabled…: kept with the reason, taken again by the next attempt.
      await repo.markNotApplied(tenantId, thirdType, last, 'failed', {
        code: err.code,
        message: err.message,
      });
      log.warn({ tenantId, code: err.code }, 'callback events could not start a sync run');
      return 'failed';
    }
    await repo.claim(tenantId, thirdType, last, runId);
    const run = await waitForRun(tenantId, runId);
    // Shutting down: the events stay unapplied and are taken again at the next start.
    if (!run) return 'done';
    await repo.settle(tenantId, runId, run);
    if (run.status === 'failed') return 'failed';
    return last < maxId ? 'more' : 'done';
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
    slot.failures = step === 'failed' ? slot.failures + 1 : 0;
    if (step === 'retry' || step === 'more') schedule(tenantId, thirdType, slot, opts.pollMs);
    else if (step === 'failed') {
      const backoff = Math.min(opts.retryMs * 2 ** (slot.failures - 1), opts.retryMaxMs);
      schedule(tenantId, thirdType, slot, slot.again ? opts.debounceMs : backoff);
    } else if (slot.again) schedule(tenantId, thirdType, slot, opts.debounceMs);
  }

  /** A new event was stored: apply it (and whatever else arrives meanwhile) after the window. */
  function notify(tenantId: number, thirdType: ThirdType) {
    if (stopped) return;
    const key = `${tenantId}:${thirdType}`;
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = { busy: false, again: false, failures: 0 }));
    if (slot.busy) slot.again = true;
    else if (!slot.timer) schedule(tenantId, thirdType, slot, opts.debounceMs);
    else if (slot.failures > 0) {
      // Waiting out a failure: a new event is a reason to try again now.
      clearTimeout(slot.timer);
      schedule(tenantId, thirdType, slot, opts.debounceMs);
    }
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
