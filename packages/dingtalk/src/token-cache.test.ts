import { describe, expect, it } from 'vitest';
import { createMemoryTokenStore, createTokenCache, tokenKey } from './token-cache';

function fakeFetcher() {
  let n = 0;
  let fail = false;
  return {
    calls: () => n,
    failNext: () => void (fail = true),
    fetchToken: async () => {
      n++;
      if (fail) {
        fail = false;
        throw new Error('down');
      }
      return { token: `t${n}`, expiresIn: 7200 };
    },
  };
}

describe('token cache (unit)', () => {
  it('keeps secrets out of the key', () => {
    expect(tokenKey('app', 'super-secret')).not.toContain('super-secret');
    expect(tokenKey('app', 'a')).not.toBe(tokenKey('app', 'b'));
  });

  it('refreshes ahead of expiry, and keeps the old token when the refresh fails', async () => {
    let now = 0;
    const f = fakeFetcher();
    const cache = createTokenCache({
      store: createMemoryTokenStore(),
      key: 'k',
      fetchToken: f.fetchToken,
      refreshAheadMs: 300_000,
      now: () => now,
    });
    expect(await cache.get()).toBe('t1');
    now = 7_000_000; // inside the 5-minute refresh window, still valid
    f.failNext();
    expect(await cache.get()).toBe('t1');
    expect(await cache.get()).toBe('t3');
    expect(f.calls()).toBe(3);
  });

  it('fetches again after invalidate, and only once for concurrent callers', async () => {
    const f = fakeFetcher();
    const store = createMemoryTokenStore();
    const cache = createTokenCache({ store, key: 'k', fetchToken: f.fetchToken });
    const first = await cache.get();
    await cache.invalidate(first);
    const again = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(again)).toEqual(new Set(['t2']));
    expect(f.calls()).toBe(2);
  });

  it('does not drop a token another process already replaced', async () => {
    const store = createMemoryTokenStore();
    await store.set('k', { token: 'new', expiresAt: Date.now() + 7_200_000 });
    await store.invalidate('k', 'old');
    expect((await store.get('k'))?.token).toBe('new');
  });
});
