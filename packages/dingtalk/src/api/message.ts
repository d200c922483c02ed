/**
 * Work notices (工作通知). `asyncsend_v2` only queues a task: success means accepted, not
 * delivered. The outcome per recipient comes from `getsendresult` (invalid, forbidden by flow
 * control, failed, read, unread). Flow control drops silently: the same content to the same member
 * once a day, at most 500 notices per member per day for an internal app — those members appear in
 * `forbidden_user_id_list`, never as an errcode. Sent notices can be recalled with the task id.
 */
import { Type, type Static } from '@sinclair/typebox';
import { asObject, compact, intArray, optInt, optString, reqInt, stringArray } from '../decode';
import type { Requester } from '../request';

/** Recipients per call (userid_list). UNCONFIRMED upper bound, see README. */
export const MAX_USERIDS_PER_SEND = 100;

export type WorkNoticeMsg =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'link'; link: { messageUrl: string; picUrl: string; title: string; text: string } }
  | {
      msgtype: 'action_card';
      action_card: { title: string; markdown: string; single_title: string; single_url: string };
    };

export interface SendParams {
  agentId: number;
  userIds?: string[];
  deptIds?: number[];
  toAllUser?: boolean;
  msg: WorkNoticeMsg;
}

export const SendResultSchema = Type.Object({
  invalidUserIds: Type.Array(Type.String()),
  forbiddenUserIds: Type.Array(Type.String()),
  failedUserIds: Type.Array(Type.String()),
  readUserIds: Type.Array(Type.String()),
  unreadUserIds: Type.Array(Type.String()),
  invalidDeptIds: Type.Array(Type.Integer()),
  forbidden: Type.Array(
    Type.Object({
      userid: Type.String(),
      code: Type.Optional(Type.String()),
      count: Type.Optional(Type.Integer()),
    }),
  ),
});
/** Outcome of one send task per recipient. */
export type SendResult = Static<typeof SendResultSchema>;

/** `getsendprogress`: 0 未开始 → pending, 1 处理中 → processing, 2 处理完毕 → done. */
export interface SendProgress {
  status: 'pending' | 'processing' | 'done';
  percent: number;
}

export function createMessageApi(r: Requester) {
  return {
    /**
     * Queues a work notice; returns the task id. Not idempotent: a retried send after a timeout
     * could notify twice, so such failures surface with `uncertain: true`.
     */
    async send(p: SendParams): Promise<number> {
      const api = 'topapi/message/corpconversation/asyncsend_v2';
      const body = await r.call({
        host: 'oapi',
        api,
        method: 'POST',
        auth: 'app',
        idempotent: false,
        body: compact({
          agent_id: p.agentId,
          userid_list: p.userIds && p.userIds.length > 0 ? p.userIds.join(',') : undefined,
          dept_id_list: p.deptIds && p.deptIds.length > 0 ? p.deptIds.join(',') : undefined,
          to_all_user: p.toAllUser ? true : undefined,
          msg: p.msg,
        }),
      });
      return reqInt(api, body, 'task_id');
    },
    /**
     * Whether DingTalk finished a task (`getsendprogress`): status 0 not started, 1 processing,
     * 2 done; `percent` 0–100. Until it is done `getsendresult` lists only part of the recipients.
     */
    async getSendProgress(agentId: number, taskId: number): Promise<SendProgress> {
      const api = 'topapi/message/corpconversation/getsendprogress';
      const body = await r.call({
        host: 'oapi',
        api,
        method: 'POST',
        auth: 'app',
        idempotent: true,
        body: { agent_id: agentId, task_id: taskId },
      });
      const p = asObject(body.progress);
      const status = optInt(p.status) ?? 0;
      return {
        status: status === 2 ? 'done' : status === 1 ? 'processing' : 'pending',
        percent: optInt(p.progress_in_percent) ?? 0,
      };
    },
    /** Per-recipient outcome of a task (`getsendresult`). */
    async getSendResult(agentId: number, taskId: number): Promise<SendResult> {
      const api = 'topapi/message/corpconversation/getsendresult';
      const body = await r.call({
        host: 'oapi',
        api,
        method: 'POST',
        auth: 'app',
        idempotent: true,
        body: { agent_id: agentId, task_id: taskId },
      });
      const s = asObject(body.send_result);
      const forbidden = (Array.isArray(s.forbidden_list) ? s.forbidden_list : []).map((f) => {
        const o = asObject(f);
        return compact({
          userid: optString(o.userid) ?? '',
          code: optString(o.code),
          count: optInt(o.count),
        });
      });
      return {
        invalidUserIds: stringArray(s.invalid_user_id_list),
        forbiddenUserIds: stringArray(s.forbidden_user_id_list),
        failedUserIds: stringArray(s.failed_user_id_list),
        readUserIds: stringArray(s.read_user_id_list),
        unreadUserIds: stringArray(s.unread_user_id_list),
        invalidDeptIds: intArray(s.invalid_dept_id_list),
        forbidden,
      };
    },
    /** Withdraws a sent notice from every recipient (`recall`). Repeating it is harmless. */
    async recall(agentId: number, taskId: number): Promise<void> {
      await r.call({
        host: 'oapi',
        api: 'topapi/message/corpconversation/recall',
        method: 'POST',
        auth: 'app',
        idempotent: true,
        body: { agent_id: agentId, msg_task_id: taskId },
      });
    },
  };
}
