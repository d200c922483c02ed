import { withWeComTenant } from '@orgbridge/test-world';
// Issue 16 item 3 (PRODUCT.md §10): /livez, /readyz and /metrics, not behind the session;
// METRICS_TOKEN enforced; the counters move with a sync and a send against the simulator.
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app';
import { bindMember } from './factories/bindings';
import { activeSimUserIds } from './factories/messages';
import type { TestTenant, TestUser } from './factories';
import { usePostgres } from './test-db';

const TOKEN = 'scrape-token-0123456789';

/** The value of one sample (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(/,(?=\w+=")/);
    if (want.every((w) => have.includes(w))) total += Number(m[3]);
  }
  return total;
}

let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;

beforeAll(async () => {
  sim = await startSimulator({ users: 30, departments: 5, seed: 16, latencyMs: 0 });
  t = await buildTestApp({
    config: {
      wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url },
      metricsToken: TOKEN,
    },
  });
  ({ tenant, admin } = await withWeComTenant(t, sim));
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const scrape = async (authorization = `Bearer ${TOKEN}`) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });

describe('GET /livez and /readyz', () => {
  it('/livez answers 200 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/livez' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 naming every part it checked', async () => {
    await expect
      .poll(async () => (await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, {
        timeout: 10_000,
      })
      .toBe(200);
    const body = (await t.app.inject({ method: 'GET', url: '/readyz' })).json();
    expect(body.status).toBe('ready');
    expect(body.failing).toEqual([]);
    expect(body.checks.database).toEqual({ ok: true });
    expect(body.checks.migrations).toEqual({ ok: true });
    if (usePostgres()) expect(body.checks.changeListener).toEqual({ ok: true });
  });

  it('/readyz names the job queue where the server runs jobs', async () => {
    const withJobs = await buildTestApp({ jobs: { refreshSeconds: 3600 } });
    try {
      const res = await withJobs.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.json().checks.jobs).toEqual({ ok: true });
    } finally {
      await withJobs.close();
    }
    // The app without jobs (above) does not list them: nothing there to be ready.
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json().checks.jobs).toBe(
      undefined,
    );
  });

  it('/health keeps answering as before', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /metrics', () => {
  it('refuses a scrape without or with a wrong METRICS_TOKEN (401), serves the right one', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().errorCode).toBe('metrics.token_invalid');
    expect(none.json().message).toMatch(/METRICS_TOKEN/);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(401);
    const ok = await scrape();
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.body).toMatch(/^# HELP orgbridge_/m);
  });

  it('counts a sync, a send, provider calls, token fetches and journal rounds', async () => {
    const before = (await scrape()).body;
    const corpId = sim.credentials.corpId;
    const alice = await t.factories.user(tenant.id);
    await bindMember(t.db, {
      tenantId: tenant.id,
      userId: alice.id,
      corpId,
      extUserId: activeSimUserIds(sim)[0]!,
    });
    const sent = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: 'metrics' },
      { token: admin.token },
    );
    expect(sent.status, sent.body.message).toBe(200);
    const started = await t.call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      { token: admin.token },
    );
    expect(started.status, started.body.message).toBe(200);
    const runId = started.body.result.runId as number;
    let run: { status: string } = { status: 'running' };
    await expect
      .poll(
        async () => {
          const r = await t.call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
            token: admin.token,
          });
          run = r.body.result;
          return run.status;
        },
        { timeout: 30_000, interval: 50 },
      )
      .not.toBe('running');

    // The run's outcome is counted after its row is written: wait for it to show.
    let after = '';
    await expect
      .poll(
        async () => {
          after = (await scrape()).body;
          return sample(after, 'orgbridge_sync_runs_total', { trigger: 'api' });
        },
        { timeout: 5_000 },
      )
      .toBe(1);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(moved('orgbridge_sync_runs_total', { trigger: 'api', outcome: run.status })).toBe(1);
    expect(
      moved('orgbridge_sync_run_duration_seconds_count', { trigger: 'api', outcome: run.status }),
    ).toBe(1);
    expect(moved('orgbridge_messages_total', { outcome: 'sent' })).toBe(1);
    expect(moved('orgbridge_message_journal_batch_size_count')).toBeGreaterThanOrEqual(2);
    expect(moved('orgbridge_connector_token_fetches_total')).toBeGreaterThanOrEqual(1);
    const calls = (api: string) =>
      moved('orgbridge_connector_calls_total', { provider: 'wecom', api, errcode: '0' });
    expect(calls('gettoken')).toBeGreaterThanOrEqual(1);
    expect(calls('message/send')).toBe(1);
    expect(calls('department/list')).toBeGreaterThanOrEqual(1);
    // Durations by route pattern and status: never the raw URL (its ids would be unbounded).
    expect(
      moved('orgbridge_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/sys/thirdApp/sync/runs/:id',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain(`/sys/thirdApp/sync/runs/${runId}"`);
    expect(
      moved('orgbridge_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/sys/thirdApp/sendMessageTest',
        status_code: '200',
      }),
    ).toBe(1);
  }, 60_000);

  it('keeps one registry per app: a second app counts only its own requests', async () => {
    const other = await buildTestApp();
    try {
      const res = await other.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(
        sample(res.body, 'orgbridge_http_request_duration_seconds_count', {
          route: '/sys/thirdApp/sendMessageTest',
        }),
      ).toBe(0);
    } finally {
      await other.close();
    }
  });
});
