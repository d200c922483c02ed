import { withWeComTenant } from '@orgbridge/test-world';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review of issue 14 (egress proxy, SSRF): a tenant admin may name any host:port as the
 * connection's egressProxy, and `POST /sys/thirdApp/config/test` then reports what answered
 * there: the first 80 characters of a non-JSON body (`HTTP 200, body is not JSON: …`), or
 * ECONNREFUSED vs ECONNRESET — a scanner and banner reader for the server's own loopback and
 * internal network in the hands of every tenant admin of a shared instance.
 */

const BANNER = 'internal-admin-console build 7f3e (do not expose)';
let sim: Simulator;
let t: TestApp;
let admin: { token: string };
let internal: http.Server;
let internalUrl: string;

beforeAll(async () => {
  sim = await startSimulator({ users: 3, departments: 1, seed: 15, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  ({ admin } = await withWeComTenant(t, sim));
  // A service on the OrgBridge machine's loopback, reachable only from there.
  internal = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(BANNER);
  });
  internal.listen(0, '127.0.0.1');
  await once(internal, 'listening');
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
  internal?.close();
});

it("a tenant admin's egressProxy cannot read a loopback service of the server", async () => {
  const set = await t.call(
    'PUT',
    '/sys/thirdApp/config',
    { thirdType: 'wechat_enterprise', egressProxy: internalUrl },
    { token: admin.token },
  );
  let text = JSON.stringify(set.body);
  if (set.status === 200) {
    const diag = await t.call('POST', '/sys/thirdApp/config/test', undefined, {
      token: admin.token,
    });
    text += JSON.stringify(diag.body);
  }
  expect(
    text.includes(BANNER.slice(0, 40)),
    `answer shows the internal service: ${text.slice(0, 400)}`,
  ).toBe(false);
});
