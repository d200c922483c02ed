import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKey } from '../../src/modules/api-keys/api-keys.test-harness';
import {
  syncWorld,
  waitRun,
  type SyncWorld,
} from '../../src/modules/directory-sync/sync.test-harness';

/**
 * Review of issue 15 (API keys). PRODUCT.md §11 / issue 15: a revoked key is "revoked at once,
 * in every process". Attack: a system holding a `sync:run` key opens the run's event stream
 * (GET /sys/thirdApp/sync/runs/:id/events, Server-Sent Events) and keeps it open. The key is
 * checked once, when the stream opens; the handler then polls the run every 300 ms and writes
 * each change until the run ends, whatever happened to the key meanwhile. An administrator who
 * revokes the key (leaked, or the system decommissioned) sees the list say "revoked" while the
 * holder keeps reading the tenant's sync progress, counts and errors for as long as the run lasts.
 * (A session signed out or frozen meanwhile behaves the same; the key is the new case.)
 *
 * Expected: once the key is revoked, the stream stops (ends, or sends an error event) within a
 * poll or two; it does not carry the run through to its end.
 */
let w: SyncWorld;
beforeAll(async () => {
  // Slow directory reads so that the run lasts a few seconds.
  w = await syncWorld({ seed: 151, users: 40, departments: 12, latencyMs: 150 });
});
afterAll(() => w?.close());

it('a revoked key stops receiving the run’s events', async () => {
  const k = await createKey(w.t, w.admin.token, ['sync:run']);
  const started = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: k.key },
  );
  expect(started.status, started.body.message).toBe(200);
  const runId = started.body.result.runId as number;

  const stream = w.t.app.inject({
    method: 'GET',
    url: `/sys/thirdApp/sync/runs/${runId}/events`,
    headers: { 'x-access-token': k.key },
  });
  // The stream is open (its first event written); now the administrator revokes the key.
  await new Promise((r) => setTimeout(r, 200));
  const revoked = await w.t.call('DELETE', `/sys/apiKeys/${k.id}`, undefined, {
    token: w.admin.token,
  });
  expect(revoked.status).toBe(200);
  // The run is still going: what the stream writes from here on is after the revocation.
  const meanwhile = await w.t.call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
    token: w.admin.token,
  });
  expect(meanwhile.body.result.status).toBe('running');
  // The key itself is refused at once on a new request …
  const again = await w.t.call('GET', `/sys/thirdApp/sync/runs/${runId}`, undefined, {
    token: k.key,
  });
  expect(again.status).toBe(401);

  const res = await stream;
  const done = await waitRun(w, runId);
  expect(done.status).not.toBe('running');
  const events = res.payload
    .split('\n\n')
    .filter((e) => e.startsWith('event: progress'))
    .map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)) as { status: string });
  // … but the open stream carried the run to its very end after the revocation.
  expect(events.at(-1)?.status).toBe('running');
});
