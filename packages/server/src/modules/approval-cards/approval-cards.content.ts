/**
 * The approval card (PRODUCT.md §8; reference §13): a WeCom `template_card` of type
 * `button_interaction` with 同意 / 拒绝, naming the applicant (display name, mobile masked) and
 * the tenant. Its task id says which tenant and member it is about; a click is only acted on
 * when this tenant's message log holds a card with that task id.
 */
import { randomBytes } from 'node:crypto';
import type { Message } from '../../connectors/kit';
import { maskMobile } from '../../lib/mask';

export const APPROVE_KEY = 'approve';
export const REFUSE_KEY = 'refuse';

/** WeCom: digits, letters and `_-@`, at most 128 bytes, unique per app. */
const TASK_ID = /^ob_(\d{1,10})_(\d{1,10})_[0-9a-f]{16}$/;

export function newTaskId(tenantId: number, userId: number): string {
  return `ob_${tenantId}_${userId}_${randomBytes(8).toString('hex')}`;
}

/** The tenant and member a task id names, or null when it is not one of ours. */
export function parseTaskId(taskId: string): { tenantId: number; userId: number } | null {
  const m = TASK_ID.exec(taskId);
  return m ? { tenantId: Number(m[1]), userId: Number(m[2]) } : null;
}

export { maskMobile };

/** Byte-bounded text (WeCom truncates card fields; we cut on a character boundary first). */
function cut(value: string, maxBytes: number): string {
  let out = '';
  for (const ch of value) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) return `${out}…`;
    out += ch;
  }
  return out;
}

export interface CardApplicant {
  displayName: string;
  phone: string | null;
  tenantName: string;
}

/** The card as a neutral interactive message (sent where the connector has `interactive`). */
export function approvalCard(
  taskId: string,
  a: CardApplicant,
): Extract<Message, { type: 'interactive' }> {
  const name = cut(a.displayName, 60);
  const tenant = cut(a.tenantName, 60);
  return {
    type: 'interactive',
    card: {
      card_type: 'button_interaction',
      source: { desc: 'OrgBridge' },
      main_title: { title: '成员加入申请', desc: 'Join request (审核中 / pending)' },
      sub_title_text: `${name} 申请加入「${tenant}」，请审批。(${name} asks to join ${tenant}: approve or refuse.)`,
      horizontal_content_list: [
        { keyname: '申请人', value: name },
        ...(a.phone ? [{ keyname: '手机', value: maskMobile(a.phone) }] : []),
        { keyname: '租户', value: tenant },
      ],
      task_id: taskId,
      button_list: [
        { text: '同意', style: 1, key: APPROVE_KEY },
        { text: '拒绝', style: 2, key: REFUSE_KEY },
      ],
    },
  };
}

/** What the clicked button turns into (WeCom shows it greyed out instead of the buttons). */
export const replaceName = {
  approved: (by: string) => cut(`已同意 · ${by}`, 48),
  refused: (by: string) => cut(`已拒绝 · ${by}`, 48),
  handled: () => '已被处理',
};
