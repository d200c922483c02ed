import { WAIT, present } from '@orgbridge/test-world';
/**
 * Review L (issue 14 item 4): approval cards share the admins' WeCom per-member limit (30 a
 * minute, 1000 an hour) with everything else the tenant sends them. Join requests cost the
 * applicant nothing (a successful join is not throttled), so accounts of ANOTHER tenant asking
 * to join by house number can spend the whole budget: the tenant's own messages to its admins
 * are then refused (429) until the window passes. Cards must not be able to crowd out the
 * tenant's messages (cap / coalesce cards per tenant, or throttle successful joins).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bindMember } from '../factories/bindings';
import { auditLog, messages } from '../../src/db/schema';
import { CARD_CAP } from '../../src/modules/approval-cards/approval-cards.service';
import {
  callbackWorld,
  type CallbackWorld,
} from '../../src/modules/callbacks/callbacks.test-harness';

let w: CallbackWorld;

beforeAll(async () => {
  w = await callbackWorld({ users: 6, departments: 2, seed: 44 });
  const adminExt = w.sim.admin.listUsers().find((u) => u.status === 1)!.userid;
  await bindMember(w.t.db, {
    tenantId: w.tenant.id,
    corpId: w.corpId,
    userId: w.admin.id,
    extUserId: adminExt,
  });
});
afterAll(async () => w?.close());

it("join requests from another tenant's accounts do not use up the admin's per-member limit", async () => {
  const other = await w.t.factories.tenant();
  const n = 31;
  for (let i = 0; i < n; i++) {
    const stranger = await w.t.factories.user(other.id, { realname: `陌生人${i}` });
    const res = await w.t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: w.tenant.houseNumber },
      { token: stranger.token },
    );
    expect(res.status).toBe(200);
  }
  // Every join has been considered (a card sent, or capped and audited).
  await vi.waitFor(async () => {
    const [{ cards } = { cards: 0 }] = await w.t.db
      .select({ cards: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(eq(messages.tenantId, w.tenant.id), eq(messages.source, 'approval_card')));
    const [{ capped } = { capped: 0 }] = await w.t.db
      .select({ capped: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, w.tenant.id), eq(auditLog.action, 'approval_card.capped')));
    return present(cards + capped === n ? { cards, capped } : undefined, 'every join considered');
  }, WAIT);
  const [{ cards } = { cards: 0 }] = await w.t.db
    .select({ cards: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.tenantId, w.tenant.id), eq(messages.source, 'approval_card')));
  expect(cards).toBe(CARD_CAP.perMinute);

  // The tenant's own notice to its admin, a moment later.
  const res = await w.t.call(
    'POST',
    '/sys/thirdApp/sendMessageTest',
    { app: 'WECHAT_ENTERPRISE', receiver: w.admin.username, content: '机房断电 / power cut' },
    { token: w.admin.token, tenantId: w.tenant.id },
  );
  expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({
    status: 200,
    errorCode: undefined,
  });
  expect(res.body).toMatchObject({ success: true });
  expect(res.status).toBe(200);
});
