import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app';
import { TEST_ADMIN_PASSWORD, usePostgres } from './test-db';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('application shell', () => {
  it('runs on the database engine the test project asks for', () => {
    expect(t.database.kind).toBe(usePostgres() ? 'postgres' : 'pglite');
  });

  it('answers /health without authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('documents every /sys route in /openapi.json with an operationId and error responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as {
      paths: Record<
        string,
        Record<string, { operationId?: string; responses: Record<string, unknown> }>
      >;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ path, m, op })),
    );
    expect(ops.length).toBeGreaterThanOrEqual(20);
    for (const { path, op } of ops) {
      expect(path.startsWith('/sys/')).toBe(true);
      expect(op.operationId, path).toBeTruthy();
      // JSON API routes document the error envelope; browser redirects/pages may not.
      const ok = op.responses['200'] as { content?: Record<string, unknown> } | undefined;
      if (ok?.content?.['application/json']) {
        expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['4XX', '5XX']));
      }
    }
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await t.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('answers unknown API paths with a 404 envelope', async () => {
    const res = await t.call('GET', '/sys/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      success: false,
      code: 404,
      errorCode: 'request.route_not_found',
      result: null,
    });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('says how to build the console when it is not built', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
  });

  it('maps malformed JSON to 400, wrong media type to 415 and over-1MB bodies to 413', async () => {
    const json = { 'content-type': 'application/json' };
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/sys/login',
      headers: json,
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ success: false, errorCode: 'request.malformed_json' });

    const media = await t.app.inject({
      method: 'POST',
      url: '/sys/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().success).toBe(false);

    const big = JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/sys/login',
      headers: json,
      payload: big,
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      success: false,
      code: 413,
      errorCode: 'request.body_too_large',
      message: expect.stringContaining('1 MB limit'),
    });
  });

  it('treats an empty JSON body as no body', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    const headers = { 'content-type': 'application/json', 'x-access-token': token };
    const logout = await t.app.inject({ method: 'POST', url: '/sys/logout', headers, payload: '' });
    expect(logout.statusCode).toBe(200);
    const add = await t.app.inject({
      method: 'POST',
      url: '/sys/tenant/add',
      headers: { ...headers, 'x-access-token': t.adminToken },
      payload: '',
    });
    expect(add.statusCode).toBe(400);
    expect(add.json().errorCode).toBe('request.invalid');
  });

  it('names the field and the rule in validation errors', async () => {
    const res = await t.call(
      'POST',
      '/sys/tenant/add',
      { name: 42, extra: 1 },
      { token: t.adminToken },
    );
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('request.invalid');
    expect(res.body.message).toContain('"name"');
    expect(res.body.details).toMatchObject({ location: 'body', field: 'name' });
  });
});
