import { WAIT, present } from '@orgbridge/test-world';
/**
 * Approvals from WeCom (PRODUCT.md §8), end to end against the simulator: a join request cards
 * the tenant's WeCom-bound admins; a click in the simulator's member page reaches the callback
 * URL as an encrypted template_card_event and is acted on as that admin, or refused.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindMember } from '../../../test/factories/bindings';
import type { TestUser } from '../../../test/factories';
import { auditLog, linkRequests, memberships, messages } from '../../db/schema';
import {
  callbackWorld,
  envelope,
  post,
  type CallbackWorld,
} from '../callbacks/callbacks.test-harness';

let w: CallbackWorld;
let simUsers: string[];
/** Bound admin (the world's admin), bound member, bound admin demoted later, unbound admin. */
let adminExt: string;
let memberExt: string;
let admin2: TestUser;
let admin2Ext: string;

interface CardEntry {
  msgid: string;
  msgtype: string;
  content: { task_id: string; sub_title_text: string; horizontal_content_list: unknown[] };
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

async function auditOf(action: string) {
  return w.t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, w.tenant.id), eq(auditLog.action, action)));
}

/** A member of another tenant asks to join ours; resolves with their card's task id. */
async function joinRequest(realname: string, expectCard = true) {
  const other = await w.t.factories.tenant();
  const applicant = await w.t.factories.user(other.id, { realname });
  const res = await w.t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: w.tenant.houseNumber },
    { token: applicant.token },
  );
  expect(res.status).toBe(200);
  if (!expectCard) return { applicant, taskId: '' };
  const card = await vi.waitFor(
    async () =>
      present(
        cardsOf(adminExt).find((c) => c.content.sub_title_text.includes(realname)),
        `card about ${realname}`,
      ),
    WAIT,
  );
  return { applicant, taskId: card.content.task_id };
}

/** Clicks a button on the simulator's member page (the form post the browser sends). */
async function click(userid: string, taskId: string, key: 'approve' | 'refuse') {
  const res = await fetch(`${w.sim.url}/sim/members/${encodeURIComponent(userid)}/cards/click`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ taskId, key }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  w = await callbackWorld({ users: 12, departments: 3, seed: 41 });
  await w.sim.admin.configureCallback({
    url: w.url,
    token: w.token,
    encodingAesKey: w.encodingAesKey,
  });
  simUsers = w.sim.admin
    .listUsers()
    .filter((u) => u.status === 1)
    .map((u) => u.userid);
  [adminExt, memberExt, admin2Ext] = simUsers as [string, string, string];
  const base = { tenantId: w.tenant.id, corpId: w.corpId };
  await bindMember(w.t.db, { ...base, userId: w.admin.id, extUserId: adminExt });
  const member = await w.t.factories.user(w.tenant.id, { role: 'member' });
  await bindMember(w.t.db, { ...base, userId: member.id, extUserId: memberExt });
  admin2 = await w.t.factories.user(w.tenant.id, { role: 'admin', realname: '第二管理员' });
  await bindMember(w.t.db, { ...base, userId: admin2.id, extUserId: admin2Ext });
  // An admin without a WeCom binding gets nothing (nowhere to send it).
  await w.t.factories.user(w.tenant.id, { role: 'admin' });
});
afterAll(async () => w?.close());

