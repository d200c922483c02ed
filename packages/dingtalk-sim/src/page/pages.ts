/**
 * Human pages: the member directory, each member's work-notice inbox with "open the app as this
 * member" (a 免登 code handed to the app's home page, standing in for dd.requestAuthCode, which
 * only runs inside the DingTalk client), and the QR-login approval page at /oauth2/auth.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimCore } from '../core';
import { OUTSIDER } from '../routes/v1';
import { esc, page } from './html';

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

function memberList(core: SimCore, q: string, link: (userid: string) => string): string {
  const users = core.state.org
    .users()
    .filter((u) => !q || u.name.includes(q) || u.userid.includes(q))
    .slice(0, 200);
  const rows = users
    .map(
      (u) =>
        `<tr><td><a href="${esc(link(u.userid))}">${esc(u.name)}</a></td><td class="muted">${esc(u.userid)}</td><td>${esc(u.title)}</td><td>${u.deptIds.map((d) => esc(core.state.org.getDept(d)?.name ?? d)).join('、')}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>姓名</th><th>userid</th><th>职位</th><th>部门</th></tr>${rows}</table>`;
}

function searchForm(action: string, q: string, hidden: Record<string, string> = {}): string {
  const extra = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<form class="card" method="get" action="${esc(action)}">${extra}<input name="q" value="${esc(q)}" placeholder="姓名或 userid"> <button class="btn">搜索</button></form>`;
}

function registerMemberPages(app: FastifyInstance, core: SimCore): void {
  app.get('/sim/', async (request, reply) => {
    const q = String((request.query as { q?: string }).q ?? '');
    const count = core.state.org.users().length;
    return html(
      reply,
      200,
      page(
        '钉钉模拟器 · 通讯录',
        `${searchForm('/sim/', q)}<div class="card"><div class="muted">${count} 名成员（最多显示 200 名）</div>${memberList(core, q, (id) => `/sim/member/${encodeURIComponent(id)}`)}</div>`,
      ),
    );
  });
  app.get('/sim/member/:userid', async (request, reply) => {
    const { userid } = request.params as { userid: string };
    const u = core.state.org.getUser(userid);
    if (!u)
      return html(
        reply,
        404,
        page(
          '成员不存在',
          `<div class="card">没有成员 ${esc(userid)}。<a href="/sim/">返回通讯录</a></div>`,
        ),
      );
    const entries = core.messaging.inboxOf(userid).filter((e) => !e.recalled);
    core.messaging.markRead(userid);
    const items = entries
      .map(
        (e) =>
          `<div class="card"><div class="muted">工作通知 · ${new Date(e.at).toLocaleString('zh-CN')} · 任务 ${e.taskId}</div><pre style="white-space:pre-wrap">${esc(JSON.stringify(e.msg[e.msgtype], null, 2))}</pre></div>`,
      )
      .join('');
    const open = core.settings.homeUrl
      ? `<form method="post" action="/sim/member/${encodeURIComponent(userid)}/open"><button class="btn">以该成员身份打开应用</button></form>`
      : '<div class="muted">未设置应用首页（--home-url），无法打开应用。</div>';
    return html(
      reply,
      200,
      page(
        `${u.name} 的工作通知`,
        `<div class="card"><b>${esc(u.name)}</b> <span class="muted">${esc(u.userid)}</span> ${open}</div>${items || '<div class="card muted">暂无工作通知</div>'}<a href="/sim/">返回通讯录</a>`,
      ),
    );
  });
  app.post('/sim/member/:userid/open', async (request, reply) => {
    const { userid } = request.params as { userid: string };
    if (!core.state.org.getUser(userid) || !core.settings.homeUrl)
      return html(
        reply,
        404,
        page('无法打开', '<div class="card">成员不存在或未设置应用首页。</div>'),
      );
    const url = new URL(core.settings.homeUrl);
    url.searchParams.set('authCode', core.codes.issue(userid, 'inapp'));
    url.searchParams.set('corpId', core.credentials.corpId);
    return reply.redirect(url.toString(), 302);
  });
}

function registerQrLogin(app: FastifyInstance, core: SimCore): void {
  const check = (q: Record<string, string | undefined>): string | null => {
    if (q.client_id !== core.credentials.appKey) return 'client_id 不是本应用的 AppKey';
    if (q.response_type !== 'code') return 'response_type 必须为 code';
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri))
      return 'redirect_uri 缺失或不是 http(s) 地址';
    if (!(q.scope ?? '').split(/\s+/).includes('openid')) return 'scope 必须包含 openid';
    return null;
  };
  app.get('/oauth2/auth', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const problem = check(q);
    if (problem)
      return html(reply, 400, page('登录参数错误', `<div class="card">${esc(problem)}</div>`));
    const keep = Object.fromEntries(
      ['redirect_uri', 'response_type', 'client_id', 'scope', 'state', 'prompt'].map((k) => [
        k,
        q[k] ?? '',
      ]),
    );
    const search = String(q.q ?? '');
    const link = (userid: string) =>
      `/oauth2/auth/approve?${new URLSearchParams({ ...keep, userid }).toString()}`;
    return html(
      reply,
      200,
      page(
        '钉钉扫码登录（模拟）',
        `<div class="card">选择扫码的成员以授权登录。或 <a href="${esc(`/oauth2/auth/approve?${new URLSearchParams({ ...keep, outsider: '1' }).toString()}`)}">以组织外的钉钉用户身份扫码</a>。</div>${searchForm('/oauth2/auth', search, keep)}<div class="card">${memberList(core, search, link)}</div>`,
      ),
    );
  });
  app.get('/oauth2/auth/approve', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const problem = check(q);
    if (!problem && q.outsider === '1') {
      // Somebody with a DingTalk account who is no member of this corp.
      const unionid = `outsider${core.outsiders.size + 1}x${Date.now().toString(36)}`;
      core.outsiders.set(unionid, '外部用户');
      const url = new URL(q.redirect_uri as string);
      url.searchParams.set('authCode', core.codes.issue(`${OUTSIDER}${unionid}`, 'qr'));
      if (q.state !== undefined) url.searchParams.set('state', q.state);
      return reply.redirect(url.toString(), 302);
    }
    const u = q.userid ? core.state.org.getUser(q.userid) : undefined;
    if (problem || !u)
      return html(
        reply,
        400,
        page('登录参数错误', `<div class="card">${esc(problem ?? '成员不存在')}</div>`),
      );
    const url = new URL(q.redirect_uri as string);
    url.searchParams.set('authCode', core.codes.issue(u.userid, 'qr'));
    if (q.state !== undefined) url.searchParams.set('state', q.state);
    return reply.redirect(url.toString(), 302);
  });
}

export function registerPages(app: FastifyInstance, core: SimCore): void {
  registerMemberPages(app, core);
  registerQrLogin(app, core);
}
