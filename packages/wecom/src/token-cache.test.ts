import { describe, expect, it } from 'vitest';
import { createMemoryTokenStore, createTokenCache, tokenKey, type TokenStore } from './token-cache';

function counter(prefix = 't') {
  let n = 0;
  const fetchToken = async () => {
    n++;
    await new Promise((r) => setTimeout(r, 5));
    return { token: `${prefix}${n}`, expiresIn: 7200 };
  };
  return { fetchToken, calls: () => n };
}

describe('tokenKey', () => {
  it('is corpId plus a secret hash that does not reveal the secret', () => {
    const k = tokenKey('ww1', 's3cret');
    expect(k).toMatch(/^ww1:[0-9a-f]{16}$/);
    expect(k).not.toContain('s3cret');
    expect(tokenKey('ww1', 'other')).not.toBe(k);
  });
});

describe('createTokenCache', () => {
  it('single-flights concurrent cold reads, also across caches sharing one store', async () => {
    const store = createMemoryTokenStore();
    const c = counter();
    const a = createTokenCache({ store, key: 'k', fetchToken: c.fetchToken });
    const b = createTokenCache({ store, key: 'k', fetchToken: c.fetchToken });
    const got = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).get()));
    expect(new Set(got)).toEqual(new Set(['t1']));
    expect(c.calls()).toBe(1);
  });

  it('refreshes ahead of expiry and uses the old token if the refresh fails', async () => {
    let clock = 0;
    const store = createMemoryTokenStore();
    let fail = false;
    let n = 0;
    const cache = createTokenCache({
      store,
      key: 'k',
      now: () => clock,
      fetchToken: async () => {
        if (fail) throw new Error('gettoken down');
        return { token: `t${++n}`, expiresIn: 7200 };
      },
    });
    expect(await cache.get()).toBe('t1');
    clock = (7200 - 299) * 1000; // inside the 5-minute refresh window
    expect(await cache.get()).toBe('t2');
    clock += (7200 - 299) * 1000;
    fail = true;
    expect(await cache.get()).toBe('t2');
    clock += 300 * 1000; // now really expired
    await expect(cache.get()).rejects.toThrow('gettoken down');
  });

  it('keeps the real expiry when a refresh-ahead returns the same token (WeCom semantics)', async () => {
    let clock = 0;
    let calls = 0;
    // Like WeCom: the live token comes back unchanged with expires_in 7200 until it expires.
    const fetchToken = async () => {
      calls++;
      return { token: `t${Math.floor(clock / 7_200_000)}`, expiresIn: 7200 };
    };
    const store = createMemoryTokenStore();
    const cache = createTokenCache({ store, key: 'k', now: () => clock, fetchToken });
    const other = createTokenCache({ store, key: 'k', now: () => clock, fetchToken });
    expect(await cache.get()).toBe('t0');
    clock = 7_000_000; // refresh window
    expect(await cache.get()).toBe('t0');
    expect(await other.get()).toBe('t0');
    clock = 7_100_000;
    expect(await cache.get()).toBe('t0');
    expect(calls).toBe(2); // one refresh-ahead, not one per call
    expect((await store.get('k'))?.expiresAt).toBe(7_200_000);
    clock = 7_200_000;
    expect(await other.get()).toBe('t1');
    expect(await cache.get()).toBe('t1');
    expect(calls).toBe(3);
  });

  it('invalidates only the token it was told about', async () => {
    const store = createMemoryTokenStore();
    const c = counter();
    const cache = createTokenCache({ store, key: 'k', fetchToken: c.fetchToken });
    expect(await cache.get()).toBe('t1');
    await cache.invalidate('stale-from-elsewhere');
    expect(await cache.get()).toBe('t1');
    await cache.invalidate('t1');
    expect(await store.get('k')).toBeNull();
    expect(await cache.get()).toBe('t2');
  });

  it('re-reads the store inside withLock so a second process does not fetch again', async () => {
    const inner = createMemoryTokenStore();
    let chain = Promise.resolve();
    const locking: TokenStore = {
      ...inner,
      withLock<T>(_key: string, fn: () => Promise<T>) {
        const run = chain.then(fn);
        chain = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    // Two "processes": separate stores objects over the same data, so no shared in-process flight.
    const other: TokenStore = { ...locking };
    const c = counter();
    const p1 = createTokenCache({ store: locking, key: 'k', fetchToken: c.fetchToken });
    const p2 = createTokenCache({ store: other, key: 'k', fetchToken: c.fetchToken });
    const [x, y] = await Promise.all([p1.get(), p2.get()]);
    expect([x, y]).toEqual(['t1', 't1']);
    expect(c.calls()).toBe(1);
  });
});
