/**
 * PRODUCT.md §6: exactly one `gettoken` per secret per token lifetime, also with 3 OrgBridge
 * processes sharing one PostgreSQL and 200 concurrent senders starting with no token anywhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSimulator } from '@orgbridge/wecom-sim';
import type { BenchScenario } from '../types';
import {
  load,
  percentile,
  prepareTenant,
  scratchDatabase,
  sendLoad,
  signIn,
  spawnServer,
  type ServerProcess,
} from './messages-send';

const PROCESSES = 3;
const SENDERS = 200;

export const scenario: BenchScenario = {
  name: 'messages-token',
  async run() {
    const sim = await startSimulator({ port: 0, users: 800, departments: 60, seed: 11, latencyMs: 0 });
    const dataDir = await mkdtemp(join(tmpdir(), 'orgbridge-bench-token-'));
    const db = await scratchDatabase('token');
    const servers: ServerProcess[] = [];
    try {
      // One process sets the tenant up (config + sync), then every trace of a token is removed:
      // the processes start cold and the database holds no cached token.
      const setup = await spawnServer({ simUrl: sim.url, dataDir, databaseUrl: db.url });
      const receivers = await prepareTenant(setup.url, sim);
      await setup.stop();
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query('delete from connector_tokens');
      await c.end();

      for (let i = 0; i < PROCESSES; i++) {
        servers.push(await spawnServer({ simUrl: sim.url, dataDir, databaseUrl: db.url }));
      }
      const urls = servers.map((s) => s.url);
      const tokens = await Promise.all(urls.map((u) => signIn(u)));
      sim.admin.resetCounts();
      const before = load();
      // 200 senders at once, round-robin over the processes, each message to its own member.
      const r = await sendLoad({ urls, tokens, receivers, total: SENDERS * 3, concurrency: SENDERS });
      const counts = sim.admin.counts();
      const gettoken = counts['/cgi-bin/gettoken'] ?? 0;
      const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
      return [
        {
          id: 'messages.token.gettoken_calls_3_processes',
          label: `gettoken calls, ${PROCESSES} processes × ${SENDERS} concurrent senders (cold start)`,
          value: gettoken,
          unit: 'count',
          bound: { value: 1, kind: 'max', note: 'PRODUCT.md §6: exactly one per token lifetime' },
          detail: `${SENDERS * 3} sendMessageTest calls (${failed} failed ${JSON.stringify(r.failures)}), ${counts['/cgi-bin/message/send'] ?? 0} message/send at WeCom; p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p99 ${percentile(r.latencies, 99).toFixed(0)} ms; load average before ${before}, after ${load()} (2 cores, shared)`,
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
