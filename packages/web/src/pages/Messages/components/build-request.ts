import type { ComposeRequest, Msgtype } from '../../../api/messages';

/** The composer's form values (one news article and the common card fields in the UI). */
export interface ComposeForm {
  msgtype: Msgtype;
  content?: string;
  title?: string;
  description?: string;
  url?: string;
  btntxt?: string;
  picurl?: string;
  cardType?: 'text_notice' | 'news_notice';
  subTitle?: string;
  image?: string;
  mode: 'users' | 'departments' | 'all';
  toUsers?: string[];
  toDepartments?: number[];
}

const opt = (v: string | undefined) => (v && v.trim() ? v : undefined);

/** Form values → the body of POST /sys/thirdApp/messages. */
export function buildRequest(v: ComposeForm): ComposeRequest {
  const receivers =
    v.mode === 'all'
      ? { toAll: true }
      : v.mode === 'users'
        ? { toUsers: v.toUsers ?? [] }
        : { toDepartments: v.toDepartments ?? [] };
  switch (v.msgtype) {
    case 'text':
    case 'markdown':
      return { msgtype: v.msgtype, content: v.content ?? '', ...receivers };
    case 'textcard':
      return {
        msgtype: 'textcard',
        textcard: {
          title: v.title ?? '',
          description: v.description ?? '',
          url: v.url ?? '',
          ...(opt(v.btntxt) ? { btntxt: v.btntxt } : {}),
        },
        ...receivers,
      };
    case 'news':
      return {
        msgtype: 'news',
        news: {
          articles: [
            {
              title: v.title ?? '',
              ...(opt(v.description) ? { description: v.description } : {}),
              ...(opt(v.url) ? { url: v.url } : {}),
              ...(opt(v.picurl) ? { picurl: v.picurl } : {}),
            },
          ],
        },
        ...receivers,
      };
    case 'template_card':
      return {
        msgtype: 'template_card',
        template_card: {
          card_type: v.cardType ?? 'text_notice',
          main_title: {
            title: v.title ?? '',
            ...(opt(v.description) ? { desc: v.description } : {}),
          },
          ...(opt(v.subTitle) ? { sub_title_text: v.subTitle } : {}),
          ...(v.cardType === 'news_notice' ? { card_image: { url: v.image ?? '' } } : {}),
          card_action: { url: v.url ?? '' },
        },
        ...receivers,
      };
  }
}

export const byteLength = (s: string | undefined) => new TextEncoder().encode(s ?? '').length;

type Wire = Record<string, Record<string, unknown> | string | undefined>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A logged message's provider body → the composer's values, so the log can show the preview. */
export function contentToForm(content: Record<string, unknown>): Partial<ComposeForm> {
  const c = content as Wire;
  const msgtype = str(c.msgtype) as Msgtype | undefined;
  const body = (msgtype && typeof c[msgtype] === 'object' ? c[msgtype] : {}) as Record<
    string,
    unknown
  >;
  if (msgtype === 'text' || msgtype === 'markdown') return { msgtype, content: str(body.content) };
  if (msgtype === 'textcard') {
    const { title, description, url, btntxt } = body;
    return {
      msgtype,
      title: str(title),
      description: str(description),
      url: str(url),
      btntxt: str(btntxt),
    };
  }
  if (msgtype === 'news') {
    const first = ((body.articles as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
    return {
      msgtype,
      title: str(first.title),
      description: str(first.description),
      picurl: str(first.picurl),
    };
  }
  if (msgtype === 'template_card') {
    const main = (body.main_title ?? {}) as Record<string, unknown>;
    return {
      msgtype,
      cardType: body.card_type === 'news_notice' ? 'news_notice' : 'text_notice',
      title: str(main.title),
      description: str(main.desc),
      subTitle: str(body.sub_title_text),
      image: str((body.card_image as Record<string, unknown> | undefined)?.url),
    };
  }
  return {};
}
