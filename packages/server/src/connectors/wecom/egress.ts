/**
 * The egress proxy setting (WECOM_PROXY and a connection's `egressProxy`, PRODUCT.md §8) and the
 * texts of the trusted-IP doctor. No imports: config.ts reads it at startup.
 */

/** What the console and the API show instead of a proxy password. */
export const PROXY_PASSWORD_MASK = '******';

// scheme://[user[:password]@]host:port[/] — the port is required (`new URL` drops :80/:443).
const PROXY_SHAPE =
  /^(https?):\/\/(?:([^@/?#\s]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:@/?#\s[\]]+):(\d{1,5})\/?$/i;

export interface ParsedProxy {
  scheme: 'http' | 'https';
  /** Percent-encoded as written, or null. */
  user: string | null;
  password: string | null;
  /** host:port as written. */
  authority: string;
}

const EXAMPLE = 'http://[user:pass@]host:port';

/** The problem with a proxy URL as a sentence in both languages, or null when it is usable. */
export function egressProxyProblem(value: string): { zh: string; en: string } | null {
  const m = PROXY_SHAPE.exec(value.trim());
  if (!m) {
    const url = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
    if (!url)
      return {
        zh: `不是有效的代理地址，应写成 ${EXAMPLE}，例如 http://10.0.0.5:3128`,
        en: `is not a proxy URL; write it as ${EXAMPLE}, e.g. http://10.0.0.5:3128`,
      };
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return {
        zh: `代理只支持 http:// 或 https://（HTTP CONNECT 代理），不支持 ${url.protocol}//；应写成 ${EXAMPLE}`,
        en: `only http:// or https:// (HTTP CONNECT) proxies are supported, not ${url.protocol}//; write it as ${EXAMPLE}`,
      };
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
      return {
        zh: `代理地址不能带路径、查询串或 #，只写 ${EXAMPLE}`,
        en: `a proxy URL has no path, query or fragment; write only ${EXAMPLE}`,
      };
    return {
      zh: `代理地址需要写明主机和端口，应写成 ${EXAMPLE}，例如 http://10.0.0.5:3128`,
      en: `a proxy URL needs a host and a port; write it as ${EXAMPLE}, e.g. http://10.0.0.5:3128`,
    };
  }
  const port = Number(m[4]);
  if (port < 1 || port > 65535)
    return {
      zh: `端口 ${m[4]} 无效（1–65535）；应写成 ${EXAMPLE}`,
      en: `port ${m[4]} is out of range (1–65535); write it as ${EXAMPLE}`,
    };
  return null;
}

/** The parts of a valid proxy URL (call egressProxyProblem first). */
export function parseProxy(value: string): ParsedProxy {
  const m = PROXY_SHAPE.exec(value.trim());
  if (!m) throw new Error('invalid proxy URL');
  const [user, ...rest] = m[2] === undefined ? [] : m[2].split(':');
  return {
    scheme: m[1]!.toLowerCase() as 'http' | 'https',
    user: user === undefined || (user === '' && rest.length === 0) ? null : user,
    password: rest.length > 0 ? rest.join(':') : null,
    authority: `${m[3]}:${m[4]}`,
  };
}

export function formatProxy(p: ParsedProxy): string {
  const credentials =
    p.user !== null || p.password !== null
      ? `${p.user ?? ''}${p.password !== null ? `:${p.password}` : ''}@`
      : '';
  return `${p.scheme}://${credentials}${p.authority}`;
}

/** The proxy URL to show: user and address kept, the password replaced by `******`. */
export function maskProxy(value: string): string {
  const p = parseProxy(value);
  return formatProxy({ ...p, password: p.password === null ? null : PROXY_PASSWORD_MASK });
}

/** Diagnostics finding: WeCom now sees another caller address than last time. */
export function egressChangedTexts(from: string, to: string) {
  return {
    'zh-CN': {
      title: `出口 IP 已从 ${from} 变为 ${to}`,
      cause: `企业微信上次看到本服务器从 ${from} 调用，这次是 ${to}。出口 IP 变化后，若新地址不在应用的「企业可信IP」中，同步、发消息和登录都会失败（60020）。`,
      fix: `在企业微信管理后台 → 应用管理 → 本应用 → 企业可信IP 中加入 ${to}（多个用分号隔开，约 1 分钟后生效）；若出口 IP 会经常变化，请配置固定 IP 的出口代理（本页「出口代理」或服务器的 WECOM_PROXY）。`,
    },
    en: {
      title: `Egress IP changed from ${from} to ${to}`,
      cause: `WeCom last saw this server calling from ${from}; now it sees ${to}. If the new address is not in the app’s trusted IPs (企业可信IP), sync, messages and sign-in fail with 60020.`,
      fix: `In the WeCom admin console → App Management → this app → 企业可信IP, add ${to} (separate several with ';'; it takes about a minute). If the address keeps changing, send the calls through a proxy with a fixed IP (“Egress proxy” on this page, or WECOM_PROXY on the server).`,
    },
  };
}

/** Diagnostics finding: the address WeCom sees (no change, or first seen). */
export function egressSeenTexts(ip: string, viaProxy: boolean) {
  return {
    'zh-CN': {
      title: `企业微信看到的出口 IP：${ip}`,
      cause: viaProxy
        ? `调用经出口代理发出，企业微信看到的是代理的地址 ${ip}。`
        : `调用直接从本服务器发出，企业微信看到的地址是 ${ip}。`,
      fix: `应用若设置了「企业可信IP」，其中须包含 ${ip}。`,
    },
    en: {
      title: `Egress IP seen by WeCom: ${ip}`,
      cause: viaProxy
        ? `Calls leave through the egress proxy; WeCom sees the proxy’s address ${ip}.`
        : `Calls leave this server directly; WeCom sees ${ip}.`,
      fix: `If the app has trusted IPs (企业可信IP), they must include ${ip}.`,
    },
  };
}
