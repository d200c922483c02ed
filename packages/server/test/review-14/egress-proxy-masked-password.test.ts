import { withWeComTenant } from '@orgbridge/test-world';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review of issue 14 (egress proxy): the masked round trip `******` keeps the stored proxy
 * password. Sent with another host, it keeps the password too, and the next WeCom call hands
 * it (Proxy-Authorization) to whichever host the body named — the password the API never shows
 * can be read by pointing the connection at a host of one's own.
 */

const SECRET = 'CorpProxyS3cret';
let sim: Simulator;
let t: TestApp;
let admin: { token: string };
let evil: http.Server;
let evilUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ users: 3, departments: 1, seed: 14, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  ({ admin } = await withWeComTenant(t, sim));
  // A "proxy" that records the credentials it is given and refuses.
  evil = http.createServer((req, res) => {
    seen.push(String(req.headers['proxy-authorization'] ?? ''));
    res.writeHead(407, { 'proxy-authenticate': 'Basic realm="x"' }).end();
  });
  evil.listen(0, '127.0.0.1');
  await once(evil, 'listening');
  evilUrl = `127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
  evil?.close();
});

const put = (egressProxy: string) =>
  t.call(
    'PUT',
    '/sys/thirdApp/config',
    { thirdType: 'wechat_enterprise', egressProxy },
    { token: admin.token },
  );

it('never sends the stored proxy password to a host it was not entered for', async () => {
  // The operator of the corp's proxy entered its password once.
  const stored = await put(`http://corp:${SECRET}@10.255.255.1:3128`);
  expect(stored.status, stored.body.message).toBe(200);
  expect(stored.body.result.egressProxy).toBe('http://corp:******@10.255.255.1:3128');

  // Later, the masked value is sent back with only the host changed.
  const moved = await put(`http://corp:******@${evilUrl}`);
  if (moved.status === 200) {
    await t.call('POST', '/sys/thirdApp/config/test', undefined, { token: admin.token });
  }
  const leaked = seen
    .map((h) => Buffer.from(h.replace(/^Basic /, ''), 'base64').toString())
    .filter((creds) => creds.includes(SECRET));
  expect(
    leaked,
    `PUT answered ${moved.status}; the new host received Proxy-Authorization "${leaked[0]}"`,
  ).toEqual([]);
  // What a fix looks like: the masked password is kept only for the same scheme, user and
  // host:port; with another address the real password must be entered (400 saying so).
  expect(moved.status).toBe(400);
  expect(moved.body.errorCode).toBe('third_app.egress_proxy_invalid');
});
