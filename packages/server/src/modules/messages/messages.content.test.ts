import { describe, expect, it } from 'vitest';
import type { MessagingCapabilities } from '../../connectors/kit';
import { AppError } from '../../lib/errors';
import {
  buildMessage,
  messageFromStored,
  storedContent,
  summarise,
  wrapLink,
  type StoredContent,
} from './messages.content';

const caps: MessagingCapabilities = {
  types: ['text', 'markdown', 'card', 'news'],
  maxBytes: { text: 100, title: 10, url: 90 },
  maxArticles: 1,
  maxUsersPerCall: 10,
  maxDepartmentsPerCall: 10,
  toAll: true,
  perMemberLimit: null,
  recall: true,
  outcome: 'sync',
};
const connector = { names: { 'zh-CN': '飞书', en: 'Feishu' }, capabilities: caps };
const link = { publicUrl: 'https://ob.example', tenantId: 7, thirdType: 'feishu' as const };

function refused(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('not refused');
}

describe('links and limits follow the connector', () => {
  it("wraps links to this site in the connector's own sign-in path", () => {
    // thirdType is typed as the API's values; the path takes whatever the connector says.
    const ctx = link as unknown as Parameters<typeof wrapLink>[2];
    expect(wrapLink('url', '/tenantId/7/messages', ctx)).toBe(
      `https://ob.example/sys/thirdLogin/oauth2/feishu/login?tenantId=7&redirect=${encodeURIComponent('/tenantId/7/messages')}`,
    );
    // A sign-in link (of any connector) is not wrapped again.
    expect(wrapLink('url', '/sys/thirdLogin/oauth2/dingtalk/login?x=1', ctx)).toBe(
      'https://ob.example/sys/thirdLogin/oauth2/dingtalk/login?x=1',
    );
    expect(wrapLink('url', 'https://elsewhere.example/a', ctx)).toBe('https://elsewhere.example/a');
  });

  it("refuses more articles, longer titles and longer wrapped links than the connector's", () => {
    const ctx = link as unknown as Parameters<typeof buildMessage>[1];
    const many = refused(() =>
      buildMessage(
        { msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } },
        ctx,
        connector,
      ),
    );
    expect(many.code).toBe('messages.too_many_articles');
    expect(many.details).toEqual({ field: 'news.articles', limit: 1, actual: 2 });
    const title = refused(() =>
      buildMessage(
        { msgtype: 'news', news: { articles: [{ title: '标题太长' }] } },
        ctx,
        connector,
      ),
    );
    expect(title.details).toMatchObject({ field: 'news.articles.0.title', limit: 10, actual: 12 });
    expect(title.message).toContain('Feishu accepts at most 10 bytes');
    const url = refused(() =>
      buildMessage(
        {
          msgtype: 'textcard',
          textcard: { title: 't', description: 'd', url: `/${'p'.repeat(20)}` },
        },
        ctx,
        connector,
      ),
    );
    expect(url.details).toMatchObject({ field: 'textcard.url', limit: 90 });
    const unsupported = refused(() =>
      buildMessage(
        {
          msgtype: 'template_card',
          template_card: { card_type: 'text_notice', card_action: { url: '/' } },
        },
        ctx,
        connector,
      ),
    );
    expect(unsupported.details).toMatchObject({
      msgtype: 'template_card',
      supported: ['text', 'markdown', 'textcard', 'news'],
    });
  });
});

/** Rows exactly as the log stored them before issue 19 (the composer's / WeCom's vocabulary). */
const before: [StoredContent, string][] = [
  [{ msgtype: 'text', text: { content: '周五下午三点开会' } }, '周五下午三点开会'],
  [{ msgtype: 'markdown', markdown: { content: '**加粗**' } }, '**加粗**'],
  [
    {
      msgtype: 'textcard',
      textcard: {
        title: '报销',
        description: '<div class="gray">d</div>',
        url: 'https://x',
        btntxt: '详情',
      },
    },
    '报销',
  ],
  [
    {
      msgtype: 'news',
      news: {
        articles: [{ title: '新闻', description: 'd', url: 'https://x', picurl: 'https://p' }],
      },
    },
    '新闻',
  ],
  [
    {
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: '成员加入申请' },
        task_id: 'ob_1_2_a',
      },
    },
    '成员加入申请',
  ],
];

describe('stored rows of either shape read alike', () => {
  it.each(before)('%j reads back to itself and summarises', (stored, summary) => {
    const m = messageFromStored(stored);
    expect(m).not.toBeNull();
    expect(storedContent(m!)).toEqual(stored);
    expect(summarise(stored)).toBe(summary);
  });

  it('reads a neutral Message stored as it is', () => {
    expect(summarise({ type: 'card', title: '卡片', description: 'd', url: 'https://x' })).toBe(
      '卡片',
    );
    expect(
      messageFromStored({ type: 'news', articles: [{ title: 'N', imageUrl: 'https://p' }] }),
    ).toEqual({
      type: 'news',
      articles: [{ title: 'N', imageUrl: 'https://p' }],
    });
    expect(summarise({ type: 'text', text: 'x'.repeat(100) })).toHaveLength(80);
  });

  it('lists anything else with an empty summary instead of failing', () => {
    expect(summarise({ msgtype: 'image', image: {} })).toBe('');
    expect(summarise(null)).toBe('');
    expect(messageFromStored({ type: 'video' })).toBeNull();
  });
});
