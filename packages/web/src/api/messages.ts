import { api, type Paged } from './client';

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

export interface ComposeRequest {
  msgtype: Msgtype;
  content?: string;
  textcard?: { title: string; description: string; url: string; btntxt?: string };
  news?: { articles: { title: string; description?: string; url?: string; picurl?: string }[] };
  template_card?: TemplateCard;
  toUsers?: string[];
  toDepartments?: number[];
  toAll?: boolean;
}

export interface ComposeResult {
  messageId: number;
  /** `accepted_log_pending`: WeCom accepted it but the log entry is not stored yet (retried). */
  status: MessageStatus | 'accepted_log_pending';
  msgid: string;
  /** An @all send: WeCom expands it itself and names nobody, so `recipients` stay empty. */
  toAll?: boolean;
  recipients: Record<'delivered' | 'invalid' | 'unbound' | 'throttled' | 'failed', string[]>;
  departments: { delivered: number[]; invalid: number[]; unbound: number[] };
}

export interface MessageRecord {
  id: number;
  source: 'push_api' | 'composer';
  msgtype: Msgtype;
  summary: string;
  senderUsername: string;
  target: { toUsers: string[]; toDepartments: number[]; toAll: boolean };
  status: MessageStatus;
  msgIds: string[];
  counts: Record<RecipientOutcome, number>;
  error: {
    errcode: number;
    errmsg: string;
    /** `outcome_unknown`: no WeCom errcode, the sender stopped before recording the answer. */
    kind?: string;
    explanation?: Record<string, { title: string; cause?: string; fix: string }>;
  } | null;
  createdAt: string;
  recalledAt: string | null;
  recallable: boolean;
}

export interface MessageDetail extends MessageRecord {
  content: Record<string, unknown>;
  departments: ComposeResult['departments'] | null;
  recipients: {
    username: string;
    userId: number | null;
    wechatUserId: string | null;
    outcome: RecipientOutcome;
    msgid: string | null;
  }[];
}

export const messagesApi = {
  send: (req: ComposeRequest) => api.post<ComposeResult>('/sys/thirdApp/messages', req),
  /** How many members an @all send reaches in this tenant (bound, active, not frozen). */
  audience: () =>
    api.get<{ thirdType: string; boundActive: number }>('/sys/thirdApp/messages/audience', {
      thirdType: 'wechat_enterprise',
    }),
  list: (q: { page: number; pageSize: number; status?: MessageStatus | undefined }) =>
    api.get<Paged<MessageRecord>>('/sys/thirdApp/messages', { ...q }),
  get: (id: number) => api.get<MessageDetail>(`/sys/thirdApp/messages/${id}`),
  recall: (id: number) =>
    api.post<{ id: number; recalledAt: string }>(`/sys/thirdApp/messages/${id}/recall`, {}),
};
