import type { WeComClient } from '@orgbridge/wecom';
import { describe, expect, it } from 'vitest';
import type { Message } from '../kit';
import { createWeComMessaging, wecomMessagingCapabilities } from './messaging';

/** A client whose message/send records the body it was given (the wire WeCom would see). */
function recordingClient() {
  const bodies: Record<string, unknown>[] = [];
  const client = {
    message: {
      async send(body: Record<string, unknown>) {
        bodies.push(body);
        return {
          msgId: `m${bodies.length}`,
          invalidUsers: ['bob'],
          invalidParties: [],
          invalidTags: [],
          unlicensedUsers: [],
        };
      },
    },
  } as unknown as WeComClient;
  return { client, bodies };
}

const card = { card_type: 'text_notice', main_title: { title: 'T' }, task_id: 'ob_1_2_x' };

const cases: [string, Message, Record<string, unknown>][] = [
  ['text', { type: 'text', text: '你好' }, { msgtype: 'text', text: { content: '你好' } }],
  [
    'markdown (WeCom has no title: the text carries its heading)',
    { type: 'markdown', title: '周会', text: '## 周会\n三点' },
    { msgtype: 'markdown', markdown: { content: '## 周会\n三点' } },
  ],
  [
    'card → textcard',
    { type: 'card', title: 'T', description: 'D', url: 'https://x/a', buttonText: '查看' },
    {
      msgtype: 'textcard',
      textcard: { title: 'T', description: 'D', url: 'https://x/a', btntxt: '查看' },
    },
  ],
  [
    'card without a button',
    { type: 'card', title: 'T', description: 'D', url: 'https://x/a' },
    { msgtype: 'textcard', textcard: { title: 'T', description: 'D', url: 'https://x/a' } },
  ],
  [
    'news (imageUrl → picurl)',
    {
      type: 'news',
      articles: [
        { title: 'A', description: 'd', url: 'https://x/1', imageUrl: 'https://x/p.png' },
        { title: 'B' },
      ],
    },
    {
      msgtype: 'news',
      news: {
        articles: [
          { title: 'A', description: 'd', url: 'https://x/1', picurl: 'https://x/p.png' },
          { title: 'B' },
        ],
      },
    },
  ],
  [
    'interactive → template_card, passed through',
    { type: 'interactive', card },
    { msgtype: 'template_card', template_card: card },
  ],
];

describe('WeCom maps the neutral Message to message/send', () => {
  it.each(cases)('%s', async (_name, content, wire) => {
    const { client, bodies } = recordingClient();
    const res = await createWeComMessaging(client, 1000002).send({
      toUsers: ['alice', 'bob'],
      toDepartments: ['7'],
      content,
    });
    expect(bodies).toEqual([
      { agentid: 1000002, touser: ['alice', 'bob'], toparty: ['7'], ...wire },
    ]);
    expect(res).toEqual({ msgId: 'm1', invalidUsers: ['bob'], invalidDepartments: [] });
  });

  it('sends @all, safe and the duplicate check as WeCom spells them', async () => {
    const { client, bodies } = recordingClient();
    await createWeComMessaging(client, 5).send({
      toAll: true,
      toUsers: ['ignored'],
      content: { type: 'text', text: 'x' },
      safe: true,
      enableDuplicateCheck: true,
    });
    expect(bodies[0]).toEqual({
      agentid: 5,
      touser: '@all',
      safe: 1,
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
      msgtype: 'text',
      text: { content: 'x' },
    });
  });

  it("states WeCom's limits as its capabilities (reference §5.1)", () => {
    expect(wecomMessagingCapabilities).toEqual({
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
    });
  });
});
