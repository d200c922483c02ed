import type { TSchema } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import * as fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/lib/route';
import { rowsOf } from '../src/lib/sql';
import { buildTestApp, type ApiResponse } from './build-test-app';

/**
 * Property tests over the route schemas: random, hostile and oversized input must never
 * produce a 5xx, every refusal is an explained envelope, and a refused request writes nothing.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface RouteInfo {
  method: Method;
  url: string;
  access?: Access;
  body?: TSchema;
  querystring?: TSchema;
}

/** Calls that would end the fuzzing actor's own session or membership; covered elsewhere. */
const SKIP = new Set(['POST /sys/logout', 'POST /sys/tenant/quit']);

const routes: RouteInfo[] = [];
const t = await buildTestApp({
  onRoute: (r: RouteOptions) => {
    if (!r.url.startsWith('/sys/')) return;
    const schema = (r.schema ?? {}) as { body?: TSchema; querystring?: TSchema };
    for (const method of [r.method].flat()) {
      if (method === 'HEAD' || SKIP.has(`${method} ${r.url}`)) continue;
      routes.push({
        method: method as Method,
        url: r.url,
        access: r.config?.access,
        body: schema.body,
        querystring: schema.querystring,
      });
    }
  },
});
afterAll(() => t.close());

const tenant = await t.factories.tenant();
const actor = await t.factories.user(tenant.id, { role: 'admin' });
const dept = await t.factories.department(tenant.id);

const hostile = fc.oneof(
  fc.constantFrom(
    "'; drop table users; --",
    '<script>alert(1)</script>',
    '%_\\',
    '\u0000',
    '   ',
    '',
    -1,
    2 ** 31,
    Number.MAX_SAFE_INTEGER,
    1.5,
    null,
    true,
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.anything({ maxDepth: 2 }),
  fc.constant('长'.repeat(50_000)),
);

/** A plausible value for a schema, so requests also get past validation and reach the services. */
function plausible(schema: TSchema): fc.Arbitrary<unknown> {
  const s = schema as {
    type?: string | string[];
    anyOf?: TSchema[];
    const?: unknown;
    items?: TSchema;
    properties?: Record<string, TSchema>;
  };
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.anyOf) return fc.oneof(...s.anyOf.map(plausible));
  switch (s.type) {
    case 'string':
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.stringMatching(/^[a-z][a-z0-9]{1,10}$/),
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: 0, max: 5000 }),
        fc.constant(dept.id),
        fc.constant(actor.id),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? plausible(s.items) : fc.anything(), { maxLength: 3 });
    case 'object':
      return objectOf(s.properties ?? {});
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

function objectOf(properties: Record<string, TSchema>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [
      k,
      fc.oneof({ weight: 3, arbitrary: plausible(v) }, { weight: 1, arbitrary: hostile }),
    ]),
  );
  return fc.record(fields, { requiredKeys: [] });
}

function bodyArb(route: RouteInfo): fc.Arbitrary<unknown> {
  const props = (route.body as { properties?: Record<string, TSchema> } | undefined)?.properties;
  return fc.oneof(
    { weight: 4, arbitrary: props ? objectOf(props) : fc.object() },
    { weight: 1, arbitrary: hostile },
  );
}

function queryArb(route: RouteInfo): fc.Arbitrary<string> {
  const props =
    (route.querystring as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {};
  const keys = [...Object.keys(props), 'x'];
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer().map(String),
    fc.constantFrom('%', '%25', '-1', '1e3', '0x10', '101'),
  );
  return fc
    .array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString());
}

function pathArb(route: RouteInfo): fc.Arbitrary<string> {
  if (!route.url.includes(':')) return fc.constant(route.url);
  const seg = fc.oneof(
    fc.integer({ min: -5, max: 3_000_000_000 }).map(String),
    fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
    fc.constant(String(dept.id)),
  );
  return seg.map((s) => route.url.replace(/:[^/]+/, s));
}

