import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testConfig, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { buildApp } from '../../app';
import { verifyFiles } from '../../db/schema';

let t: TestApp;
let a: { tenant: TestTenant; admin: TestUser; member: TestUser };
let b: { tenant: TestTenant; admin: TestUser };
let seq = 0;
/** WeCom's names: `WW_verify_` + a 16-character code; unique per test and run. */
const fresh = () => `WW_verify_${process.pid}x${Date.now().toString(36)}${++seq}.txt`;

beforeAll(async () => {
  t = await buildTestApp();
  const ta = await t.factories.tenant();
  const tb = await t.factories.tenant();
  a = {
    tenant: ta,
    admin: await t.factories.user(ta.id, { role: 'admin' }),
    member: await t.factories.user(ta.id),
  };
  b = { tenant: tb, admin: await t.factories.user(tb.id, { role: 'admin' }) };
});
afterAll(() => t?.close());

const upload = (who: TestUser, fileName: string, content: unknown = 'abcDEF0123456789') =>
  t.call('POST', '/sys/thirdApp/verifyFiles', { fileName, content }, { token: who.token });
const list = (who: TestUser) =>
  t.call('GET', '/sys/thirdApp/verifyFiles', undefined, { token: who.token });
const remove = (who: TestUser, fileName: string) =>
  t.call('DELETE', `/sys/thirdApp/verifyFiles/${encodeURIComponent(fileName)}`, undefined, {
    token: who.token,
  });
async function served(host: string, fileName: string) {
  const res = await t.app.inject({ method: 'GET', url: `/${fileName}`, headers: { host } });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
}

describe('verification files (WW_verify_*.txt)', () => {
  it('uploads, lists and serves a file as text/plain on the shared and the tenant host', async () => {
    const name = fresh();
    const up = await upload(a.admin, name, 'abcDEF0123456789');
    expect(up.status, up.body.message).toBe(200);
    expect(up.body.result).toMatchObject({ fileName: name, content: 'abcDEF0123456789' });
    const listed = (await list(a.admin)).body.result.records as { fileName: string }[];
    expect(listed.map((r) => r.fileName)).toContain(name);
    expect(
      (await list(b.admin)).body.result.records.map((r: { fileName: string }) => r.fileName),
    ).not.toContain(name);

    const shared = await served('localhost:3000', name);
    expect(shared).toMatchObject({ status: 200, body: 'abcDEF0123456789' });
    expect(shared.type).toMatch(/^text\/plain/);

    const hostA = `vf-a-${process.pid}-${++seq}.corp.example.com`;
    const hostB = `vf-b-${process.pid}-${++seq}.corp.example.com`;
    const opts = (who: TestUser, d: string | null) =>
      t.call('PUT', '/sys/tenant/domain', { customDomain: d }, { token: who.token });
    expect((await opts(a.admin, hostA)).status).toBe(200);
    expect((await opts(b.admin, hostB)).status).toBe(200);
    try {
      const own = await served(hostA, name);
      expect(own).toMatchObject({ status: 200, body: 'abcDEF0123456789' });
      expect(own.type).toMatch(/^text\/plain/);
      // Another tenant's host serves only that tenant's files.
      expect((await served(hostB, name)).status).toBe(404);
    } finally {
      await opts(a.admin, null);
      await opts(b.admin, null);
    }
  });

  it('a name another tenant serves answers 409; the same tenant replaces its content', async () => {
    const name = fresh();
    expect((await upload(a.admin, name, 'first')).status).toBe(200);
    const taken = await upload(b.admin, name, 'mine');
    expect(taken.status).toBe(409);
    expect(taken.body.errorCode).toBe('verify_files.name_taken');
    expect((await served('localhost:3000', name)).body).toBe('first');
    expect((await upload(a.admin, name, 'second')).status).toBe(200);
    expect((await served('localhost:3000', name)).body).toBe('second');
  });

  it('answers 404 once deleted, and a second delete (or another tenant’s) is 404', async () => {
    const name = fresh();
    expect((await upload(a.admin, name)).status).toBe(200);
    const foreign = await remove(b.admin, name);
    expect(foreign.status).toBe(404);
    expect((await served('localhost:3000', name)).status).toBe(200);
    expect((await remove(a.admin, name)).status).toBe(200);
    expect((await served('localhost:3000', name)).status).toBe(404);
    expect((await remove(a.admin, name)).status).toBe(404);
  });

  it('refuses names and bodies that are not a small verification text (400, never 5xx)', async () => {
    const badNames = [
      'robots.txt',
      'index.html',
      'WW_verify_.txt',
      'WW_verify_abc.html',
      'WW_verify_a/b.txt',
      'WW_verify_../../x.txt',
      'ww_verify_abc.txt.exe',
      `WW_verify_${'a'.repeat(80)}.txt`,
      '',
    ];
    for (const name of badNames) {
      const res = await upload(a.admin, name);
      expect(res.status, name).toBe(400);
      expect(res.body.success).toBe(false);
    }
    const named = await upload(a.admin, 'robots.txt');
    expect(named.body.errorCode).toBe('verify_files.name_invalid');
    const badBodies: unknown[] = ['', 'x'.repeat(1025), 'a\u0000b', '<\u0007>', 12];
    for (const content of badBodies) {
      const res = await upload(a.admin, fresh(), content);
      expect(res.status, JSON.stringify(content)).toBe(400);
    }
    expect((await upload(a.admin, fresh(), 'x'.repeat(1025))).body.errorCode).toBe(
      'verify_files.content_invalid',
    );
    expect((await upload(a.admin, fresh(), 'line 1\r\nline 2\n')).status).toBe(200);
  });

  it('is for tenant admins only (a member gets 403 on list, upload and delete)', async () => {
    expect((await list(a.member)).status).toBe(403);
    expect((await upload(a.member, fresh())).status).toBe(403);
    expect((await remove(a.member, fresh())).status).toBe(403);
  });
});

describe('served before the console fallback', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'orgbridge-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    app = await buildApp({
      config: testConfig(),
      database: t.database,
      logger: false,
      webDist: dist,
    });
    await app.ready();
  });
  afterAll(() => app?.close());

  it('answers /<fileName> with the file, an unknown verification name with 404, pages with the console', async () => {
    const name = fresh();
    await t.db
      .insert(verifyFiles)
      .values({ fileName: name, tenantId: a.tenant.id, content: 'servedNotSwallowed' });
    const hit = await app.inject({ method: 'GET', url: `/${name}` });
    expect(hit.statusCode).toBe(200);
    expect(hit.headers['content-type']).toMatch(/^text\/plain/);
    expect(hit.body).toBe('servedNotSwallowed');
    const miss = await app.inject({ method: 'GET', url: `/${fresh()}` });
    expect(miss.statusCode).toBe(404);
    expect(miss.body).not.toContain('console');
    const page = await app.inject({ method: 'GET', url: '/users' });
    expect(page.body).toContain('console');
  });
});
