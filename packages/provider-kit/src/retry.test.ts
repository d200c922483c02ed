import { describe, expect, it } from 'vitest';
import { runWithRetry, type RetryLoop } from './retry';

class TestError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    readonly uncertain: boolean,
    readonly kind = 'transient',
  ) {
    super(code);
  }
}

function loop(
  answers: (TestError | Record<string, unknown>)[],
  over: Partial<RetryLoop<TestError>> = {},
) {
  const tokens: string[] = [];
  const invalidated: string[] = [];
  let n = 0;
  let calls = 0;
  const l: RetryLoop<TestError> = {
    limits: { maxAttempts: 3, maxTotalMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 },
    separate: { isHit: (e) => e.code === 'busy', attempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
    idempotent: true,
    token: async () => `t${n}`,
    async attempt(token) {
      tokens.push(token!);
      const a = answers[Math.min(calls++, answers.length - 1)]!;
      if (a instanceof TestError) throw a;
      return a;
    },
    isError: (e): e is TestError => e instanceof TestError,
    wantsNewToken: (e) => e.code === 'token',
    invalidate: async (t) => {
      invalidated.push(t);
      n++;
    },
    sleep: async () => undefined,
    ...over,
  };
  return { l, tokens, invalidated, calls: () => calls };
}

describe('runWithRetry', () => {
  it('refreshes the token once, outside the attempt budget', async () => {
    const t = loop([new TestError('token', false, false, 'token'), { ok: 1 }]);
    await expect(runWithRetry(t.l)).resolves.toEqual({ ok: 1 });
    expect(t.invalidated).toEqual(['t0']);
    expect(t.tokens).toEqual(['t0', 't1']);
  });

  it('a second token refusal is not refreshed again', async () => {
    const t = loop([new TestError('token', false, false, 'token')]);
    await expect(runWithRetry(t.l)).rejects.toMatchObject({ code: 'token' });
    expect(t.calls()).toBe(2);
  });

  it('retries transient failures up to maxAttempts', async () => {
    const t = loop([new TestError('x', true, false)]);
    await expect(runWithRetry(t.l)).rejects.toMatchObject({ code: 'x' });
    expect(t.calls()).toBe(3);
  });

  it('gives separate refusals a budget of their own', async () => {
    const busy = new TestError('busy', true, false);
    const t = loop([busy, busy, busy, new TestError('x', true, false), { ok: 1 }]);
    await expect(runWithRetry(t.l)).resolves.toEqual({ ok: 1 });
    expect(t.calls()).toBe(5);
    const all = loop([busy]);
    await expect(runWithRetry(all.l)).rejects.toBe(busy);
    expect(all.calls()).toBe(4);
  });

  it('does not repeat an uncertain failure of a non-idempotent call', async () => {
    const t = loop([new TestError('reset', true, true), { ok: 1 }], { idempotent: false });
    await expect(runWithRetry(t.l)).rejects.toMatchObject({ code: 'reset' });
    expect(t.calls()).toBe(1);
  });

  it('rethrows what is not a provider error at once', async () => {
    const bug = new TypeError('bug');
    const t = loop([], {
      attempt: async () => {
        throw bug;
      },
    });
    await expect(runWithRetry(t.l)).rejects.toBe(bug);
  });
});
