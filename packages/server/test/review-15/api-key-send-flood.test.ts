import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, messages } from '../../src/db/schema';
import { createKey, sendBody } from '../../src/modules/api-keys/api-keys.test-harness';
import { buildTestApp, type TestApp } from '../build-test-app';
import { wecomTenant } from '../factories/messages';

/**
 * Review of issue 15 (API keys, audit log). Attack: a `messages:send` key — leaked, or an
 * integrator stuck in a retry loop — calls sendMessageTest as fast as it can with a receiver
 * nobody is bound to. Each call is refused (400, nothing deliverable, WeCom never called), yet
 * each writes a `message.sent` audit entry and a message-log row holding the body (up to 2 KB).
 * Nothing limits a key's rate: use-denied entries are capped at one per key and operation per
 * minute precisely because "a refused key may retry in a loop" (api-keys.service.ts), but a
 * permitted key in a loop fills the audit log and the message log without bound and buries the
 * entries an auditor looks for.
 *
 * Expected: a key's calls are rate-limited (429 with Retry-After, e.g. per key per minute), so a
 * burst of a few hundred calls in seconds does not produce as many audit entries.
 */
const CALLS = 150;
let sim: Simulator;
let t: TestApp;
beforeAll(async () => {
  sim = await startSimulator({ users: 3, departments: 1, seed: 156, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

it(`${CALLS} refused sends from one key in a burst are not all logged and audited`, async () => {
  const { tenant, admin } = await wecomTenant(t, sim);
  const k = await createKey(t, admin.token, ['messages:send']);
  const statuses = new Map<number, number>();
  for (let i = 0; i < CALLS; i++) {
    const r = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      sendBody('nobody-bound', 'x'.repeat(2000)),
      { token: k.key },
    );
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  const [audited] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'message.sent')));
  const [logged] = await t.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.tenantId, tenant.id));
  // Today: every call answers 400 and leaves one audit entry and one 2 KB message row.
  expect(statuses.get(429) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
  expect(audited!.n).toBeLessThan(CALLS);
  expect(logged!.n).toBeLessThan(CALLS);
});
