import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSyncRunner,
  INTERRUPTED,
  isShutdown,
  RunInterruptedError,
  ServerShuttingDown,
} from './sync-runner';
import { syncWorld, type SyncWorld } from './sync.test-harness';

/**
 * Issue 16 item 5 (PRODUCT.md §10): app close waits for this process's runs for at most the
 * shutdown grace, then aborts their signal with the shutdown reason (the lock-lost path), so each
 * stops at its next safe point and is recorded as interrupted by the shutdown. On both databases.
 */
let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 5, departments: 2, leavers: 0, disabled: 0, seed: 61 });
});
afterAll(async () => w?.close());

const silent = { error: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('draining sync runs at shutdown', () => {
  it('stops a run still going when the grace is over, with the shutdown reason', async () => {
    const runner = createSyncRunner({ db: w.t.db, database: w.t.database, log: silent });
    let seen: AbortSignal | undefined;
    runner.launch(w.tenant.id, -1, async (signal) => {
      seen = signal;
      // A long apply: a safe point every 20 ms, never finishing on its own.
      while (!signal.aborted) await sleep(20);
    });
    await sleep(50);
    const started = Date.now();
    await runner.drain(Date.now() + 300);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1_500);
    expect(seen!.reason).toBeInstanceOf(ServerShuttingDown);
    expect(isShutdown(seen!)).toBe(true);
    const stopped = new RunInterruptedError({ cause: seen!.reason });
    expect(stopped.error).toBe(INTERRUPTED.shutdown);
    expect(stopped.error.code).toBe('sync.interrupted');
    expect(stopped.error.message).toMatch(
      /^服务器正在停止（SIGTERM）.* — The server was shutting down/,
    );
  });

  it('lets a run that finishes within the grace finish, untouched', async () => {
    const runner = createSyncRunner({ db: w.t.db, database: w.t.database, log: silent });
    let seen: AbortSignal | undefined;
    let finished = false;
    runner.launch(w.tenant.id, -2, async (signal) => {
      seen = signal;
      await sleep(150);
      finished = true;
    });
    await runner.drain(Date.now() + 2_000);
    expect(finished).toBe(true);
    expect(seen!.aborted).toBe(false);
  });

  it('a lost lock is still told apart from the shutdown', () => {
    expect(new RunInterruptedError({ cause: new Error('connection terminated') }).error).toBe(
      INTERRUPTED.lockLost,
    );
    expect(
      new RunInterruptedError({ cause: new Error('x'), reason: new ServerShuttingDown() }).error,
    ).toBe(INTERRUPTED.shutdown);
  });
});
