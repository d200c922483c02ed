import type { Paged } from './client';
import { typedApi, type ApiBody, type ApiRecord, type ApiResult } from './typed';

export type Msgtype = 'text' | 'markdown' | 'textcard' | 'news' | 'template_card';
export type MessageStatus = 'sending' | 'sent' | 'partial' | 'failed' | 'not_sent' | 'unknown';
export type RecipientOutcome =
  'pending' | 'delivered' | 'invalid' | 'unbound' | 'throttled' | 'failed' | 'unknown';

export interface TemplateCard {
  card_type: 'text_notice' | 'news_notice';
  main_title?: { title?: string; desc?: string };
  sub_title_text?: string;
  card_image?: { url: string };
  card_action: { url: string };
}

export type ComposeRequest = ApiBody<'/sys/thirdApp/messages', 'post'>;

/**
 * What a send answered. `status` `accepted_log_pending`: WeCom accepted it but the log entry is
 * not stored yet (retried). An @all send (`toAll`): WeCom expands it itself and names nobody, so
 * `recipients` stay empty.
 */
export type ComposeResult = ApiResult<'/sys/thirdApp/messages', 'post'>;

/** A message of the log; the console knows the message types it composes. */
export type MessageRecord = Omit<ApiRecord<'/sys/thirdApp/messages'>, 'msgtype'> & {
  msgtype: Msgtype;
};

/** One message with its recipients. */
export type MessageDetail = Omit<ApiResult<'/sys/thirdApp/messages/{id}', 'get'>, 'msgtype'> & {
  msgtype: Msgtype;
};

export const messagesApi = {
  send: (req: ComposeRequest) => typedApi.post('/sys/thirdApp/messages', req),
  /** How many members an @all send reaches in this tenant (bound, active, not frozen). */
  audience: () =>
    typedApi.get('/sys/thirdApp/messages/audience', {
      query: { thirdType: 'wechat_enterprise' },
    }),
  list: async (q: {
    page: number;
    pageSize: number;
    status?: MessageStatus | undefined;
  }): Promise<Paged<MessageRecord>> =>
    (await typedApi.get('/sys/thirdApp/messages', { query: q })) as Paged<MessageRecord>,
  get: async (id: number) =>
    (await typedApi.get('/sys/thirdApp/messages/{id}', { path: { id } })) as MessageDetail,
  recall: (id: number) => typedApi.post('/sys/thirdApp/messages/{id}/recall', {}, { path: { id } }),
};
