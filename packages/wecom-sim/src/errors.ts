/**
 * WeCom-shaped API errors. Business errors travel as HTTP 200 with `errcode`/`errmsg` in the body
 * and `Error-Code`/`Error-Msg` headers (reference §0); the errmsg carries a hint id, the caller's IP
 * and the devtool link, exactly like modern WeCom responses.
 */

/** English errmsg texts as WeCom prints them before `, hint:` (reference §2; a few marked UNSURE there). */
const TEXTS: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40008: 'invalid message type',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40031: 'invalid user list',
  40032: 'invalid user list size',
  40035: 'invalid parameter',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  40063: 'some parameters are empty',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  41009: 'missing userid',
  41011: 'missing agentid',
  41019: 'missing department id',
  42001: 'access_token expired',
  42052: 'msgid expired',
  44004: 'empty content',
  45009: 'api freq out of limit',
  46004: 'user no exist',
  45033: 'api concurrent out of limit',
  48002: 'api forbidden',
  48009: 'api forbidden for contact assistant',
  50001: 'redirect_uri unauthorized',
  50100: 'invalid cursor',
  60003: 'department not found',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  81013: 'user & party & tag all invalid',
  82001: 'All touser & toparty & totag invalid',
  82002: 'invalid party list size',
  82003: 'invalid tag list size',
  301002: 'not allow operate another agent with this accesstoken.',
};

/** Thrown by handlers; `extra` fields stay in the error body (81013 keeps `invaliduser`). */
export class WeComApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly text: string = TEXTS[errcode] ?? 'error',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${errcode} ${text}`);
    this.name = 'WeComApiError';
  }
}

let hintCounter = 0;

/** 25 digits: unix seconds + 15 digits that vary per response, like `[1706848717432011565347844]`. */
function hint(nowMs: number): string {
  hintCounter = (hintCounter + 1) % 1_000_000;
  const tail = String(nowMs % 1000).padStart(3, '0') + String(hintCounter).padStart(6, '0');
  const noise = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  return `${Math.floor(nowMs / 1000)}${tail}${noise}`;
}

export function formatErrmsg(
  errcode: number,
  text: string,
  callerIp: string,
  nowMs: number,
): string {
  return `${text}, hint: [${hint(nowMs)}], from ip: ${callerIp}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

export function errorText(errcode: number): string {
  return TEXTS[errcode] ?? 'error';
}
