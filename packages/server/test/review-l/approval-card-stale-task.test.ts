import { WAIT, present } from '@orgbridge/test-world';
/**
 * Review L (issue 14 item 4): a card is about one join request, not about the member for ever.
 * Refused in the console (the card keeps its buttons: console decisions do not update cards),
 * the member asks again; a click on the OLD card must not decide the NEW request, which the
 * admin has not seen (§8: a click acts on the request the card shows).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bindMember } from '../factories/bindings';
import { auditLog, memberships } from '../../src/db/schema';
import {
  callbackWorld,
  type CallbackWorld,
} from '../../src/modules/callbacks/callbacks.test-harness';

let w: CallbackWorld;
let adminExt: string;

interface CardEntry {
  msgtype: string;
  content: { task_id: string; sub_title_text: string };
}
const cardsOf = (userid: string) =>
  (w.sim.admin.messagesFor(userid) as unknown as CardEntry[]).filter(
    (m) => m.msgtype === 'template_card',
  );

async function membershipStatus(userId: number) {
  const [m] = await w.t.db
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.tenantId, w.tenant.id), eq(memberships.userId, userId)));
  return m?.status;
}

async function click(userid: string, taskId: string, key: 'approve' | 'refuse') {
  const res = await fetch(`${w.sim.url}/sim/members/${encodeURIComponent(userid)}/cards/click`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ taskId, key }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  w = await callbackWorld({ users: 6, departments: 2, seed: 43 });
  await w.sim.admin.configureCallback({
    url: w.url,
    token: w.token,
    encodingAesKey: w.encodingAesKey,
  });
  adminExt = w.sim.admin.listUsers().find((u) => u.status === 1)!.userid;
  await bindMember(w.t.db, {
    tenantId: w.tenant.id,
    corpId: w.corpId,
    userId: w.admin.id,
    extUserId: adminExt,
  });
});
afterAll(async () => w?.close());

it('a click on the card of a refused request does not approve the re-submitted request', async () => {
  const other = await w.t.factories.tenant();
  const applicant = await w.t.factories.user(other.id, { realname: '复申请人' });
  const join = () =>
    w.t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: w.tenant.houseNumber },
      { token: applicant.token },
    );
  expect((await join()).status).toBe(200);
  const first = await vi.waitFor(
    async () =>
      present(
        cardsOf(adminExt).find((c) => c.content.sub_title_text.includes('复申请人')),
        'first card',
      ),
    WAIT,
  );
  // Refused in the console: the WeCom card is not touched and keeps 同意 / 拒绝.
  const refused = await w.t.call(
    'POST',
    '/sys/tenant/members/refuse',
    { userId: applicant.id },
    { token: w.admin.token, tenantId: w.tenant.id },
  );
  expect(refused.status).toBe(200);
  expect(await membershipStatus(applicant.id)).toBe(4);
  // The member asks again: a new request, a new card.
  expect((await join()).status).toBe(200);
  await vi.waitFor(
    async () =>
      present(
        cardsOf(adminExt).find(
          (c) =>
            c.content.sub_title_text.includes('复申请人') &&
            c.content.task_id !== first.content.task_id,
        ),
        'second card',
      ),
    WAIT,
  );
  expect(await membershipStatus(applicant.id)).toBe(3);

  // 同意 on the OLD card (about the request already refused).
  await click(adminExt, first.content.task_id, 'approve');

  const approvedByCard = await w.t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, w.tenant.id), eq(auditLog.action, 'member.approve')));
  expect(approvedByCard).toHaveLength(0);
  expect(await membershipStatus(applicant.id)).toBe(3);
});
