import type { WeComClient } from '@orgbridge/wecom';
import type {
  Message,
  MessagingCapabilities,
  NeutralMessaging,
  NeutralOutboundMessage,
  SendResult,
} from '../kit';
import { translated } from './errors';

/**
 * What WeCom app messages can do (reference §5.1, doc /90236): sizes in UTF-8 bytes, 1000 users
 * and 100 departments a call, `@all`, recall within 24 h, 30 a minute and 1000 an hour per member
 * (WeCom drops the excess silently, so the messages module counts them itself).
 */
export const wecomMessagingCapabilities: MessagingCapabilities = {
  types: ['text', 'markdown', 'card', 'news', 'interactive'],
  maxBytes: { text: 2048, markdown: 2048, title: 128, description: 512, url: 2048 },
  maxButtonTextChars: 4,
  maxArticles: 8,
  maxUsersPerCall: 1000,
  maxDepartmentsPerCall: 100,
  toAll: true,
  perMemberLimit: { perMinute: 30, perHour: 1000 },
  recall: true,
  outcome: 'sync',
};

export type WeComWireContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | {
      msgtype: 'textcard';
      textcard: { title: string; description: string; url: string; btntxt?: string };
    }
  | {
      msgtype: 'news';
      news: {
        articles: { title: string; description?: string; url?: string; picurl?: string }[];
      };
    }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> };

/** A neutral message as WeCom's message/send body (its content part). */
export function toWeComContent(message: Message): WeComWireContent {
  switch (message.type) {
    case 'text':
      return { msgtype: 'text', text: { content: message.text } };
    case 'markdown':
      // WeCom's markdown has no title: the text carries its own heading.
      return { msgtype: 'markdown', markdown: { content: message.text } };
    case 'card':
      return {
        msgtype: 'textcard',
        textcard: {
          title: message.title,
          description: message.description,
          url: message.url,
          ...(message.buttonText !== undefined ? { btntxt: message.buttonText } : {}),
        },
      };
    case 'news':
      return {
        msgtype: 'news',
        news: {
          articles: message.articles.map((a) => ({
            title: a.title,
            ...(a.description !== undefined ? { description: a.description } : {}),
            ...(a.url !== undefined ? { url: a.url } : {}),
            ...(a.imageUrl !== undefined ? { picurl: a.imageUrl } : {}),
          })),
        },
      };
    case 'interactive':
      return { msgtype: 'template_card', template_card: message.card };
  }
}

/** WeCom app messages (message/send, message/recall); limits in wecomMessagingCapabilities. */
export function createWeComMessaging(client: WeComClient, agentId: number): NeutralMessaging {
  return {
    async send(msg: NeutralOutboundMessage): Promise<SendResult> {
      const res = await translated(() =>
        client.message.send({
          agentid: agentId,
          ...(msg.toAll ? { touser: '@all' } : {}),
          ...(!msg.toAll && msg.toUsers?.length ? { touser: msg.toUsers } : {}),
          ...(!msg.toAll && msg.toDepartments?.length ? { toparty: msg.toDepartments } : {}),
          ...(msg.safe ? { safe: 1 as const } : {}),
          ...(msg.enableDuplicateCheck
            ? {
                enable_duplicate_check: 1 as const,
                duplicate_check_interval: msg.duplicateCheckInterval ?? 1800,
              }
            : {}),
          ...toWeComContent(msg.content),
        }),
      );
      return {
        msgId: res.msgId,
        invalidUsers: res.invalidUsers,
        invalidDepartments: res.invalidParties,
      };
    },
    async recall(msgId: string): Promise<void> {
      await translated(() => client.message.recall(msgId));
    },
    async updateCardButton(update): Promise<void> {
      await translated(() =>
        client.message.updateTemplateCardButton({
          agentid: agentId,
          userids: update.toUsers,
          responseCode: update.responseCode,
          replaceName: update.replaceName,
        }),
      );
    },
  };
}
