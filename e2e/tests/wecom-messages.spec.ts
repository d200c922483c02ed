import type { Page } from '@playwright/test';
import { loginApi } from '../fixtures/api';
import { ADMIN_PASSWORD, ADMIN_USERNAME, simUrl } from '../fixtures/env';
import { expect, pickOption, shot, signInAsAdmin, test, unique } from '../fixtures/test';
import { connectDefaultTenant } from '../fixtures/world';

type Api = Awaited<ReturnType<typeof loginApi>>;

interface Binding {
  username: string;
  wechatUserId: string;
  membershipStatus: number;
  active: boolean;
}
interface InboxEntry {
  msgid: string;
  msgtype: string;
  content: { content?: string };
  delivered: boolean;
  recalled: boolean;
}

/** Binds the simulator's members through the real sync API (preview → apply → run finished). */
async function syncMembers(admin: Api): Promise<void> {
  const plan = await admin.post<{ planId: string }>('/sys/thirdApp/sync/preview', {
    thirdType: 'wechat_enterprise',
  });
  const { runId } = await admin.post<{ runId: number }>('/sys/thirdApp/sync/apply', {
    planId: plan.planId,
    pairs: [],
    exclude: [],
  });
  await expect
    .poll(
      async () => (await admin.get<{ status: string }>(`/sys/thirdApp/sync/runs/${runId}`)).status,
      {
        timeout: 30_000,
      },
    )
    .toBe('succeeded');
}

async function inbox(userid: string): Promise<InboxEntry[]> {
  const res = await fetch(`${simUrl()}/sim/admin/messages?userid=${encodeURIComponent(userid)}`);
  return (await res.json()) as InboxEntry[];
}

/** A bound, active member whose WeCom account can receive messages (status 1 in the corp). */
async function pickReceiver(admin: Api): Promise<Binding> {
  const page = await admin.get<{ records: Binding[] }>(
    '/sys/thirdApp/bindings?thirdType=wechat_enterprise&page=1&pageSize=50',
  );
  for (const b of page.records.filter((r) => r.active && r.membershipStatus === 1)) {
    const res = await fetch(`${simUrl()}/sim/admin/users/${encodeURIComponent(b.wechatUserId)}`);
    if (res.ok && ((await res.json()) as { status: number }).status === 1) return b;
  }
  throw new Error('no bound member that WeCom can message');
}

/** Full-page shots of a scrolled page draw the sticky header mid-page: shoot from the top. */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

async function chooseType(page: Page, label: string | RegExp): Promise<void> {
  await page.getByTestId('message-composer').getByText(label, { exact: true }).click();
}

