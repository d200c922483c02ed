import type { WeComClient } from '@orgbridge/wecom';
import type { Messaging, OutboundMessage, SendResult } from '../kit';
import { translated } from './errors';

/** WeCom app messages (message/send, message/recall); limits from reference §5. */
export function createWeComMessaging(client: WeComClient, agentId: number): Messaging {
  return {
    maxUsersPerCall: 1000,
    maxDepartmentsPerCall: 100,
    async send(msg: OutboundMessage): Promise<SendResult> {
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
          ...msg.content,
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
