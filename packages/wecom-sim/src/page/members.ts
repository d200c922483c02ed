import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import type { InboxEntry } from '../messages';
import type { SimUser } from '../types';
import { cardCell } from './cards';
import { esc, layout, pager, STATUS_LABELS } from './html';
import { MEMBER_COOKIE } from './oauth-pages';

const PAGE_SIZE = 50;
const DROP_LABELS: Record<string, string> = {
  'minute-limit': '超过每分钟30条，被丢弃',
  'hour-limit': '超过每小时1000条，被丢弃',
  duplicate: '重复消息，未下发',
};

function departmentNames(core: SimCore, user: SimUser): string {
  return user.department.map((d) => core.state.org.getDepartment(d)?.name ?? String(d)).join('、');
}

function summary(entry: InboxEntry): string {
  const c = entry.content as Record<string, unknown>;
  const text =
    c.content ??
    c.title ??
    (Array.isArray(c.articles) ? (c.articles[0] as { title?: string })?.title : undefined) ??
    JSON.stringify(c);
  return String(text).slice(0, 200);
}

function memberList(core: SimCore, q: string, page: number): string {
  const needle = q.toLowerCase();
  const matches: SimUser[] = [];
  for (const u of core.state.org.allUsers()) {
    if (!needle || u.name.includes(q) || u.userid.toLowerCase().includes(needle)) matches.push(u);
  }
  const rows = matches
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    .map((u) => {
      const id = encodeURIComponent(u.userid);
      return (
        `<tr><td>${esc(u.name)}</td><td>${esc(u.userid)}</td><td>${esc(departmentNames(core, u))}</td>` +
        `<td>${STATUS_LABELS[u.status] ?? u.status}</td><td>${core.messaging.inboxSize(u.userid)}</td>` +
        `<td><a href="/sim/members/${id}">查看消息</a> · <a href="/sim/open?userid=${id}">以此成员身份打开应用</a></td></tr>`
      );
    })
    .join('');
  const link = (p: number): string => `/sim/?${new URLSearchParams({ q, page: String(p) })}`;
  return (
    `<form method="get" action="/sim/"><input name="q" value="${esc(q)}" placeholder="搜索姓名或账号"><button>搜索</button></form>` +
    `<table><thead><tr><th>姓名</th><th>账号</th><th>部门</th><th>状态</th><th>收到的消息</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table>` +
    pager(matches.length, page, PAGE_SIZE, link)
  );
}

function inbox(core: SimCore, user: SimUser, cardOutcome?: string): string {
  const entries = core.messaging.messagesFor(user.userid).reverse();
  const rows = entries
    .map((e) => {
      const state = e.recalled
        ? '已撤回'
        : e.delivered
          ? '已送达'
          : (DROP_LABELS[e.dropReason ?? ''] ?? '未送达');
      const shown = cardCell(core, user.userid, e) ?? esc(summary(e));
      return `<tr><td>${esc(new Date(e.sentAt).toLocaleString('zh-CN'))}</td><td>${e.agentId}</td><td>${esc(e.msgtype)}</td><td>${shown}</td><td>${state}</td></tr>`;
    })
    .join('');
  return (
    `<p><a href="/sim/">← 返回成员列表</a></p><h2>${esc(user.name)} <span class="muted">${esc(user.userid)}</span></h2>` +
    `<p>部门：${esc(departmentNames(core, user))} · 状态：${STATUS_LABELS[user.status] ?? user.status} · <a href="/sim/open?userid=${encodeURIComponent(user.userid)}">以此成员身份打开应用</a></p>` +
    (cardOutcome
      ? `<p class="muted">卡片点击事件已投递给应用：${esc(cardOutcome)} (card click sent to the app)</p>`
      : '') +
    `<h3>收到的应用消息（${entries.length}）</h3>` +
    (rows
      ? `<table><thead><tr><th>时间</th><th>应用</th><th>类型</th><th>内容</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p class="muted">暂无消息</p>')
  );
}

/**
 * The simulated members' side: who exists, what each received, and "open the app as this member".
 * Opening the app remembers the member in a cookie (as the WeCom client knows who is logged in)
 * and goes to the app's home URL; when that page starts OAuth, the authorize endpoint picks the
 * member silently.
 */
export function registerMemberPages(app: FastifyInstance, core: SimCore): void {
  app.get('/sim', async (_req, reply) => reply.redirect('/sim/', 302));
  app.get('/sim/', async (req, reply) => {
    const q = req.query as { q?: string; page?: string };
    const body =
      `<h1>企业微信模拟器 · ${esc(core.corpName)}</h1><p class="muted">CorpID ${esc(core.credentials.corpId)} · AgentId ${core.credentials.agentId}</p>` +
      memberList(core, (q.q ?? '').trim(), Math.max(1, Number(q.page ?? 1) || 1));
    return reply.type('text/html; charset=utf-8').send(layout('企业微信模拟器 · 成员', body));
  });
  app.get<{ Params: { userid: string } }>('/sim/members/:userid', async (req, reply) => {
    const user = core.state.org.getUser(req.params.userid);
    if (!user)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(layout('成员不存在', '<p>成员不存在。<a href="/sim/">返回</a></p>'));
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout(
          `${user.name} · 消息`,
          inbox(core, user, (req.query as { card?: string }).card),
        ),
      );
  });
  app.get('/sim/open', async (req, reply) => {
    const { userid } = req.query as { userid?: string };
    const user = userid ? core.state.org.getUser(userid) : undefined;
    if (!user)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(layout('成员不存在', '<p>成员不存在。</p>'));
    reply.header(
      'Set-Cookie',
      `${MEMBER_COOKIE}=${encodeURIComponent(user.userid)}; Path=/; HttpOnly; SameSite=Lax`,
    );
    const home = core.settings.homeUrl;
    if (home) return reply.redirect(home, 302);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout(
          '未配置应用主页',
          `<p>已切换为成员 ${esc(user.name)}。未配置应用主页：启动模拟器时使用 <code>--home-url</code> 或调用 <code>setHomeUrl(url)</code>。</p><p><a href="/sim/">返回</a></p>`,
        ),
      );
  });
}
