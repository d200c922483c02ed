import { MAX_USERIDS_PER_SEND, type DingTalkClient, type WorkNoticeMsg } from '@orgbridge/dingtalk';
import type {
  Message,
  MessagingCapabilities,
  NeutralMessaging,
  NeutralOutboundMessage,
  SendOutcome,
  SendResult,
} from '../kit';
import { refusal, translated } from './errors';

const SEND_API = 'topapi/message/corpconversation/asyncsend_v2';

/** DingTalk: "msg … 最长不超过2048个字节" — the whole msg object, as JSON. */
export const MAX_MSG_BYTES = 2048;
/** dept_id_list: at most 20 departments a call (sub-departments included by DingTalk). */
export const MAX_DEPARTMENTS_PER_SEND = 20;

/**
 * Work notices (工作通知, asyncsend_v2). Text, markdown, card (→ action_card with one button) and
 * news with one article (→ link); DingTalk has no multi-article notice and its interactive cards
 * are another API, so those are refused. Byte limits: the whole msg is at most 2,048 bytes, so
 * each field is bounded by that minus the envelope; `send` checks the whole.
 */
export const dingtalkMessaging: MessagingCapabilities = {
  types: ['text', 'markdown', 'card', 'news'],
  maxBytes: { text: 2_000, markdown: 2_000, title: 2_000, description: 2_000, url: 1_000 },
  maxArticles: 1,
  maxUsersPerCall: MAX_USERIDS_PER_SEND,
  maxDepartmentsPerCall: MAX_DEPARTMENTS_PER_SEND,
  toAll: true,
  // The same content reaches a member once a day; at most 500 notices a member a day (internal
  // apps). Over either limit the send "succeeds" and the member is listed as forbidden.
  perMemberLimit: { sameContentPerDay: 1, perDay: 500 },
  recall: true,
  outcome: 'async',
};

const unsupported = (type: string) =>
  refusal(SEND_API, `DingTalk work notices cannot carry ${type}`, {
    'zh-CN': {
      title: `钉钉工作通知不支持「${type}」消息`,
      cause: '钉钉工作通知支持文本、Markdown、卡片（单按钮 action_card）和单图文（link）。',
      fix: '改用 text、markdown、card，或只含一篇文章的 news。',
    },
    en: {
      title: `DingTalk work notices cannot carry "${type}"`,
      cause:
        'DingTalk work notices carry text, markdown, a card (action_card with one button) and one-article news (link).',
      fix: 'Use text, markdown, card, or news with a single article.',
    },
  });

/** The neutral message as a work notice `msg`. */
export function toWorkNotice(m: Message): WorkNoticeMsg {
  switch (m.type) {
    case 'text':
      return { msgtype: 'text', text: { content: m.text } };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { title: m.title, text: m.text } };
    case 'card':
      return {
        msgtype: 'action_card',
        action_card: {
          title: m.title,
          markdown: m.description,
          single_title: m.buttonText ?? '查看详情',
          single_url: m.url,
        },
      };
    case 'news': {
      const [a, ...more] = m.articles;
      if (!a || more.length > 0 || !a.url)
        throw unsupported('news with more than one article or without a url');
      return {
        msgtype: 'link',
        link: {
          messageUrl: a.url,
          picUrl: a.imageUrl ?? '',
          title: a.title,
          text: a.description ?? a.title,
        },
      };
    }
    default:
      throw unsupported(m.type);
  }
}

function checkSize(msg: WorkNoticeMsg): void {
  const bytes = Buffer.byteLength(JSON.stringify(msg), 'utf8');
  if (bytes <= MAX_MSG_BYTES) return;
  throw refusal(SEND_API, `work notice is ${bytes} bytes, DingTalk takes ${MAX_MSG_BYTES}`, {
    'zh-CN': {
      title: '消息过长',
      cause: `钉钉工作通知的消息体最长 ${MAX_MSG_BYTES} 字节，这条为 ${bytes} 字节。`,
      fix: '缩短正文或标题，长内容放到链接页面中。',
    },
    en: {
      title: 'Message too long',
      cause: `A DingTalk work notice is at most ${MAX_MSG_BYTES} bytes; this one is ${bytes}.`,
      fix: 'Shorten the text or title; put long content behind the link.',
    },
  });
}

