/**
 * Message content: the composer's and the push API's input → the neutral `Message`
 * (connectors/kit.ts), checked against the connector's `MessagingCapabilities` before anything is
 * sent, so an unsupported type or an over-long field is a 400 that names the field and the limit
 * instead of a message the provider refuses or silently truncates; links to OrgBridge are wrapped
 * so they open through the provider's sign-in.
 *
 * The log stores a message in the composer's vocabulary (`StoredContent`: msgtype text, markdown,
 * textcard, news, template_card) — the shape every row has had since the log began, so old rows
 * and new ones read alike; `messageFromStored` also reads a neutral `Message` should one be stored.
 */
import type { Message, MessageType } from '../../connectors/kit';
import type { ThirdType } from '../../db/schema';
import { badRequest } from '../../lib/errors';
import type { MessagingConnector } from './messages.connectors';
import type { ComposeContent, TemplateCardInput } from './messages.schemas';

/** The composer's msgtype for each neutral type (the API's vocabulary, kept from the start). */
export const MSGTYPE_OF: Record<MessageType, ComposeContent['msgtype']> = {
  text: 'text',
  markdown: 'markdown',
  card: 'textcard',
  news: 'news',
  interactive: 'template_card',
};

/** A message as the log stores it (the composer's vocabulary; links already wrapped). */
export type StoredContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string; title?: string } }
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

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The part of a connector the content checks read. */
export type Limited = Pick<MessagingConnector, 'names' | 'capabilities'>;

function tooLong(
  connector: Pick<MessagingConnector, 'names'>,
  field: string,
  limit: number,
  actual: number,
  unit: 'bytes' | 'characters',
) {
  return badRequest(
    'messages.content_too_long',
    `"${field}" is ${actual} ${unit}; ${connector.names.en} accepts at most ${limit} ${unit} (UTF-8; one Chinese character is 3 bytes). Shorten it.`,
    { field, limit, actual, unit },
  );
}

function checkBytes(c: Limited, field: string, value: string | undefined, limit?: number) {
  if (value === undefined || limit === undefined) return;
  const n = bytes(value);
  if (n > limit) throw tooLong(c, field, limit, n, 'bytes');
}

function requireText(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw badRequest('messages.content_required', `"${field}" is required and must not be empty.`, {
      field,
    });
  }
  return value;
}

/** Refuses a type the connector lacks, naming the ones it has (400). */
export function checkType(c: Limited, type: MessageType, field = 'msgtype') {
  const supported = c.capabilities.types;
  if (supported.includes(type)) return;
  const names = supported.map((t) => MSGTYPE_OF[t]);
  throw badRequest(
    'messages.unsupported_type',
    `${c.names.en} cannot send "${MSGTYPE_OF[type]}" messages; it supports ${names.join(', ')}. (${c.names['zh-CN']} 不支持 ${MSGTYPE_OF[type]} 类型的消息，支持：${names.join('、')})`,
    { field, msgtype: MSGTYPE_OF[type], supported: names },
  );
}

/** Text message body check shared by sendMessageTest and the composer. */
export function checkTextContent(
  c: Limited,
  field: string,
  content: string | undefined,
  kind: 'text' | 'markdown' = 'text',
) {
  const text = requireText(field, content);
  checkBytes(c, field, text, c.capabilities.maxBytes[kind]);
  return text;
}

export interface LinkContext {
  /** The tenant's base URL: its own host when it has one (PRODUCT.md §8), else PUBLIC_URL. */
  publicUrl: string;
  /** PUBLIC_URL, when the base is the tenant's own host: absolute links to it are ours too. */
  sharedUrl?: string;
  tenantId: number;
  /** The connector whose sign-in wrapped links go through. */
  thirdType: ThirdType;
  /** Its URL limit, when it states one. */
  maxUrlBytes?: number;
  names?: MessagingConnector['names'];
}

/** Every provider's sign-in lives under this path: `<prefix><thirdType>/login`. */
const OAUTH_PREFIX = '/sys/thirdLogin/oauth2/';

/** The sign-in endpoint of a connector that wrapped links go through. */
export const oauthLoginPath = (thirdType: string) => `${OAUTH_PREFIX}${thirdType}/login`;

/**
 * A link to OrgBridge itself (a relative path such as `/tenantId/1000/messages`, or an absolute
 * URL on PUBLIC_URL) is rewritten to the provider's sign-in (`/sys/thirdLogin/oauth2/<thirdType>/login`) with `redirect=<path>`, so the member
 * lands signed in. Links elsewhere are left unchanged: their sites do their own sign-in, and
 * wrapping them would make OrgBridge an open redirect. Anything that is neither is refused.
 */