function expectExplained(res: ApiResponse, what: string) {
  expect(res.status, what).toBeLessThan(500);
  if (res.status < 400) return;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('application/json')) {
    // Browser routes (WeCom sign-in) explain refusals with an HTML page instead of the envelope.
    expect(type, what).toContain('text/html');
    expect(String(res.body.raw ?? '').length, what).toBeGreaterThan(0);
    return;
  }
  expect(res.body.success, what).toBe(false);
  expect(res.body.code, what).toBe(res.status);
  expect(res.body.message.length, what).toBeGreaterThan(0);
  expect(res.body.errorCode, what).toMatch(/^[a-z_]+\.[a-z_]+$/);
}

/** Tenant-owned state a refused request must not touch (logins and sessions are exempt). */
async function rowCounts() {
  const result = await t.db.execute(sql`select
    (select count(*) from users)::int as users, (select count(*) from memberships)::int as memberships,
    (select count(*) from departments)::int as departments, (select count(*) from user_departments)::int as ud,
    (select count(*) from tenants)::int as tenants,
    (select coalesce(sum(hashtext(m.status::text || m.role || m.frozen::text || m.user_id)), 0)::text from memberships m) as membership_hash,
    (select coalesce(sum(hashtext(d.name || coalesce(d.parent_id, -1) || d.sort_order)), 0)::text from departments d) as department_hash`);
  return rowsOf(result)[0];
}

/**
 * The platform admin acts as admin in every tenant whatever the fuzzer does to memberships (a
 * fuzzed role change could otherwise demote a tenant-admin actor and hide later routes).
 */
const tokenFor = (_route: RouteInfo) => t.adminToken;

describe('bad input never causes a 5xx and is always explained', () => {
  for (const route of routes) {
    it(`${route.method} ${route.url}`, async () => {
      const runs = route.url === '/sys/login' ? 15 : 30;
      await fc.assert(
        fc.asyncProperty(
          pathArb(route),
          queryArb(route),
          bodyArb(route),
          async (path, query, body) => {
            const before = await rowCounts();
            const url = query ? `${path}?${query}` : path;
            const withBody = route.method === 'POST' || route.method === 'PUT';
            const res = await t.call(route.method, url, withBody ? body : undefined, {
              token: tokenFor(route),
              tenantId: tenant.id,
            });
            expectExplained(res, `${route.method} ${url} ${JSON.stringify(body)?.slice(0, 200)}`);
            if (res.status >= 400) expect(await rowCounts()).toEqual(before);
          },
        ),
        { numRuns: runs },
      );
    });
  }

  it('refuses 10 MB bodies with 413 on every body route', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    for (const route of routes.filter((r) => r.method === 'POST' || r.method === 'PUT')) {
      const res = await t.app.inject({
        method: route.method,
        url: route.url,
        payload: huge,
        headers: {
          'content-type': 'application/json',
          'x-access-token': tokenFor(route),
          'x-tenant-id': String(tenant.id),
        },
      });
      expect(res.statusCode, route.url).toBe(413);
      expect(res.json()).toMatchObject({ success: false, errorCode: 'request.body_too_large' });
    }
  });

  it('answers malformed tokens and tenant headers with an explained 4xx', async () => {
    const authed = routes.filter((r) => r.access !== 'public');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...authed),
        fc.string({ maxLength: 80 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
        fc.oneof(
          fc.integer().map(String),
          fc.string({ maxLength: 12 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
          fc.constant('99999999999999'),
        ),
        async (route, token, tenantHeader) => {
          const res = await t.call(
            route.method,
            route.url.replace(/:[^/]+/, '1'),
            route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
            { token: token || undefined, headers: { 'x-tenant-id': tenantHeader } },
          );
          expectExplained(res, `${route.url} token=${token} tenant=${tenantHeader}`);
          expect(res.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps invariants: every account has a membership, every tenant an admin, one main department', async () => {
    const q = async (query: ReturnType<typeof sql>) => rowsOf(await t.db.execute(query));
    expect(
      await q(
        sql`select u.id from users u where not exists (select 1 from memberships m where m.user_id = u.id)`,
      ),
    ).toEqual([]);
    expect(
      await q(
        sql`select t.id from tenants t where not exists (select 1 from memberships m where m.tenant_id = t.id and m.role = 'admin' and m.status = 1)`,
      ),
    ).toEqual([]);
    expect(
      await q(
        sql`select tenant_id, user_id from user_departments group by tenant_id, user_id having count(*) filter (where is_main) <> 1`,
      ),
    ).toEqual([]);
  });
});
