/**
 * App messages (doc /90236 send, /94867 recall; reference §5).
 *
 * message/send is not idempotent. The client retries it only when WeCom answered -1, 45009 or
 * 45033 (it refused the call, so nothing was delivered) or when the connection was refused before
 * the request left. After a timeout, a reset or an unreadable answer the message may already be
 * delivered; retrying could send it twice, so the client throws `WeComError{ uncertain: true }` and
 * leaves the decision to the caller (record "unknown", or resend with
 * `enable_duplicate_check: 1`, which makes WeCom drop an identical request within the interval).
 */
import { Type, type Static } from '@sinclair/typebox';
import { compact, optString, pipeList, reqString } from '../decode';
import type { Requester } from '../request';

type IdList = string | readonly (string | number)[];

interface Envelope {
  /** userids; an array is joined with '|'. `'@all'` = everyone in the visible range. ≤1000. */
  touser?: IdList;
  /** department ids, ≤100. */
  toparty?: IdList;
  /** tag ids, ≤100. */
  totag?: IdList;
  /** Must be a number: WeCom rejects a string agentid. */
  agentid: number;
  safe?: 0 | 1 | 2;
  enable_id_trans?: 0 | 1;
  enable_duplicate_check?: 0 | 1;
  /** Seconds, default 1800, max 14400. */
  duplicate_check_interval?: number;
}

export interface NewsArticle {
  title: string;
  description?: string;
  url?: string;
  picurl?: string;
  appid?: string;
  pagepath?: string;
}

export type MessageContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | {
      msgtype: 'textcard';
      textcard: { title: string; description: string; url: string; btntxt?: string };
    }
  | { msgtype: 'news'; news: { articles: NewsArticle[] } }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> }
  | { msgtype: 'image' | 'voice' | 'file'; [key: string]: unknown }
  | { msgtype: 'video' | 'mpnews' | 'miniprogram_notice'; [key: string]: unknown };

export type MessageSendBody = Envelope & MessageContent;

export const SendResultSchema = Type.Object({
  msgId: Type.String(),
  /** Recipients WeCom refused (lower-cased userids, department ids, tag ids). */
  invalidUsers: Type.Array(Type.String()),
  invalidParties: Type.Array(Type.String()),
  invalidTags: Type.Array(Type.String()),
  /** Members without an interface licence (third-party / 代开发 apps). */
  unlicensedUsers: Type.Array(Type.String()),
  /** Only for interactive template cards; used to update the card. */
  responseCode: Type.Optional(Type.String()),
});
export type SendResult = Static<typeof SendResultSchema>;

const joinIds = (v: IdList | undefined) =>
  v === undefined || typeof v === 'string' ? v : v.join('|');

export function createMessageApi(r: Requester) {
  return {
    /**
     * Sends an app message. Partially invalid recipients still succeed (see `invalidUsers`); all
     * invalid → WeComError 81013 whose `body.invaliduser` lists them.
     */
    async send(message: MessageSendBody): Promise<SendResult> {
      const api = 'message/send';
      const body = compact({
        ...message,
        touser: joinIds(message.touser),
        toparty: joinIds(message.toparty),
        totag: joinIds(message.totag),
      });
      const res = await r.call({ api, method: 'POST', body, auth: true, idempotent: false });
      return compact({
        msgId: reqString(api, res, 'msgid'),
        invalidUsers: pipeList(res.invaliduser),
        invalidParties: pipeList(res.invalidparty),
        invalidTags: pipeList(res.invalidtag),
        unlicensedUsers: pipeList(res.unlicenseduser),
        responseCode: optString(res.response_code) || undefined,
      });
    },
    /**
     * Recalls a message sent by the same app within 24 h. Treated as idempotent: repeating a recall
     * cannot deliver anything; at worst the repeat reports an error for an already recalled message.
     */
    async recall(msgid: string): Promise<void> {
      const api = 'message/recall';
      await r.call({ api, method: 'POST', body: { msgid }, auth: true, idempotent: true });
    },
    /**
     * Replaces the clicked button of an interactive card with `replaceName` for `userids`
     * (doc /94888 via /96468). `responseCode` comes from the `template_card_event` and works once;
     * retried like recall: repeating it cannot deliver anything new.
     */
    async updateTemplateCardButton(update: {
      agentid: number;
      userids: readonly string[];
      responseCode: string;
      replaceName: string;
    }): Promise<void> {
      const api = 'message/update_template_card';
      const body = {
        userids: [...update.userids],
        agentid: update.agentid,
        response_code: update.responseCode,
        button: { replace_name: update.replaceName },
      };
      await r.call({ api, method: 'POST', body, auth: true, idempotent: true });
    },
  };
}
