import { describe, expect, it } from 'vitest';
import { createBatcher, createKeyedLoader } from './batcher';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('createBatcher', () => {
  it('groups the calls of one turn, then the calls that arrive while a batch runs', async () => {
    const batches: number[][] = [];
    const b = createBatcher(async (items: number[]) => {
      batches.push(items);
      await tick();
      return items.map((i) => i * 10);
    });
    const first = [1, 2].map((i) => b.run(i));
    expect(batches).toEqual([]); // starts after this turn's callbacks
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2]]);
    const rest = [3, 4, 5].map((i) => b.run(i));
    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(await Promise.all(rest)).toEqual([30, 40, 50]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('fails only the bad item: a failed batch is re-run item by item', async () => {
    const calls: number[][] = [];
    const b = createBatcher(async (items: number[]) => {
      calls.push(items);
      await tick();
      if (items.includes(3)) throw new Error('bad 3');
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => b.run(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('bad 3');
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('rejects every caller when the executor answers the wrong number of results', async () => {
    const b = createBatcher(async (items: number[]) => items.slice(1));
    await expect(b.run(1)).rejects.toThrow(/0 results for 1 items/);
  });

  it('caps a batch at maxBatch items', async () => {
    const sizes: number[] = [];
    const b = createBatcher(
      async (items: number[]) => {
        sizes.push(items.length);
        await tick();
        return items;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((i) => b.run(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('createKeyedLoader', () => {
  it('loads each distinct key once per batch and answers undefined for missing keys', async () => {
    const loads: string[][] = [];
    const load = createKeyedLoader(
      (k: string) => k,
      async (keys) => {
        loads.push(keys);
        await tick();
        return new Map(keys.filter((k) => k !== 'x').map((k) => [k, k.toUpperCase()]));
      },
    );
    const first = load('a');
    await new Promise((r) => setImmediate(r));
    const rest = await Promise.all(['b', 'b', 'x', 'c'].map((k) => load(k)));
    expect(await first).toBe('A');
    expect(rest).toEqual(['B', 'B', undefined, 'C']);
    expect(loads).toEqual([['a'], ['b', 'x', 'c']]);
  });

  it('never answers a call from a lookup that started before the call', async () => {
    let version = 0;
    const load = createKeyedLoader(
      (k: string) => k,
      async (keys) => {
        const seen = version;
        await tick();
        return new Map(keys.map((k) => [k, seen]));
      },
    );
    const before = load('k');
    await new Promise((r) => setImmediate(r));
    version = 1; // a write lands while the first lookup is running
    const after = load('k');
    expect(await before).toBe(0);
    expect(await after).toBe(1);
  });
});
