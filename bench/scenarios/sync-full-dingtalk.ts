/**
 * Issue 19: one full DingTalk sync (preview + apply, every member created) of 10,000 members in
 * 1,000 departments against `npm run dingtalk-sim -- --users 10000 --departments 1000 --qps 20`:
 * DingTalk's standard edition answers 90018 above 20 calls a second per interface, so the sync is
 * paced, and its floor is the busiest interface's request count ÷ 20 per second. Reported like
 * WeCom's `sync-full-10k`: time, provider requests (the simulator's own counts), requests a second
 * (overall and on the busiest interface, held against the 20 QPS bound) and the server's peak RSS.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  spawnServer,
  startNode,
  waitUntilServing,
  type ServerProcess,
} from '@orgbridge/test-world';
import { ADMIN_PASSWORD } from '../processes';
import type { BenchFigure, BenchScenario } from '../types';
import { load } from './sync-full';

const USERS = 10_000;
const DEPARTMENTS = 1_000;
const QPS = 20;

interface SimState {
  credentials: { corpId: string; appKey: string; appSecret: string; agentId: number };
  counts: Record<string, number>;
}

interface Run {
  status: string;
  progress: { phase: string; done: number; total: number };
  counts: Record<string, number>;
  error: unknown;
}

/** The DingTalk simulator's CLI in its own process; state (credentials, counts) over its admin API. */
async function spawnDingTalkSimulator() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startNode([
    'packages/dingtalk-sim/src/cli.ts',
    ...['--port', String(port), '--seed', '1', '--qps', String(QPS)],
    ...['--users', String(USERS), '--departments', String(DEPARTMENTS)],
  ]);
  await waitUntilServing(child, `${url}/sim/admin/state`, 'the DingTalk simulator');
  const state = async () => (await (await fetch(`${url}/sim/admin/state`)).json()) as SimState;
  return { url, state, stop: () => child.stop() };
}

/** Requests per interface between two readings of the simulator's counts. */
function delta(after: Record<string, number>, before: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([api, n]) => [api, n - (before[api] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}

export const scenario: BenchScenario = {
  name: 'sync-full-dingtalk-10k',
  slow: true,
  async run(): Promise<BenchFigure[]> {
    const before = load();
    const sim = await spawnDingTalkSimulator();
    const dataDir = await mkdtemp(join(tmpdir(), 'orgbridge-bench-dingtalk-'));
    const secretKey = randomBytes(32).toString('hex');
    const start = () =>
      spawnServer({
        simUrl: sim.url,
        dataDir,
        adminPassword: ADMIN_PASSWORD,
        secretKey,
        env: {
          NODE_ENV: 'production',
          DINGTALK_API_BASE: sim.url,
          DINGTALK_OAPI_BASE: sim.url,
          DINGTALK_LOGIN_BASE: sim.url,
        },
      });
    let server: ServerProcess | undefined;
    try {
      // As sync-full-10k: the first start (initdb + migrations) is left out of the RSS figure.
      await (await start()).stop();
      server = await start();
      const base = server.url;
      let token = '';
      const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            'X-Access-Token': token,
            'X-Tenant-Id': '0',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const env = (await res.json()) as { success: boolean; result: T; message: string };
        if (!res.ok || !env.success)
          throw new Error(`${method} ${path} → ${res.status} ${env.message}`);
        return env.result;
      };
      token = (
        await call<{ token: string }>('POST', '/sys/login', {
          username: 'admin',
          password: ADMIN_PASSWORD,
        })
      ).token;
      const { credentials } = await sim.state();
      // No `qps` setting: the connector paces to the standard edition's 20 calls a second.
      await call('POST', '/sys/thirdApp/config', {
        thirdType: 'dingtalk',
        clientId: credentials.appKey,
        clientSecret: credentials.appSecret,
        agentId: credentials.agentId,
        corpId: credentials.corpId,
      });

      const countsBefore = (await sim.state()).counts;
      const t0 = performance.now();
      const plan = await call<{ planId: string; counts: Record<string, number> }>(
        'POST',
        '/sys/thirdApp/sync/preview',
        { thirdType: 'dingtalk' },
      );
      const t1 = performance.now();
      const { runId } = await call<{ runId: number }>('POST', '/sys/thirdApp/sync/apply', {
        planId: plan.planId,
        pairs: [],
        exclude: [],
      });
      let run: Run;
      for (;;) {
        run = await call<Run>('GET', `/sys/thirdApp/sync/runs/${runId}`);
        if (run.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const t2 = performance.now();
      if (run.status !== 'succeeded')
        throw new Error(`the sync ${run.status}: ${JSON.stringify(run.error)}`);
      const counts = delta((await sim.state()).counts, countsBefore);
      const requests = Object.values(counts).reduce((a, n) => a + n, 0);
      const [busiest, busiestCount] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [
        'none',
        0,
      ];
      const totalMs = t2 - t0;
      // Only the preview reads DingTalk (the apply writes OrgBridge's own tables).
      const readMs = t1 - t0;
      const boundMs = (busiestCount / QPS) * 1000;
      const peak = server.peakRssMb();
      const detail = `preview ${Math.round(readMs)} ms + apply ${Math.round(t2 - t1)} ms; simulator requests ${JSON.stringify(counts)}; busiest interface ${busiest}; load average before ${before}, after ${load()} (2 cores, shared)`;
      return [
        {
          id: 'sync.dingtalk_full_10k.total_ms',
          label: 'DingTalk full sync 10k/1k at 20 QPS (preview + apply)',
          value: totalMs,
          unit: 'ms',
          detail,
        },
        {
          id: 'sync.dingtalk_full_10k.requests',
          label: 'DingTalk requests of the sync',
          value: requests,
          unit: 'count',
          detail: `plan: ${JSON.stringify(plan.counts)}`,
        },
        {
          id: 'sync.dingtalk_full_10k.busiest_rps',
          label: `requests a second on the busiest interface (${busiest}), while reading`,
          value: busiestCount / (readMs / 1000),
          unit: 'req/s',
          bound: {
            value: QPS,
            kind: 'max',
            note: 'DingTalk standard edition: 20 calls/s per interface',
          },
          detail: `all interfaces together: ${Math.round((requests / (readMs / 1000)) * 10) / 10} req/s`,
        },
        {
          id: 'sync.dingtalk_full_10k.vs_bound',
          label: 'full sync ÷ QPS-bound lower bound (busiest interface ÷ 20/s)',
          value: totalMs / boundMs,
          unit: 'ratio',
          // The directory walks the tree (listsub) before it lists members (user/list): read one
          // interface after the other, the floor is every request ÷ 20/s instead.
          detail: `lower bound ${Math.round(boundMs)} ms with the interfaces read side by side; ${Math.round((requests / QPS) * 1000)} ms read one after the other`,
        },
        {
          id: 'sync.dingtalk_full_10k.created',
          label: 'accounts created',
          value: run.counts.account_created ?? 0,
          unit: 'count',
        },
        {
          id: 'sync.dingtalk_10k.server_peak_rss_mb',
          label: 'peak RSS of the server process (PGlite included)',
          value: peak,
          unit: 'MB',
          detail: 'restarted server on the data directory its first start created',
        },
      ];
    } finally {
      await server?.stop();
      await sim.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
