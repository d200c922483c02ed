import { WAIT, present } from '@orgbridge/test-world';
/**
 * Review L (issue 14 item 4): a card already in the admins' WeCom keeps working after the tenant
 * DISABLED its WeCom integration (enabled: false): the click is verified with
 * `requireEnabled: false` and acted on at once, while contact events of a disabled config wait
 * until it is enabled again and sign-in / sending refuse "企业微信尚未配置". Disabling the
 * integration (e.g. after a leaked Token, or when an admin's WeCom account is compromised) must
 * stop WeCom from approving members.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { bindMember } from '../factories/bindings';
import { memberships } from '../../src/db/schema';
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

beforeAll(async () => {
  w = await callbackWorld({ users: 6, departments: 2, seed: 45 });
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

it('a click on a card does not approve anyone once the WeCom integration is disabled', async () => {
  const other = await w.t.factories.tenant();
  const applicant = await w.t.factories.user(other.id, { realname: '停用后申请人' });
  const join = await w.t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: w.tenant.houseNumber },
    { token: applicant.token },
  );
  expect(join.status).toBe(200);
  const card = await vi.waitFor(
    async () =>
      present(
        cardsOf(adminExt).find((c) => c.content.sub_title_text.includes('停用后申请人')),
        'card',
      ),
    WAIT,
  );
  const off = await w.t.call(
    'PUT',
    '/sys/thirdApp/config',
    { thirdType: 'wechat_enterprise', enabled: false },
    { token: w.admin.token, tenantId: w.tenant.id },
  );
  expect(off.status).toBe(200);
  expect(off.body.result).toMatchObject({ enabled: false });

  await fetch(`${w.sim.url}/sim/members/${encodeURIComponent(adminExt)}/cards/click`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ taskId: card.content.task_id, key: 'approve' }).toString(),
  });
  expect(await membershipStatus(applicant.id)).toBe(3);
});