test.describe('WeCom messages', () => {
  let receiver: Binding;

  test.beforeAll(async () => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    await connectDefaultTenant();
    await syncMembers(admin);
    receiver = await pickReceiver(admin);
  });

  test('a text message composed in the console reaches the member, is logged delivered, and is recalled', async ({
    page,
  }) => {
    const text = unique('月度例会改到周五下午三点 ');
    await signInAsAdmin(page);
    await page.goto('/system/messages');
    await expect(page.getByTestId('messages-page')).toBeVisible();

    await page.getByTestId('message-content').fill(text);
    await expect(page.getByTestId('message-preview')).toContainText(text);
    await page.getByTestId('receivers-users').click();
    await page.keyboard.type(receiver.username);
    await pickOption(page, new RegExp(`\\(${receiver.username}\\)`));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('receivers-count')).toContainText('将发送给 1 人');
    await page.getByTestId('message-send').click();

    // WeCom's side: the member's inbox in the simulator holds exactly this text.
    await expect
      .poll(async () =>
        (await inbox(receiver.wechatUserId)).find((m) => m.content.content === text),
      )
      .toMatchObject({ msgtype: 'text', delivered: true, recalled: false });

    // Our side: the log (shown after sending) lists it as sent, one recipient delivered.
    const log = page.getByTestId('message-log');
    const row = log
      .locator('tr.ant-table-row')
      .filter({ hasText: text.slice(0, 10) })
      .first();
    await expect(row).toContainText('已发送');
    await expect(row).toContainText('已送达 1');
    await row.getByRole('button', { name: /详\s*情/ }).click();
    const drawer = page.getByRole('dialog');
    await expect(
      drawer.locator('tr.ant-table-row').filter({ hasText: receiver.username }),
    ).toContainText('已送达');
    await expect(drawer).toContainText(receiver.wechatUserId.toLowerCase());
    await expect(drawer.getByTestId('message-preview')).toContainText(text);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    await row.getByRole('button', { name: /撤\s*回/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect(row).toContainText('已撤回');
    await expect(row.getByRole('button', { name: /撤\s*回/ })).toHaveCount(0);
    await expect
      .poll(async () =>
        (await inbox(receiver.wechatUserId)).find((m) => m.content.content === text),
      )
      .toMatchObject({ recalled: true });
  });

  test('全员 asks first with the head-count of bound active members; the toast says what WeCom accepted', async ({
    page,
  }) => {
    const admin = await loginApi(ADMIN_USERNAME, ADMIN_PASSWORD, 0);
    const { boundActive } = await admin.get<{ boundActive: number }>(
      '/sys/thirdApp/messages/audience?thirdType=wechat_enterprise',
    );
    expect(boundActive).toBeGreaterThan(0);
    const text = unique('全员通知：今晚系统维护 ');
    await signInAsAdmin(page);
    await page.goto('/system/messages');
    await page.getByTestId('message-content').fill(text);
    await page.getByTestId('receivers-mode').getByText('全员', { exact: true }).click();
    await page.getByTestId('message-send').click();

    // Nothing goes out on the click: a confirmation with the head-count comes first.
    const confirm = page.getByTestId('message-confirm-all');
    await expect(confirm).toContainText(`已绑定企业微信的正常成员 ${boundActive} 人`);
    await snap(page, 'zh-messages-confirm-all-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'zh-messages-confirm-all-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    // Cancel sends nothing.
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await expect(confirm).toHaveCount(0);
    expect((await inbox(receiver.wechatUserId)).some((m) => m.content.content === text)).toBe(
      false,
    );

    await page.getByTestId('message-send').click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: '确认发送给全员' })
      .click();
    const toast = page.locator('.ant-message-notice');
    await expect(toast).toContainText('已发送给全员');
    await expect(toast).toContainText(`${boundActive} 人`);
    await expect(toast).not.toContainText('送达 0 人');
    await expect
      .poll(async () =>
        (await inbox(receiver.wechatUserId)).some((m) => m.content.content === text),
      )
      .toBe(true);

    // The log fits its card at 1440 px: 状态, 接收结果 and 操作 in view without scrolling.
    const log = page.getByTestId('message-log');
    await expect(log.locator('tr.ant-table-row').first()).toContainText('全员');
    const card = await page.getByTestId('messages-page').boundingBox();
    for (const name of ['状态', '接收结果', '操作']) {
      const header = await log.getByRole('columnheader', { name, exact: true }).boundingBox();
      expect(header, name).not.toBeNull();
      expect(header!.x + header!.width, name).toBeLessThanOrEqual(card!.x + card!.width);
    }
    expect(
      await log.locator('.ant-table-content').evaluate((e) => e.scrollWidth <= e.clientWidth + 1),
    ).toBe(true);
    await snap(page, 'zh-messages-log-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(log.locator('tr.ant-table-row').first()).toBeVisible();
    await shot(page, 'zh-messages-log-390');
  });

  for (const language of ['zh-CN', 'en'] as const) {
    test(`the composer previews every message type, the log and its details (${language})`, async ({
      page,
    }) => {
      const p = language === 'en' ? 'en' : 'zh';
      await page.addInitScript(
        (lang) => localStorage.setItem('orgbridge.language', lang),
        language,
      );
      await signInAsAdmin(page);
      await page.goto('/system/messages');
      const en = language === 'en';
      const preview = page.getByTestId('message-preview');

      await page
        .getByTestId('message-content')
        .fill(
          en
            ? 'The monthly meeting moves to Friday 3 pm.'
            : '月度例会改到周五下午三点，请准时参加。',
        );
      await snap(page, `${p}-messages-compose-text`);

      await chooseType(page, 'Markdown');
      await page
        .getByTestId('message-content')
        .fill(
          en
            ? '# Release 2.4\n**Deploy** tonight at <font color="warning">22:00</font>\n> Details in [the runbook](/system/users)'
            : '# 版本 2.4 上线\n今晚 <font color="warning">22:00</font> **发布**\n> 详见[操作手册](/system/users)',
        );
      await expect(preview.locator('h3, h4, h5').first()).toBeVisible();
      await snap(page, `${p}-messages-compose-markdown`);

      await chooseType(page, en ? 'Text card' : '文本卡片');
      await page.getByTestId('message-title').fill(en ? 'Expense approved' : '报销已审批');
      await page
        .getByTestId('message-composer')
        .locator('textarea')
        .first()
        .fill(en ? 'Your claim of ¥1,280 was approved.' : '您提交的 1,280 元报销已通过审批。');
      await page.getByPlaceholder('/system/users').fill('/system/users');
      await snap(page, `${p}-messages-compose-textcard`);

      await chooseType(page, en ? 'News' : '图文');
      await expect(preview).toContainText(en ? 'Expense approved' : '报销已审批');
      await snap(page, `${p}-messages-compose-news`);

      await chooseType(page, en ? 'Template card' : '模板卡片');
      await expect(preview).toContainText(en ? 'Expense approved' : '报销已审批');
      await snap(page, `${p}-messages-compose-template-text-notice`);

      await page.getByTestId('message-composer').locator('.ant-select').first().click();
      await pickOption(page, en ? 'News notice' : '图文展示');
      await snap(page, `${p}-messages-compose-template-news-notice`);

      await page
        .getByTestId('receivers-mode')
        .getByText(en ? 'Departments' : '指定部门')
        .click();
      await snap(page, `${p}-messages-compose-departments`);

      await page.getByRole('tab', { name: en ? 'Message log' : '消息记录' }).click();
      const log = page.getByTestId('message-log');
      await expect(log.locator('tr.ant-table-row').first()).toBeVisible();
      await snap(page, `${p}-messages-log`);
      await log.locator('tr.ant-table-row').first().getByRole('button').first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await snap(page, `${p}-messages-detail`);
    });
  }
});