export function wrapLink(field: string, url: string, ctx: LinkContext): string {
  const base = new URL(ctx.publicUrl);
  let path: string;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) {
    path = url;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest(
        'messages.invalid_link',
        `"${field}" must be an http(s) URL or a path of this site starting with "/".`,
        { field },
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw badRequest('messages.invalid_link', `"${field}" must use http or https.`, { field });
    }
    const shared = ctx.sharedUrl ? new URL(ctx.sharedUrl).origin : base.origin;
    if (parsed.origin !== base.origin && parsed.origin !== shared) return url;
    path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  }
  // Already a sign-in link (of any provider): wrapping it again would loop.
  if (path.startsWith(OAUTH_PREFIX)) return new URL(path, base).toString();
  const prefix = base.pathname.replace(/\/$/, '');
  const wrapped = `${base.origin}${prefix}${oauthLoginPath(ctx.thirdType)}?tenantId=${ctx.tenantId}&redirect=${encodeURIComponent(path)}`;
  if (ctx.maxUrlBytes !== undefined && bytes(wrapped) > ctx.maxUrlBytes) {
    throw tooLong(
      { names: ctx.names ?? { 'zh-CN': ctx.thirdType, en: ctx.thirdType } },
      field,
      ctx.maxUrlBytes,
      bytes(wrapped),
      'bytes',
    );
  }
  return wrapped;
}

function buildTemplateCard(card: TemplateCardInput, ctx: LinkContext): Record<string, unknown> {
  if (card.card_type === 'text_notice' && !card.main_title?.title && !card.sub_title_text) {
    throw badRequest(
      'messages.template_card_incomplete',
      'A text_notice card needs main_title.title or sub_title_text.',
      { field: 'template_card.main_title.title' },
    );
  }
  if (card.card_type === 'news_notice' && (!card.main_title?.title || !card.card_image?.url)) {
    throw badRequest(
      'messages.template_card_incomplete',
      'A news_notice card needs main_title.title and card_image.url.',
      { field: 'template_card.card_image.url' },
    );
  }
  const out: Record<string, unknown> = {
    ...card,
    card_action: {
      type: 1,
      url: wrapLink('template_card.card_action.url', card.card_action.url, ctx),
    },
  };
  if (card.jump_list) {
    out.jump_list = card.jump_list.map((j, i) => ({
      type: 1,
      title: j.title,
      url: wrapLink(`template_card.jump_list.${i}.url`, j.url, ctx),
    }));
  }
  if (card.horizontal_content_list) {
    out.horizontal_content_list = card.horizontal_content_list.map((h, i) =>
      h.url
        ? {
            ...h,
            type: 1,
            url: wrapLink(`template_card.horizontal_content_list.${i}.url`, h.url, ctx),
          }
        : h,
    );
  }
  return out;
}

/**
 * Validates composer input against the connector's capabilities and returns the neutral message
 * with links wrapped. Field names in refusals are the composer's (`textcard.title`…).
 */
export function buildMessage(input: ComposeContent, ctx: LinkContext, c: Limited): Message {
  const max = c.capabilities.maxBytes;
  const link: LinkContext = {
    ...ctx,
    names: c.names,
    ...(max.url !== undefined ? { maxUrlBytes: max.url } : {}),
  };
  switch (input.msgtype) {
    case 'text':
      checkType(c, 'text');
      return { type: 'text', text: checkTextContent(c, 'content', input.content) };
    case 'markdown': {
      checkType(c, 'markdown');
      const text = checkTextContent(c, 'content', input.content, 'markdown');
      return { type: 'markdown', title: markdownTitle(text), text };
    }
    case 'textcard': {
      checkType(c, 'card');
      const card = input.textcard;
      if (!card) throw missing('textcard');
      const title = requireText('textcard.title', card.title);
      checkBytes(c, 'textcard.title', title, max.title);
      const description = requireText('textcard.description', card.description);
      checkBytes(c, 'textcard.description', description, max.description);
      const chars = card.btntxt === undefined ? 0 : [...card.btntxt].length;
      const maxChars = c.capabilities.maxButtonTextChars;
      if (maxChars !== undefined && chars > maxChars) {
        throw tooLong(c, 'textcard.btntxt', maxChars, chars, 'characters');
      }
      const url = wrapLink('textcard.url', requireText('textcard.url', card.url), link);
      return {
        type: 'card',
        title,
        description,
        url,
        ...(card.btntxt !== undefined ? { buttonText: card.btntxt } : {}),
      };
    }
    case 'news': {
      checkType(c, 'news');
      const articles = input.news?.articles;
      if (!articles || articles.length === 0) throw missing('news.articles');
      if (articles.length > c.capabilities.maxArticles) {
        throw badRequest(
          'messages.too_many_articles',
          `"news.articles" has ${articles.length} articles; ${c.names.en} accepts at most ${c.capabilities.maxArticles}.`,
          { field: 'news.articles', limit: c.capabilities.maxArticles, actual: articles.length },
        );
      }
      return {
        type: 'news',
        articles: articles.map((a, i) => {
          const title = requireText(`news.articles.${i}.title`, a.title);
          checkBytes(c, `news.articles.${i}.title`, title, max.title);
          checkBytes(c, `news.articles.${i}.description`, a.description, max.description);
          return {
            title,
            ...(a.description !== undefined ? { description: a.description } : {}),
            ...(a.url ? { url: wrapLink(`news.articles.${i}.url`, a.url, link) } : {}),
            ...(a.picurl !== undefined ? { imageUrl: a.picurl } : {}),
          };
        }),
      };
    }
    case 'template_card': {
      checkType(c, 'interactive');
      if (!input.template_card) throw missing('template_card');
      return { type: 'interactive', card: buildTemplateCard(input.template_card, link) };
    }
  }
}

