import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/** `{"a":{"a":…}}` or `[[…]]` nested `depth` levels, as raw text (JSON.stringify would recurse). */
function nested(depth: number, kind: 'object' | 'array' = 'object'): string {
  const [open, close] = kind === 'object' ? ['{"a":', '}'] : ['[', ']'];
  return open.repeat(depth) + '1' + close.repeat(depth);
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function post(url: string, payload: string, token?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': 'application/json',
      ...(token ? { 'x-access-token': token } : {}),
    },
  });
  return { status: res.statusCode, body: res.json() };
}

describe('JSON nesting limit (PRODUCT.md §7 hardening)', () => {
  it.each([
    ['an object 5,000 deep', nested(5000)],
    ['an array 5,000 deep', nested(5000, 'array')],
    ['a username 100,000 deep', `{"username":${nested(100_000)},"password":"x"}`],
  ])('sign-in without a token answers 400 request.too_deep for %s, not 500', async (_, body) => {
    const res = await post('/sys/login', body);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('request.too_deep');
    expect(res.body.message).toMatch(/64/);
  });

  it('an authenticated route answers 400 request.too_deep too', async () => {
    const res = await post(
      '/sys/user/add',
      `{"username":"deep","realname":${nested(5000)}}`,
      t.adminToken,
    );
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('request.too_deep');
  });

  it('a body 64 levels deep is parsed and reaches validation as usual', async () => {
    const res = await post('/sys/login', `{"username":"admin","password":${nested(63)}}`);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('request.invalid');
  });

  it('brackets inside strings do not count as nesting', async () => {
    const password = '['.repeat(60) + '{'.repeat(60);
    const res = await post('/sys/login', JSON.stringify({ username: 'nobody', password }));
    expect(res.status).toBe(401);
  });
});
