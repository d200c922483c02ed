/**
 * `sendMessageTest` with a warm token against the simulator at 0 ms latency (PRODUCT.md §6):
 * throughput and p50/p99 over real HTTP against a real server process, on the embedded database
 * and on PostgreSQL. The helpers are shared with messages-token.ts.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { connectWeCom, httpCaller, processCpuMs } from '@orgbridge/test-world';
import { ADMIN_PASSWORD, spawnServer, type ServerProcess } from '../processes';

export { spawnServer, type ServerProcess };
import type { BenchFigure, BenchScenario } from '../types';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_MSG_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_MSG_CONCURRENCY ?? 16);

/** Progress on stderr: a run takes minutes on a busy machine. */
export const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

export const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

interface Envelope<T> {
  success: boolean;
  message: string;
  result: T;
}

export async function call<T>(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { 'X-Access-Token': token } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const env = (await res.json()) as Envelope<T>;
  if (!res.ok || !env.success) throw new Error(`${method} ${path} → ${res.status} ${env.message}`);
  return env.result;
}

export async function signIn(url: string): Promise<string> {
  const r = await call<{ token: string }>(url, null, 'POST', '/sys/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  return r.token;
}

/**
 * Configures WeCom for the default tenant, binds the simulator's members through the real sync
 * API, and answers the usernames WeCom can deliver to (bound, active in the corp).
 */
export async function prepareTenant(url: string, sim: Simulator): Promise<string[]> {
  const token = await signIn(url);
  await connectWeCom(httpCaller(url), { token }, sim);
  const plan = await call<{ planId: string }>(url, token, 'POST', '/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const { runId } = await call<{ runId: number }>(url, token, 'POST', '/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [],
    exclude: [],
  });
  for (let status = ''; status !== 'succeeded';) {
    await new Promise((r) => setTimeout(r, 250));
    ({ status } = await call<{ status: string }>(
      url,
      token,
      'GET',
      `/sys/thirdApp/sync/runs/${runId}`,
    ));
    if (status === 'failed' || status === 'stopped') throw new Error(`sync run ${status}`);
  }
  const active = new Set(
    sim.admin
      .listUsers()
      .filter((u) => u.status === 1)
      .map((u) => u.userid),
  );
  const names: string[] = [];
  for (let page = 1; ; page++) {
    const r = await call<{
      records: { username: string; wechatUserId: string; active: boolean }[];
    }>(url, token, 'GET', `/sys/thirdApp/bindings?page=${page}&pageSize=100`);
    for (const b of r.records) if (b.active && active.has(b.wechatUserId)) names.push(b.username);
    if (r.records.length < 100) return names;
  }
}

export interface LoadResult {
  latencies: number[];
  elapsedMs: number;
  failures: Record<string, number>;
}

/**
 * `total` sendMessageTest calls (or as many as fit in `durationMs`), `concurrency` in flight, each
 * to one receiver (rotating, so no member nears WeCom's 30-a-minute limit), spread over the given
 * servers. Failures are counted by `status errorCode` (and the provider's errcode when given).
 */
