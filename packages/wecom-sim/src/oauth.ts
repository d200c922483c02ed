import { randomBytes } from 'node:crypto';
import type { Access } from './access';
import type { Clock } from './clock';
import { WeComApiError } from './errors';
import type { OrgStore } from './org-store';
import type { SimApp } from './types';

const CODE_TTL_MS = 5 * 60 * 1000;
const TICKET_TTL_SECONDS = 1800;

export type Identity = { userid: string } | { openid: string };

interface IssuedCode {
  agentId: number;
  identity: Identity;
  scope: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

interface Ticket {
  agentId: number;
  userid: string;
  expiresAt: number;
}

/**
 * 可信域名 check. WeCom compares the redirect host with the configured domain exactly, port
 * included. Deliberate deviation: a configured domain *without* a port matches that host on any
 * port, so `localhost` works for local servers on arbitrary ports; configure `host:port` to get
 * WeCom's strict rule.
 */
export function redirectAllowed(trustedDomain: string, redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  const wanted = trustedDomain.toLowerCase();
  return wanted.includes(':')
    ? url.host.toLowerCase() === wanted
    : url.hostname.toLowerCase() === wanted;
}

/** OAuth codes (single use, 5 min, bound to the app) and user_tickets (1800 s) — doc /91022, /91023. */
export function createOAuth(org: OrgStore, access: Access, clock: Clock) {
  const codes = new Map<string, IssuedCode>();
  const tickets = new Map<string, Ticket>();

  function issueCode(app: SimApp, identity: Identity, scope: string, redirectUri: string): string {
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      agentId: app.agentId,
      identity,
      scope,
      redirectUri,
      expiresAt: clock.now() + CODE_TTL_MS,
      used: false,
    });
    // Forget codes that can no longer be exchanged so a long benchmark does not accumulate them.
    if (codes.size > 50_000)
      for (const [k, v] of codes) if (v.used || v.expiresAt < clock.now()) codes.delete(k);
    return code;
  }

  /** auth/getuserinfo for an app token. */
  function exchange(app: SimApp, code: string | undefined): Record<string, unknown> {
    if (!code) throw new WeComApiError(41008);
    const issued = codes.get(code);
    if (!issued || issued.used || issued.expiresAt <= clock.now()) throw new WeComApiError(40029);
    // "跳转的域名须完全匹配access_token对应应用的可信域名，否则会返回50001错误"
    if (!redirectAllowed(app.trustedDomain, issued.redirectUri)) throw new WeComApiError(50001);
    if (issued.agentId !== app.agentId) throw new WeComApiError(40029);
    issued.used = true;
    if ('openid' in issued.identity) return { openid: issued.identity.openid };
    const userid = issued.identity.userid;
    const user = org.getUser(userid);
    if (issued.scope === 'snsapi_privateinfo' && user && access.canSeeUser(app, user)) {
      const ticket = randomBytes(48).toString('base64url');
      tickets.set(ticket, {
        agentId: app.agentId,
        userid: user.userid,
        expiresAt: clock.now() + TICKET_TTL_SECONDS * 1000,
      });
      return { userid: user.userid, user_ticket: ticket, expires_in: TICKET_TTL_SECONDS };
    }
    return { userid: user?.userid ?? userid };
  }

  /** auth/getuserdetail: the sensitive fields the member consented to (all of them in the simulator). */
  function detail(app: SimApp, ticket: unknown): Record<string, unknown> {
    if (typeof ticket !== 'string' || ticket === '')
      throw new WeComApiError(41035, 'missing user_ticket');
    const t = tickets.get(ticket);
    // Errcode for a bad user_ticket is not documented in the reference; 40035 (invalid parameter) is a guess.
    if (!t || t.expiresAt <= clock.now() || t.agentId !== app.agentId)
      throw new WeComApiError(40035, 'invalid user_ticket');
    const user = org.getUser(t.userid);
    if (!user || !access.canSeeUser(app, user)) throw new WeComApiError(60011);
    return {
      userid: user.userid,
      gender: user.gender,
      avatar: user.avatar,
      qr_code: `https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc${user.userid.length}${user.mobile.slice(-6)}`,
      mobile: user.mobile,
      email: user.email,
      biz_mail: user.bizMail,
      address: user.address,
    };
  }

  return {
    issueCode,
    exchange,
    detail,
    reset(): void {
      codes.clear();
      tickets.clear();
    },
  };
}

export type OAuth = ReturnType<typeof createOAuth>;
