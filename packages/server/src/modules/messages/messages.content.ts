/**
 * Message content rules: WeCom's size limits (reference §5.1, doc /90236), checked before
 * anything is sent so an over-long message is a 400 that names the field and the limit instead
 * of a message WeCom silently truncates, and links wrapped so they open through WeCom OAuth.
 */
import type { OutboundContent } from '../../connectors/kit';
import { badRequest } from '../../lib/errors';
import type { ComposeContent, TemplateCardInput } from './messages.schemas';

/** Byte limits WeCom states in UTF-8 bytes. */
export const LIMITS = {
  textBytes: 2048,
  markdownBytes: 2048,
  titleBytes: 128,
  descriptionBytes: 512,
  urlBytes: 2048,
  btntxtChars: 4,
  newsArticles: 8,
} as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function tooLong(field: string, limit: number, actual: number, unit: 'bytes' | 'characters') {
  return badRequest(
    'messages.content_too_long',
    `"${field}" is ${actual} ${unit}; WeCom accepts at most ${limit} ${unit} (UTF-8; one Chinese character is 3 bytes). Shorten it.`,
    { field, limit, actual, unit },
  );
}

function checkBytes(field: string, value: string | undefined, limit: number) {
  if (value === undefined) return;
  const n = bytes(value);
  if (n > limit) throw tooLong(field, limit, n, 'bytes');
}

function requireText(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw badRequest('messages.content_required', `"${field}" is required and must not be empty.`, {
      field,
    });
  }
  return value;
}

/** Text message body check shared by sendMessageTest and the composer. */
export function checkTextContent(field: string, content: string | undefined, limit: number) {
  const text = requireText(field, content);
  checkBytes(field, text, limit);
  return text;
}

export interface LinkContext {
  /** The tenant's base URL: its own host when it has one (PRODUCT.md §8), else PUBLIC_URL. */
  publicUrl: string;
  /** PUBLIC_URL, when the base is the tenant's own host: absolute links to it are ours too. */
  sharedUrl?: string;
  tenantId: number;
}

/** The sign-in endpoint (built by the WeCom sign-in module) that wrapped links go through. */
export const OAUTH_LOGIN_PATH = '/sys/thirdLogin/oauth2/wechat_enterprise/login';

/**
 * A link to OrgBridge itself (a relative path such as `/tenantId/1000/messages`, or an absolute
 * URL on PUBLIC_URL) is rewritten to the WeCom OAuth login with `redirect=<path>`, so the member
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
  if (path.startsWith(OAUTH_LOGIN_PATH)) return new URL(path, base).toString();
  const prefix = base.pathname.replace(/\/$/, '');
  const wrapped = `${base.origin}${prefix}${OAUTH_LOGIN_PATH}?tenantId=${ctx.tenantId}&redirect=${encodeURIComponent(path)}`;
  checkBytes(field, wrapped, LIMITS.urlBytes);
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

/** Validates composer input and returns the provider body with links wrapped. */
export function buildContent(input: ComposeContent, ctx: LinkContext): OutboundContent {
  switch (input.msgtype) {
    case 'text':
      return {
        msgtype: 'text',
        text: { content: checkTextContent('content', input.content, LIMITS.textBytes) },
      };
    case 'markdown':
      return {
        msgtype: 'markdown',
        markdown: { content: checkTextContent('content', input.content, LIMITS.markdownBytes) },
      };
    case 'textcard': {
      const c = input.textcard;
      if (!c) throw missing('textcard');
      checkBytes('textcard.title', requireText('textcard.title', c.title), LIMITS.titleBytes);
      checkBytes(
        'textcard.description',
        requireText('textcard.description', c.description),
        LIMITS.descriptionBytes,
      );
      if (c.btntxt !== undefined && [...c.btntxt].length > LIMITS.btntxtChars) {
        throw tooLong('textcard.btntxt', LIMITS.btntxtChars, [...c.btntxt].length, 'characters');
      }
      const url = wrapLink('textcard.url', requireText('textcard.url', c.url), ctx);
      return { msgtype: 'textcard', textcard: { ...c, url } };
    }
    case 'news': {
      const articles = input.news?.articles;
      if (!articles || articles.length === 0) throw missing('news.articles');
      const out = articles.map((a, i) => {
        checkBytes(
          `news.articles.${i}.title`,
          requireText(`news.articles.${i}.title`, a.title),
          LIMITS.titleBytes,
        );
        checkBytes(`news.articles.${i}.description`, a.description, LIMITS.descriptionBytes);
        return {
          ...a,
          ...(a.url ? { url: wrapLink(`news.articles.${i}.url`, a.url, ctx) } : {}),
        };
      });
      return { msgtype: 'news', news: { articles: out } };
    }
    case 'template_card': {
      if (!input.template_card) throw missing('template_card');
      return {
        msgtype: 'template_card',
        template_card: buildTemplateCard(input.template_card, ctx),
      };
    }
  }
}

function missing(field: string) {
  return badRequest('messages.content_required', `"${field}" is required for this msgtype.`, {
    field,
  });
}

/** A short human summary for the log list. */
export function summarise(content: OutboundContent): string {
  const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  switch (content.msgtype) {
    case 'text':
      return cut(content.text.content);
    case 'markdown':
      return cut(content.markdown.content);
    case 'textcard':
      return cut(content.textcard.title);
    case 'news':
      return cut(content.news.articles[0]?.title ?? '');
    case 'template_card': {
      const card = content.template_card as {
        main_title?: { title?: string };
        sub_title_text?: string;
      };
      return cut(card.main_title?.title ?? card.sub_title_text ?? '');
    }
  }
}