export async function sendLoad(o: {
  urls: string[];
  tokens: string[];
  receivers: string[];
  total: number;
  concurrency: number;
  offset?: number;
  /** Stop starting calls after this long (then `total` is only an upper bound). */
  durationMs?: number;
  /**
   * Drive WeCom's `message/send` at this URL (access token included) directly instead of
   * OrgBridge: the pass-through limit of PRODUCT.md §6. `receivers` are then WeCom userids.
   */
  passThrough?: { url: string; agentId: number };
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  // Node's own client on kept-alive sockets: the load generator shares the 2 cores with the
  // server and the simulator, and fetch would cost it several times the CPU per call.
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  let next = 0;
  const stopAt = o.durationMs === undefined ? Infinity : performance.now() + o.durationMs;
  const worker = async () => {
    for (let i = next++; i < o.total && performance.now() < stopAt; i = next++) {
      const s = i % o.urls.length;
      const receiver = o.receivers[(i + (o.offset ?? 0)) % o.receivers.length]!;
      const body = JSON.stringify({ app: 'WECHAT_ENTERPRISE', receiver, content: `bench ${i}` });
      await timed(`${o.urls[s]}/sys/thirdApp/sendMessageTest`, body, {
        'X-Access-Token': o.tokens[s]!,
      });
    }
  };
  /** One call; its latency and, unless it succeeded, its failure are recorded. */
  const timed = async (url: string, body: string, headers: Record<string, string>) => {
    const t0 = performance.now();
    try {
      const res = await post(url, body, agent, headers);
      const parsed = JSON.parse(res.text) as {
        success?: boolean;
        errorCode?: string;
        errcode?: number;
        details?: { errcode?: number };
      };
      // OrgBridge's envelope says `success`; WeCom itself answers `errcode` (0 = sent).
      const ok = parsed.success ?? parsed.errcode === 0;
      if (!ok) {
        const errcode = parsed.details?.errcode ?? parsed.errcode;
        const key = `${res.status} ${parsed.errorCode ?? ''}${errcode === undefined ? '' : ` ${errcode}`}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    } catch (err) {
      failures[String(err)] = (failures[String(err)] ?? 0) + 1;
    }
    latencies.push(performance.now() - t0);
  };
  if (o.passThrough) {
    const { url, agentId } = o.passThrough;
    // The simulator's own message/send with the same receivers, bodies' size and concurrency.
    const direct = async () => {
      for (let i = next++; i < o.total && performance.now() < stopAt; i = next++) {
        const touser = o.receivers[(i + (o.offset ?? 0)) % o.receivers.length]!;
        const body = JSON.stringify({
          touser,
          msgtype: 'text',
          agentid: agentId,
          text: { content: `bench ${i}` },
        });
        await timed(url, body, {});
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: o.concurrency }, direct));
    const elapsedMs = performance.now() - t0;
    agent.destroy();
    return { latencies, elapsedMs, failures };
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { latencies, elapsedMs, failures };
}

function post(
  url: string,
  body: string,
  agent: http.Agent,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.end(body);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A scratch PostgreSQL database, dropped by the returned function. */
export async function scratchDatabase(
  tag: string,
): Promise<{ url: string; cpuMs(): Promise<number>; drop(): Promise<void> }> {
  const name = `orgbridge_bench_${tag}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async cpuMs() {
      // The backends serving this database (this machine's PostgreSQL: same /proc).
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      const { rows } = await c.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1',
        [name],
      );
      await c.end();
      return rows.reduce((ms, { pid }) => ms + processCpuMs(pid), 0);
    },
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * The pass-through limit (PRODUCT.md §6): the simulator's own `message/send` driven by the same
 * load generator at the same concurrency, with a warm token, right before OrgBridge is measured.
 */
async function passThroughLimit(sim: Simulator): Promise<{ rps: number; detail: string }> {
  const { corpId, secret, agentId } = sim.credentials;
  const t = (await (
    await fetch(`${sim.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`)
  ).json()) as { access_token: string };
  const userids = sim.admin
    .listUsers()
    .filter((u) => u.status === 1)
    .map((u) => u.userid);
  const url = `${sim.url}/cgi-bin/message/send?access_token=${t.access_token}`;
  const base = { urls: [], tokens: [], receivers: userids, concurrency: CONCURRENCY };
  const passThrough = { url, agentId };
  await sendLoad({ ...base, total: 300, passThrough });
  const before = load();
  const r = await sendLoad({ ...base, total: TOTAL, offset: 300, passThrough });
  const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
  if (failed > 0) throw new Error(`pass-through run failed: ${JSON.stringify(r.failures)}`);
  return {
    rps: (TOTAL / r.elapsedMs) * 1000,
    detail: `${TOTAL} calls, ${CONCURRENCY} in flight, load average before ${before}, after ${load()}`,
  };
}

async function measure(kind: 'embedded' | 'postgres'): Promise<BenchFigure[]> {
  const sim = await startSimulator({
    port: 0,
    users: 1500,
    departments: 100,
    seed: 7,
    latencyMs: 0,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'orgbridge-bench-msg-'));
  const db = kind === 'postgres' ? await scratchDatabase('send') : null;
  const server = await spawnServer({ simUrl: sim.url, dataDir, databaseUrl: db?.url });
  try {
    const receivers = await prepareTenant(server.url, sim);
    progress(`${kind}: ${receivers.length} members bound by sync; warming up`);
    const token = await signIn(server.url);
    const base = { urls: [server.url], tokens: [token], receivers, concurrency: CONCURRENCY };
    // Warm-up: token fetched and cached, JIT and connection pools warm.
    await sendLoad({ ...base, total: 300 });
    const limit = await passThroughLimit(sim);
    progress(`${kind}: pass-through limit ${limit.rps.toFixed(0)} req/s`);
    sim.admin.resetCounts();
    const before = load();
    progress(`${kind}: measuring ${TOTAL} calls`);
    const cpu0 = server.cpuMs();
    const dbCpu0 = (await db?.cpuMs()) ?? 0;
    const r = await sendLoad({ ...base, total: TOTAL, offset: 300 });
    const cpuPerCall = (server.cpuMs() - cpu0) / TOTAL;
    const dbCpuPerCall = db ? ((await db.cpuMs()) - dbCpu0) / TOTAL : null;
    const rps = (TOTAL / r.elapsedMs) * 1000;
    const gettoken = sim.admin.counts()['/cgi-bin/gettoken'] ?? 0;
    const sends = sim.admin.counts()['/cgi-bin/message/send'] ?? 0;
    const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
    const detail = `${TOTAL} calls, ${CONCURRENCY} in flight, ${receivers.length} receivers; ${sends} message/send and ${gettoken} gettoken calls at WeCom; failures ${failed} ${JSON.stringify(r.failures)}; load average before ${before}, after ${load()} (2 cores, shared)`;
    const id = `messages.send_test.${kind}`;
    const dbName = kind === 'embedded' ? 'PGlite' : 'PostgreSQL';
    return [
      {
        id: `${id}.ratio`,
        label: `sendMessageTest throughput ÷ pass-through limit (${dbName})`,
        value: rps / limit.rps,
        unit: 'ratio',
        bound: {
          value: 0.9,
          kind: 'min',
          note: 'PRODUCT.md §6: the simulator’s own message/send, same load generator and concurrency, same run',
        },
        detail: `${rps.toFixed(0)} req/s through OrgBridge, ${limit.rps.toFixed(0)} req/s straight to the simulator (${limit.detail})`,
      },
      {
        id: `${id}.rps`,
        label: `sendMessageTest throughput (${dbName})`,
        value: rps,
        unit: 'req/s',
        detail: `${detail}; for reference, at least 1000 req/s on a quiet 2-core machine (PRODUCT.md §6)`,
      },
      {
        id: `${id}.pass_through_rps`,
        label: `WeCom message/send pass-through limit (simulator driven directly, during the ${dbName} run)`,
        value: limit.rps,
        unit: 'req/s' as const,
      },
      {
        id: `${id}.server_cpu_ms`,
        label: `sendMessageTest server CPU per call (${kind}; all its threads, not the database server's)`,
        value: cpuPerCall,
        unit: 'ms' as const,
        detail:
          'the budget for 1000 req/s on 2 cores shared with the load generator and the simulator is under 2 ms for all three',
      },
      ...(dbCpuPerCall === null
        ? []
        : [
            {
              id: `${id}.db_cpu_ms`,
              label:
                'sendMessageTest PostgreSQL backend CPU per call (its connections to this database)',
              value: dbCpuPerCall,
              unit: 'ms' as const,
            },
          ]),
      {
        id: `${id}.p50_ms`,
        label: `sendMessageTest p50 (${kind})`,
        value: percentile(r.latencies, 50),
        unit: 'ms' as const,
      },
      {
        id: `${id}.p99_ms`,
        label: `sendMessageTest p99 (${kind})`,
        value: percentile(r.latencies, 99),
        unit: 'ms' as const,
        bound: { value: 50, kind: 'max', note: 'PRODUCT.md §6, simulator latency 0' },
      },
    ];
  } finally {
    await server.stop();
    await sim.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const scenario: BenchScenario = {
  name: 'messages-send',
  async run() {
    // BENCH_MSG_DB=embedded|postgres measures one of them only.
    const only = process.env.BENCH_MSG_DB;
    const embedded = only === 'postgres' ? [] : await measure('embedded');
    const postgres = only === 'embedded' ? [] : await measure('postgres');
    return [...embedded, ...postgres];
  },
};
