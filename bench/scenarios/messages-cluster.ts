/**
 * PRODUCT.md §6: sends to one corp across 3 OrgBridge processes on one PostgreSQL, WeCom latency
 * 20 ms and its limit of 5 requests in flight per API: at least 0.9× the physical limit
 * (5 ÷ 20 ms = 250 sends/s) and no send failed by 45033. 3 × 200 concurrent senders call
 * sendMessageTest for a fixed time (BENCH_CLUSTER_SECONDS, default 20); then three sync previews
 * start together, one per process, and none may come back partial.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@orgbridge/wecom-sim';
import type { BenchScenario } from '../types';
import {
  call,
  load,
  percentile,
  prepareTenant,
  progress,
  scratchDatabase,
  sendLoad,
  signIn,
  spawnServer,
  type ServerProcess,
} from './messages-send';

const PROCESSES = Number(process.env.BENCH_CLUSTER_PROCESSES ?? 3);
const SENDERS_PER_PROCESS = 200;
const LATENCY_MS = 20;
const LIMIT = 5;
const PHYSICAL = (LIMIT * 1000) / LATENCY_MS;
const SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 20);

export const scenario: BenchScenario = {
  name: 'messages-cluster',
  async run() {
    // Enough members that none nears WeCom's 30 messages a minute in the measured time.
    const sim = await startSimulator({
      port: 0,
      users: 3000,
      departments: 120,
      seed: 13,
      latencyMs: 0,
      concurrencyLimit: LIMIT,
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'orgbridge-bench-cluster-'));
    const db = await scratchDatabase('cluster');
    const servers: ServerProcess[] = [];
    try {
      for (let i = 0; i < PROCESSES; i++) {
        servers.push(await spawnServer({ simUrl: sim.url, dataDir, databaseUrl: db.url }));
      }
      const urls = servers.map((s) => s.url);
      const receivers = await prepareTenant(urls[0]!, sim);
      const tokens = await Promise.all(urls.map((u) => signIn(u)));
      sim.admin.setLatency(LATENCY_MS);
      progress(`${receivers.length} members bound; warming up ${PROCESSES} processes`);
      await sendLoad({ urls, tokens, receivers, total: 300, concurrency: 30 });

      sim.admin.resetCounts();
      sim.admin.resetPeakInFlight();
      const before = load();
      progress(`measuring ${SECONDS} s, ${PROCESSES} × ${SENDERS_PER_PROCESS} senders`);
      const r = await sendLoad({
        urls,
        tokens,
        receivers,
        total: Number.MAX_SAFE_INTEGER,
        concurrency: PROCESSES * SENDERS_PER_PROCESS,
        offset: 300,
        durationMs: SECONDS * 1000,
      });
      const counts = sim.admin.counts();
      const atWeCom = counts['/cgi-bin/message/send'] ?? 0;
      const peak = sim.admin.peakInFlight('message/send');
      const calls = r.latencies.length;
      const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
      const by45033 = Object.entries(r.failures)
        .filter(([key]) => key.endsWith(' 45033'))
        .reduce((a, [, n]) => a + n, 0);
      const sendsPerS = ((calls - failed) / r.elapsedMs) * 1000;
      const after = load();

      progress('three previews started together, one per process');
      sim.admin.resetPeakInFlight();
      const previews = await Promise.all(
        urls.map((u, i) =>
          call<{ partial: boolean; problems: { providerCode: number; api: string }[] }>(
            u,
            tokens[i]!,
            'POST',
            '/sys/thirdApp/sync/preview',
            { thirdType: 'wechat_enterprise' },
          ),
        ),
      );
      const partial = previews.filter((p) => p.partial).length;
      const previewCodes = previews.flatMap((p) => p.problems.map((x) => x.providerCode));
      const previewPeak = Math.max(
        ...['user/list', 'user/list_id', 'department/list', 'department/simplelist'].map((a) =>
          sim.admin.peakInFlight(a),
        ),
      );

      const where = `${PROCESSES} processes × ${SENDERS_PER_PROCESS} senders, ${SECONDS} s, WeCom latency ${LATENCY_MS} ms, limit ${LIMIT}`;
      const detail = `${calls} sendMessageTest calls, ${failed} failed ${JSON.stringify(r.failures)}; ${atWeCom} message/send at WeCom, peak ${peak} in flight there (refused included); p50 ${percentile(r.latencies, 50).toFixed(0)} ms; WECOM_MAX_IN_FLIGHT ${process.env.WECOM_MAX_IN_FLIGHT ?? 5}; load average before ${before}, after ${after} (2 cores, shared)`;
      return [
        {
          id: 'messages.cluster.sends_per_s',
          label: `sends/s to one corp (${where})`,
          value: sendsPerS,
          unit: 'req/s',
          bound: {
            value: 0.9 * PHYSICAL,
            kind: 'min',
            note: `PRODUCT.md §6: 0.9 × the physical limit ${LIMIT} ÷ ${LATENCY_MS} ms = ${PHYSICAL}/s`,
          },
          detail,
        },
        {
          id: 'messages.cluster.ratio_to_physical',
          label: 'sends/s ÷ physical limit',
          value: sendsPerS / PHYSICAL,
          unit: 'ratio',
          bound: { value: 0.9, kind: 'min', note: 'PRODUCT.md §6' },
        },
        {
          id: 'messages.cluster.failed_45033',
          label: 'sends failed by 45033',
          value: by45033,
          unit: 'count',
          bound: { value: 0, kind: 'max', note: 'PRODUCT.md §6: none failed by 45033' },
        },
        {
          id: 'messages.cluster.p99_ms',
          label: 'sendMessageTest p99',
          value: percentile(r.latencies, 99),
          unit: 'ms',
        },
        {
          id: 'messages.cluster.wecom_calls_per_send',
          label: 'WeCom message/send calls per sendMessageTest',
          value: calls > 0 ? atWeCom / calls : 0,
          unit: 'ratio',
        },
        {
          id: 'messages.cluster.peak_in_flight',
          label: 'peak message/send requests in flight at WeCom (refused included)',
          value: peak,
          unit: 'count',
          bound: { value: LIMIT, kind: 'max', note: 'WeCom concurrency limit per corp and API' },
        },
        {
          id: 'messages.cluster.previews_partial',
          label: `sync previews partial, ${PROCESSES} started together`,
          value: partial,
          unit: 'count',
          bound: { value: 0, kind: 'max', note: 'issue 13: a preview must not fail on 45033' },
          detail: `provider errcodes in the previews: ${JSON.stringify(previewCodes.slice(0, 20))}; peak directory requests in flight at WeCom ${previewPeak}`,
        },
      ];
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await sim.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
