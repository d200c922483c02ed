import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimCore } from '../core';
import { redirectAllowed, type Identity } from '../oauth';
import type { SimApp, SimUser } from '../types';
import { esc, layout, pager, withParams } from './html';

type Query = Record<string, string | undefined>;
export const MEMBER_COOKIE = 'sim_member';
const PAGE_SIZE = 30;

function refusal(reply: FastifyReply, title: string, detail: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .send(layout(title, `<h2 class="error">${esc(title)}</h2><p>${esc(detail)}</p>`));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  const match = header?.split(/;\s*/).find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

/** The member picker WeCom does not have: in the real client the member is simply known. */
function picker(
  core: SimCore,
  reply: FastifyReply,
  q: Query,
  app: SimApp,
  heading: string,
): FastifyReply {
  const search = (q.sim_q ?? '').trim();
  const page = Math.max(1, Number(q.sim_page ?? 1) || 1);
  const all: SimUser[] = [];
  for (const u of core.state.org.allUsers()) {
    if (u.status !== 1 || !core.access.canSeeUser(app, u)) continue;
    if (!search || u.name.includes(search) || u.userid.toLowerCase().includes(search.toLowerCase()))
      all.push(u);
  }
  const link = (changes: Query): string => `?${withParams(q, changes)}`;
  const rows = all
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    .map(
      (u) =>
        `<a class="member" href="${esc(link({ sim_userid: u.userid }))}">${esc(u.name)} <span class="muted">${esc(u.userid)}</span></a>`,
    )
    .join('');
  const hidden = Object.entries(q)
    .filter(([k, v]) => v !== undefined && k !== 'sim_q' && k !== 'sim_page')
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  const body =
    `<h2>${esc(heading)}</h2><p class="muted">企业微信模拟器：选择你是哪位成员（应用：${esc(app.name)}，AgentId ${app.agentId}）</p>` +
    `<form method="get">${hidden}<input name="sim_q" value="${esc(search)}" placeholder="搜索姓名或账号"><button>搜索</button></form>` +
    `<div>${rows || '<p class="muted">没有匹配的成员</p>'}</div>` +
    pager(all.length, page, PAGE_SIZE, (p) => link({ sim_page: String(p) })) +
    `<p><a href="${esc(link({ sim_visitor: '1' }))}">我不是企业成员（以访客身份继续）</a></p>`;
  return reply.type('text/html; charset=utf-8').send(layout(heading, body));
}

function redirectWithCode(
  core: SimCore,
  reply: FastifyReply,
  app: SimApp,
  identity: Identity,
  scope: string,
  q: Query,
): FastifyReply {
  const redirectUri = q.redirect_uri as string;
  const code = core.oauth.issueCode(app, identity, scope, redirectUri);
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  // state is passed through unchanged.
  target.searchParams.set('state', q.state ?? '');
  return reply.redirect(target.toString(), 302);
}

/** Resolves who is logging in, or renders the picker / a refusal. */
function identify(
  core: SimCore,
  reply: FastifyReply,
  q: Query,
  app: SimApp,
  cookie: string | undefined,
  heading: string,
  requireRange: boolean,
) {
  if (q.sim_visitor === '1')
    return {
      openid: `o${Buffer.from(`${core.credentials.corpId}:visitor`).toString('base64url').slice(0, 27)}`,
    };
  const chosen = q.sim_userid ?? cookie;
  if (!chosen) return picker(core, reply, q, app, heading);
  const user = core.state.org.getUser(chosen);
  if (!user) return refusal(reply, '成员不存在', `账号 ${chosen} 不在企业通讯录中`);
  if (user.status !== 1)
    return refusal(reply, '无法登录', `成员 ${user.name} 已禁用、未激活或已退出企业`);
  if (requireRange && !core.access.canSeeUser(app, user))
    return refusal(reply, '无权限', `成员 ${user.name} 不在应用可见范围内`);
  return { userid: user.userid };
}

function findApp(core: SimCore, q: Query): SimApp | undefined {
  if (q.agentid) return core.state.apps.get(Number(q.agentid));
  const apps = [...core.state.apps.values()];
  return apps.find((a) => redirectAllowed(a.trustedDomain, q.redirect_uri ?? '')) ?? apps[0];
}

function checkCommon(
  core: SimCore,
  reply: FastifyReply,
  q: Query,
  app: SimApp | undefined,
): app is SimApp {
  if (q.appid !== core.credentials.corpId)
    return (void refusal(reply, '参数错误', 'appid 不是本企业的 CorpID'), false);
  if (!q.redirect_uri || !URL.canParse(q.redirect_uri))
    return (void refusal(reply, '参数错误', 'redirect_uri 无效'), false);
  if (!app) return (void refusal(reply, '参数错误', `agentid ${q.agentid ?? ''} 不存在`), false);
  if (!redirectAllowed(app.trustedDomain, q.redirect_uri)) {
    return (
      void refusal(
        reply,
        'redirect_uri需使用应用可信域名',
        `应用可信域名为 ${app.trustedDomain}，请求的是 ${new URL(q.redirect_uri).host}（errcode 50001）`,
      ),
      false
    );
  }
  return true;
}

/** /connect/oauth2/authorize (doc /91022) and /wwlogin/sso/login (doc /98151). */
export function registerOAuthPages(app: FastifyInstance, core: SimCore): void {
  app.get('/connect/oauth2/authorize', async (req, reply) => {
    const q = req.query as Query;
    const target = findApp(core, q);
    if (!checkCommon(core, reply, q, target)) return reply;
    if (q.response_type !== 'code') return refusal(reply, '参数错误', 'response_type 必须为 code');
    // Without agentid, snsapi_privateinfo is treated as snsapi_base.
    const scope =
      q.scope === 'snsapi_privateinfo' && q.agentid ? 'snsapi_privateinfo' : 'snsapi_base';
    const identity = identify(
      core,
      reply,
      q,
      target,
      readCookie(req.headers.cookie, MEMBER_COOKIE),
      '企业微信授权',
      false,
    );
    if (!('userid' in identity) && !('openid' in identity)) return identity;
    return redirectWithCode(core, reply, target, identity, scope, q);
  });
  app.get('/wwlogin/sso/login', async (req, reply) => {
    const q = req.query as Query;
    if (q.login_type !== 'CorpApp')
      return refusal(reply, '参数错误', 'login_type 仅支持 CorpApp（自建应用）');
    if (!q.agentid) return refusal(reply, '参数错误', '缺少 agentid');
    const target = core.state.apps.get(Number(q.agentid));
    if (!checkCommon(core, reply, q, target)) return reply;
    const identity = identify(core, reply, q, target, undefined, '企业微信扫码登录', true);
    if (!('userid' in identity) && !('openid' in identity)) return identity;
    return redirectWithCode(core, reply, target, identity, 'snsapi_base', q);
  });
}