/** Providers that need a markdown title (DingTalk) get its first line, without `#` marks. */
export function markdownTitle(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const plain = first.replace(/^[#>*\-\s]+/, '').trim();
  return [...plain].slice(0, 40).join('');
}

function missing(field: string) {
  return badRequest('messages.content_required', `"${field}" is required for this msgtype.`, {
    field,
  });
}

/** The neutral message as the log stores it. */
export function storedContent(message: Message): StoredContent {
  switch (message.type) {
    case 'text':
      return { msgtype: 'text', text: { content: message.text } };
    case 'markdown':
      return {
        msgtype: 'markdown',
        markdown: { content: message.text, ...(message.title ? { title: message.title } : {}) },
      };
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

const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function article(raw: unknown, image: 'picurl' | 'imageUrl') {
  const a = obj(raw);
  const description = optStr(a.description);
  const url = optStr(a.url);
  const imageUrl = optStr(a[image]);
  return {
    title: str(a.title),
    ...(description !== undefined ? { description } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(imageUrl !== undefined ? { imageUrl } : {}),
  };
}

/** A stored neutral `Message` (`type` key). */
function neutralFromStored(c: Record<string, unknown>): Message | null {
  switch (c.type) {
    case 'text':
      return { type: 'text', text: str(c.text) };
    case 'markdown':
      return { type: 'markdown', title: str(c.title), text: str(c.text) };
    case 'card': {
      const btn = optStr(c.buttonText);
      return {
        type: 'card',
        title: str(c.title),
        description: str(c.description),
        url: str(c.url),
        ...(btn !== undefined ? { buttonText: btn } : {}),
      };
    }
    case 'news':
      return {
        type: 'news',
        articles: (Array.isArray(c.articles) ? c.articles : []).map((a) => article(a, 'imageUrl')),
      };
    case 'interactive':
      return { type: 'interactive', card: obj(c.card) };
    default:
      return null;
  }
}

/**
 * A stored `content` as a neutral message: rows in the composer's vocabulary (every row so far),
 * or a neutral `Message` (`type` key). Null for anything else, which the log still lists.
 */
export function messageFromStored(content: unknown): Message | null {
  const c = obj(content);
  if (typeof c.type === 'string' && !('msgtype' in c)) return neutralFromStored(c);
  const body = obj(c[str(c.msgtype)]);
  switch (c.msgtype) {
    case 'text':
      return { type: 'text', text: str(body.content) };
    case 'markdown':
      return { type: 'markdown', title: str(body.title), text: str(body.content) };
    case 'textcard': {
      const btn = optStr(body.btntxt);
      return {
        type: 'card',
        title: str(body.title),
        description: str(body.description),
        url: str(body.url),
        ...(btn !== undefined ? { buttonText: btn } : {}),
      };
    }
    case 'news':
      return {
        type: 'news',
        articles: (Array.isArray(body.articles) ? body.articles : []).map((a) =>
          article(a, 'picurl'),
        ),
      };
    case 'template_card':
      return { type: 'interactive', card: body };
    default:
      return null;
  }
}

/** A short human summary for the log list, of a stored row of either shape. */
export function summarise(content: unknown): string {
  const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  const m = messageFromStored(content);
  if (!m) return '';
  switch (m.type) {
    case 'text':
    case 'markdown':
      return cut(m.text);
    case 'card':
      return cut(m.title);
    case 'news':
      return cut(m.articles[0]?.title ?? '');
    case 'interactive': {
      const card = m.card as { main_title?: { title?: string }; sub_title_text?: string };
      return cut(card.main_title?.title ?? card.sub_title_text ?? '');
    }
  }
}