describe('approval cards', () => {
  it('cards each WeCom-bound admin on a join request, not members, through the message log', async () => {
    const { taskId } = await joinRequest('申请人甲');
    const forAdmin = cardsOf(adminExt).find((c) => c.content.task_id === taskId)!;
    expect(forAdmin.content).toMatchObject({
      card_type: 'button_interaction',
      button_list: [
        { text: '同意', key: 'approve' },
        { text: '拒绝', key: 'refuse' },
      ],
    });
    expect(JSON.stringify(forAdmin.content)).toContain(w.tenant.name);
    expect(cardsOf(admin2Ext).some((c) => c.content.task_id === taskId)).toBe(true);
    expect(cardsOf(memberExt)).toHaveLength(0);
    const logged = await w.t.db
      .select({ source: messages.source, status: messages.status })
      .from(messages)
      .where(
        and(
          eq(messages.tenantId, w.tenant.id),
          sql`${messages.content} -> 'template_card' ->> 'task_id' = ${taskId}`,
        ),
      );
    expect(logged).toEqual([{ source: 'approval_card', status: 'sent' }]);
  });

  it('同意 clicked in the simulator activates the member as that admin, audited, and updates the card', async () => {
    const { applicant, taskId } = await joinRequest('申请人乙');
    expect(await membershipStatus(applicant.id)).toBe(3);
    const res = await click(adminExt, taskId, 'approve');
    expect(res).toMatchObject({ status: 200 });
    expect(JSON.parse(res.body)).toEqual({ outcome: 'delivered' });
    expect(await membershipStatus(applicant.id)).toBe(1);
    const approved = (await auditOf('member.approve')).filter(
      (a) => a.targetId === String(applicant.id),
    );
    // One entry for the decision, saying it came from the card.
    expect(approved.map((a) => a.actorUserId)).toEqual([w.admin.id]);
    expect(approved[0]!.details).toMatchObject({ via: 'wecom_card', taskId });
    const task = w.sim.admin.cardTask(taskId)!;
    expect(task.replaced[adminExt.toLowerCase()]).toMatch(/^已同意 · /);
    // The other admin's card says so too.
    expect(task.replaced[admin2Ext.toLowerCase()]).toMatch(/^已同意 · /);
  });

  it('a retried delivery of the same click is stored once and not acted on again', async () => {
    const last = w.sim.admin
      .callbackDeliveries()
      .filter((d) => d.changeType === 'template_card_event')
      .at(-1)!;
    const before = (await auditOf('member.approve')).length;
    const again = await post(w.url, envelope(w, last.plaintext));
    expect(again).toEqual({ status: 200, text: 'success' });
    expect((await auditOf('member.approve')).length).toBe(before);
    expect((await auditOf('approval_card.already_handled')).length).toBe(0);
  });

  it('a click on a request already decided in the console changes nothing and says it was handled', async () => {
    const { applicant, taskId } = await joinRequest('申请人丙');
    const console = await w.t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: applicant.id },
      { token: w.admin.token, tenantId: w.tenant.id },
    );
    expect(console.status).toBe(200);
    const res = await click(admin2Ext, taskId, 'refuse');
    expect(JSON.parse(res.body)).toEqual({ outcome: 'delivered' });
    expect(await membershipStatus(applicant.id)).toBe(1);
    expect(w.sim.admin.cardTask(taskId)!.replaced[admin2Ext.toLowerCase()]).toBe('已被处理');
    const handled = await auditOf('approval_card.already_handled');
    expect(handled.map((a) => a.actorUserId)).toEqual([admin2.id]);
  });

  it("a demoted admin's click changes nothing and is audited as refused", async () => {
    const { applicant, taskId } = await joinRequest('申请人丁');
    const demote = await w.t.call(
      'POST',
      '/sys/tenant/members/role',
      { userId: admin2.id, role: 'member' },
      { token: w.admin.token, tenantId: w.tenant.id },
    );
    expect(demote.status).toBe(200);
    await click(admin2Ext, taskId, 'approve');
    expect(await membershipStatus(applicant.id)).toBe(3);
    const refused = (await auditOf('approval_card.click_refused')).filter(
      (a) => a.targetId === String(applicant.id),
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actorUserId: admin2.id });
    expect(refused[0]!.details).toMatchObject({ reason: 'not_admin', taskId });
    expect(w.sim.admin.cardTask(taskId)!.replaced[admin2Ext.toLowerCase()]).toBeUndefined();
    // The member no longer admin gets no cards for new requests either.
    const next = await joinRequest('申请人戊');
    expect(cardsOf(admin2Ext).some((c) => c.content.task_id === next.taskId)).toBe(false);
  });

  it("cards the admins when an outsider accepts the tenant's link request (pending, 审核中)", async () => {
    const other = await w.t.factories.tenant();
    const owner = await w.t.factories.user(other.id, { realname: '链接申请人' });
    const [req] = await w.t.db
      .insert(linkRequests)
      .values({
        tenantId: w.tenant.id,
        thirdType: 'wechat_enterprise',
        corpId: w.corpId,
        extUserId: simUsers[3]!,
        extName: simUsers[3]!,
        userId: owner.id,
      })
      .returning({ id: linkRequests.id });
    const res = await w.t.call('POST', `/sys/user/linkRequests/${req!.id}/accept`, undefined, {
      token: owner.token,
    });
    expect(res.status).toBe(200);
    expect(await membershipStatus(owner.id)).toBe(3);
    await vi.waitFor(
      async () =>
        present(
          cardsOf(adminExt).find((c) => c.content.sub_title_text.includes('链接申请人')),
          'card about the link request',
        ),
      WAIT,
    );
  });

  it('refuses a forged click (bad signature) without acting', async () => {
    const { applicant, taskId } = await joinRequest('申请人己');
    const forged = `<xml><ToUserName><![CDATA[${w.corpId}]]></ToUserName><FromUserName><![CDATA[${adminExt}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[x]]></ResponseCode><AgentID>${w.sim.credentials.agentId}</AgentID></xml>`;
    const res = await post(w.url, envelope({ ...w, token: 'NotTheTenantToken1' }, forged));
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ errorCode: 'callback.signature_invalid' });
    expect(await membershipStatus(applicant.id)).toBe(3);
  });

  it('sends no card when the tenant turned approval cards off', async () => {
    const off = await w.t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', syncPolicy: { approvalCards: false } },
      { token: w.admin.token, tenantId: w.tenant.id },
    );
    expect(off.status).toBe(200);
    expect(off.body.result).toMatchObject({ syncPolicy: { approvalCards: false } });
    await joinRequest('申请人庚', false);
    const on = await w.t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', syncPolicy: { approvalCards: true } },
      { token: w.admin.token, tenantId: w.tenant.id },
    );
    expect(on.status).toBe(200);
    // The next request is carded, so the one before had its turn and sent nothing.
    await joinRequest('申请人辛');
    expect(cardsOf(adminExt).some((c) => c.content.sub_title_text.includes('申请人庚'))).toBe(
      false,
    );
  });
});
