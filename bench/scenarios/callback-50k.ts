/**
 * PRODUCT.md §6 and §5.7: a contact callback event in a 50,000-member organisation costs at most
 * 3 WeCom requests. The organisation (50k members / 5k departments, simulator latency 20 ms,
 * 5 in flight per API) is synced and bound first; the simulator then delivers one `update_user`
 * event (a member's name and position changed) to the server's callback URL, and the simulator's
 * own request counts from that change to the end of the callback run are the figure.
 */
import type { BenchFigure, BenchScenario } from '../types';
import { load, setupSync, timedSync } from './sync-full';

/** Measured with this scenario on the code before targeted callbacks (commit e44a4f8). */
const BEFORE =
  'before targeted callbacks (one full re-read per event burst): 5,001 requests (department/list 1, user/list 5,000), 34.9 s';

interface RunView {
  id: number;
  trigger: string;
  status: string;
  counts: Record<string, number>;
  error: unknown;
}

async function sim<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const scenario: BenchScenario = {
  name: 'callback-50k',
  slow: true,
  async run(): Promise<BenchFigure[]> {
    const before = load();
    const b = await setupSync(50_000, 5_000);
    try {
      const synced = await timedSync(b);
      if (synced.run.status !== 'succeeded')
        throw new Error(`initial sync ${synced.run.status}: ${JSON.stringify(synced.run.error)}`);
      const cfg = await b.call<{
        callbackUrl: string;
        callbackToken: string;
        encodingAesKey: string;
      }>('GET', '/sys/thirdApp/config?thirdType=wechat_enterprise');
      await sim(b.sim.url, 'POST', '/sim/admin/callback', {
        url: cfg.callbackUrl,
        token: cfg.callbackToken,
        encodingAesKey: cfg.encodingAesKey,
      });
      const { users } = await sim<{ users: { userid: string; status: number }[] }>(
        b.sim.url,
        'GET',
        '/sim/admin/users?offset=25000&limit=50',
      );
      const target = users.find((u) => u.status === 1);
      if (!target) throw new Error('no active member to update');
      const runsBefore = await b.call<{ records: RunView[] }>(
        'GET',
        '/sys/thirdApp/sync/runs?page=1&pageSize=1',
      );
      const lastId = runsBefore.records[0]?.id ?? 0;
      await b.sim.resetCounts();
      const t0 = performance.now();
      await sim(b.sim.url, 'PATCH', `/sim/admin/users/${encodeURIComponent(target.userid)}`, {
        name: '回调改名',
        position: '回调职位',
      });
      let run: RunView | undefined;
      const deadline = Date.now() + 300_000;
      for (;;) {
        const page = await b.call<{ records: RunView[] }>(
          'GET',
          '/sys/thirdApp/sync/runs?page=1&pageSize=5',
        );
        run = page.records.find((r) => r.id > lastId && r.trigger === 'callback');
        if (run && run.status !== 'running') break;
        if (Date.now() > deadline) throw new Error('the callback run did not finish in 5 min');
        await new Promise((r) => setTimeout(r, 50));
      }
      const ms = performance.now() - t0;
      if (run.status !== 'succeeded')
        throw new Error(`callback run ${run.status}: ${JSON.stringify(run.error)}`);
      const counts = await b.sim.counts();
      const requests = Object.values(counts).reduce((a, n) => a + n, 0);
      return [
        {
          id: 'callback.member_update_50k.requests',
          label: 'WeCom requests for one member-update callback event (50k/5k org)',
          value: requests,
          unit: 'count',
          bound: { value: 3, kind: 'max', note: 'PRODUCT.md §6: at most 3 WeCom requests' },
          detail: `per API: ${JSON.stringify(counts)}; callback run ${run.id} counts ${JSON.stringify(run.counts)}; ${BEFORE}`,
        },
        {
          id: 'callback.member_update_50k.ms',
          label: 'member change in WeCom → callback run finished (includes the 2 s debounce)',
          value: ms,
          unit: 'ms',
          detail: `simulator latency 20 ms; load average before ${before}, after ${load()} (2 cores, shared)`,
        },
      ];
    } finally {
      await b.close();
    }
  },
};
