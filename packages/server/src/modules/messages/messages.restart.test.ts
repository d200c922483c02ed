import { withWeComTenant } from '@orgbridge/test-world';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type ApiResponse, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { activeSimUserIds, arrangeBoundMembers } from '../../../test/factories/messages';
import { usePostgres } from '../../../test/test-db';
import { rowsOf } from '../../lib/sql';

/**
 * Issue 13, item 1 on PostgreSQL: the database goes away (as in a restart: every backend of the
 * app's database terminated, new connections refused for a while) right after WeCom accepted a
 * message and before its outcome is written. A proxy in front of the simulator starts the outage
 * when it relays an accepted `message/send`.
 */
const SENDS = 40;

let sim: Simulator;
let proxy: http.Server;
let proxyUrl: string;
let adminPg: pg.Client;
let dbName: string;
let t: TestApp;
let admin: TestUser;
let receivers: string[];
/** Set to start one outage of this many ms at the next accepted send. */
let armed: number | null = null;
let outages = 0;

async function outage(ms: number) {
  outages++;
  await adminPg.query(`alter database ${dbName} allow_connections false`);
  await adminPg.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [dbName],
  );
  setTimeout(() => {
    void adminPg.query(`alter database ${dbName} allow_connections true`);
  }, ms);
}

/** Relays everything to the simulator; an accepted message/send may first start the outage. */
async function relay(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const up = await fetch(sim.url + req.url, {
    method: req.method,
    headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
    ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const text = await up.text();
  if (req.url?.startsWith('/cgi-bin/message/send') && armed !== null) {
    const accepted = (JSON.parse(text) as { errcode?: number }).errcode === 0;
    if (accepted) {
      const ms = armed;
      armed = null;
      await outage(ms);
    }
  }
  res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/plain' });
  res.end(text);
}

beforeAll(async () => {
  if (!usePostgres()) return;
  sim = await startSimulator({ users: 120, departments: 4, seed: 41, latencyMs: 20 });
  proxy = http.createServer((req, res) => {
    relay(req, res).catch((err: unknown) => {
      res.writeHead(502);
      res.end(String(err));
    });
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  adminPg = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await adminPg.connect();
  t = await buildTestApp({
    config: { wecom: { apiBase: proxyUrl, oauthBase: sim.url, loginBase: sim.url } },
    messages: { backgroundRetryMs: 200 },
  });
  [{ current_database: dbName }] = rowsOf<{ current_database: string }>(
    await t.db.execute(sql`select current_database()`),
  ) as [{ current_database: string }];
  const made = await withWeComTenant(t, sim);
  admin = made.admin;
  receivers = await arrangeBoundMembers(t.db, {
    tenantId: made.tenant.id,
    corpId: sim.credentials.corpId,
    extUserIds: activeSimUserIds(sim).slice(0, SENDS),
  });
});
afterAll(async () => {
  if (adminPg && dbName) {
    await adminPg.query(`alter database ${dbName} allow_connections true`).catch(() => {});
  }
  await t?.close();
  await adminPg?.end();
  proxy?.close();
  await sim?.close();
});

async function round(label: string, outageMs: number) {
  armed = outageMs;
  const before = outages;
  const answers: ApiResponse[] = await Promise.all(
    receivers.map((r, i) =>
      i % 2 === 0
        ? t.call(
            'POST',
            '/sys/thirdApp/sendMessageTest',
            { app: 'WECHAT_ENTERPRISE', receiver: r, content: `${label} ${i}` },
            { token: admin.token },
          )
        : t.call(
            'POST',
            '/sys/thirdApp/messages',
            { msgtype: 'text', content: `${label} ${i}`, toUsers: [r] },
            { token: admin.token },
          ),
    ),
  );
  expect(outages).toBe(before + 1);
  // What WeCom accepted, by content: each send's text is its own.
  const accepted = new Map<string, string>();
  for (const m of sim.admin.allMessages()) {
    const content = (m.content as { content?: string }).content ?? '';
    if (content.startsWith(`${label} `)) accepted.set(content, m.msgid);
  }
  let success = 0;
  let pending = 0;
  for (const [i, a] of answers.entries()) {
    const msgid = accepted.get(`${label} ${i}`);
    if (msgid !== undefined) {
      // WeCom accepted it: never an error, never "try again".
      expect(a.status, `${label} ${i}: ${a.body.message}`).toBe(200);
      expect(a.body.success).toBe(true);
      expect(a.body.result.msgid).toBe(msgid);
      success++;
      if (a.body.result.status === 'accepted_log_pending') pending++;
    } else {
      // Not accepted (the database was away before WeCom was called): an error is right.
      expect(a.status).toBeGreaterThanOrEqual(400);
    }
  }
  // A caller who obeys the answers sends each message once: accepted = success answers.
  expect(
    sim.admin
      .allMessages()
      .filter((m) => (m.content as { content?: string }).content?.startsWith(`${label} `)),
  ).toHaveLength(success);
  // Every accepted send's row ends with its msgid and a final status.
  await vi.waitFor(
    async () => {
      const rows = rowsOf<{ content: string; status: string; msg_ids: string[] }>(
        await t.db.execute(sql`
          select content->'text'->>'content' as content, status, msg_ids from messages
          where content->'text'->>'content' like ${`${label} %`}`),
      );
      const byContent = new Map(rows.map((r) => [r.content, r]));
      for (const [content, msgid] of accepted) {
        expect(byContent.get(content)).toMatchObject({ status: 'sent', msg_ids: [msgid] });
      }
    },
    { timeout: 20_000, interval: 200 },
  );
  // …and one audit entry, written with the outcome however late (none twice after a retry).
  const audited = rowsOf<{ content: string; n: number }>(
    await t.db.execute(sql`
      select m.content->'text'->>'content' as content, count(a.id)::int as n from messages m
      join audit_log a on a.action = 'message.sent' and a.target_id = m.id::text
      where m.content->'text'->>'content' like ${`${label} %`}
      group by 1`),
  );
  const auditedBy = new Map(audited.map((r) => [r.content, r.n]));
  for (const content of accepted.keys()) expect(auditedBy.get(content), content).toBe(1);
  return { success, pending, answers: answers.length };
}

describe.runIf(usePostgres())('restart-like backend termination during sends', () => {
  it('a short outage: the retried outcome write stores every accepted send', async () => {
    const r = await round('short', 600);
    expect(r.success).toBeGreaterThan(0);
  }, 60_000);

  it('a long outage: accepted sends answer accepted_log_pending and are stored later', async () => {
    const r = await round('long', 5000);
    expect(r.success).toBeGreaterThan(0);
    expect(r.pending).toBeGreaterThan(0);
  }, 60_000);
});