function recipients(msg: NeutralOutboundMessage): { userIds?: string[]; deptIds?: number[] } {
  const users = msg.toUsers ?? [];
  const depts = msg.toDepartments ?? [];
  const over = (what: string, n: number, max: number) =>
    refusal(SEND_API, `${n} ${what} in one call, DingTalk takes ${max}`, {
      'zh-CN': {
        title: '一次发送的接收人过多',
        cause: `钉钉每次工作通知最多 ${max} 个${what === 'users' ? '成员' : '部门'}，本次为 ${n} 个。`,
        fix: '分批发送（消息模块会按连接器的上限分批）。',
      },
      en: {
        title: 'Too many recipients in one call',
        cause: `A DingTalk work notice takes at most ${max} ${what} a call; this one has ${n}.`,
        fix: 'Send in batches (the messages module batches by the connector’s limits).',
      },
    });
  if (users.length > MAX_USERIDS_PER_SEND) throw over('users', users.length, MAX_USERIDS_PER_SEND);
  if (depts.length > MAX_DEPARTMENTS_PER_SEND)
    throw over('departments', depts.length, MAX_DEPARTMENTS_PER_SEND);
  const deptIds = depts.map(Number);
  const bad = depts.filter((_, i) => !Number.isSafeInteger(deptIds[i]));
  if (bad.length > 0) throw unsupported(`department ids ${bad.join(',')}`);
  return {
    ...(users.length > 0 ? { userIds: users } : {}),
    ...(deptIds.length > 0 ? { deptIds } : {}),
  };
}

function taskIdOf(msgId: string): number {
  const id = Number(msgId);
  if (!Number.isSafeInteger(id) || id <= 0) throw unsupported(`task id ${JSON.stringify(msgId)}`);
  return id;
}

export function createDingTalkMessaging(client: DingTalkClient, agentId: number): NeutralMessaging {
  return {
    /**
     * Queues the notice; the task id is the message id. DingTalk reports refused recipients only
     * through the outcome, so `invalidUsers` is empty here — read `outcome(msgId)`.
     */
    async send(msg: NeutralOutboundMessage): Promise<SendResult> {
      const notice = toWorkNotice(msg.content);
      checkSize(notice);
      const to = msg.toAll ? {} : recipients(msg);
      const taskId = await translated(() =>
        client.message.send({
          agentId,
          ...to,
          ...(msg.toAll ? { toAllUser: true } : {}),
          msg: notice,
        }),
      );
      return { msgId: String(taskId), invalidUsers: [], invalidDepartments: [] };
    },

    /**
     * `getsendprogress` (done = status 2) and `getsendresult`: delivered = read + unread; failed
     * = invalid userids, members flow control dropped (forbidden: same content today, 500 a day,
     * to_all_user a fourth time) and members DingTalk could not reach.
     */
    async outcome(msgId: string): Promise<SendOutcome> {
      const taskId = taskIdOf(msgId);
      const progress = await translated(() => client.message.getSendProgress(agentId, taskId));
      const r = await translated(() => client.message.getSendResult(agentId, taskId));
      const reasons = new Map(r.forbidden.map((f) => [f.userid, f.code]));
      return {
        done: progress.status === 'done',
        delivered: [...r.readUserIds, ...r.unreadUserIds],
        read: r.readUserIds,
        failed: [
          ...r.invalidUserIds.map((userId) => ({ userId, reason: 'invalid' })),
          ...r.forbiddenUserIds.map((userId) => ({
            userId,
            reason: reasons.get(userId) ? `forbidden ${reasons.get(userId)}` : 'forbidden',
          })),
          ...r.failedUserIds.map((userId) => ({ userId, reason: 'failed' })),
        ],
      };
    },

    async recall(msgId: string): Promise<void> {
      const taskId = taskIdOf(msgId);
      await translated(() => client.message.recall(agentId, taskId));
    },
  };
}
