import { describe, expect, it } from 'vitest';
import { backoffDelay, createGovernor, DEFAULT_RETRY, sharedGovernor } from './governor';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, p, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
  });
});

describe('createGovernor', () => {
  it('never exceeds the bound per API, serves waiters FIFO, and keeps APIs independent', async () => {
    const g = createGovernor(3);
    const order: number[] = [];
    let max = 0;
    const tasks = Array.from({ length: 20 }, (_, i) =>
      g.run('a', async () => {
        max = Math.max(max, g.inFlight('a'));
        await new Promise((r) => setTimeout(r, 2));
        order.push(i);
      }),
    );
    const other = g.run('b', async () => g.inFlight('b'));
    await Promise.all(tasks);
    expect(await other).toBe(1);
    expect(max).toBe(3);
    expect(g.peak('a')).toBe(3);
    expect(g.inFlight('a')).toBe(0);
    expect(order.slice(0, 3).sort()).toEqual([0, 1, 2]);
  });

  it('releases the slot when the task throws', async () => {
    const g = createGovernor(1);
    await expect(g.run('a', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await g.run('a', async () => 'ok')).toBe('ok');
  });

  it('shares lanes per (apiBase, corp, concurrency) across callers', () => {
    expect(sharedGovernor('http://a', 'ww1', 5)).toBe(sharedGovernor('http://a', 'ww1', 5));
    expect(sharedGovernor('http://a', 'ww1', 5)).not.toBe(sharedGovernor('http://a', 'ww2', 5));
    expect(() => createGovernor(0)).toThrow(RangeError);
  });
});
