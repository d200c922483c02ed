import { ConnectorError } from '../../connectors/kit';
import type { MessageError } from '../../db/schema';
import { AppError } from '../../lib/errors';

/** WeCom: "all recipients invalid or outside the visible range" (UserID、部门ID、标签ID全部非法或无权限). */
const ALL_INVALID = 81013;
/** WeCom: msgid expired — recall is only possible within 24 h. */
const MSGID_EXPIRED = 42052;

export function toMessageError(err: ConnectorError): MessageError {
  return {
    errcode: err.info.providerCode,
    errmsg: err.info.providerMessage,
    kind: err.kind,
    explanation: err.info.explanation,
  };
}

/**
 * A provider refusal as the HTTP error a caller can act on: refused input → 400, every
 * recipient invalid (81013) → 422, anything else (credentials, permissions, trusted IP, rate,
 * outages) → 502, because the fault is between OrgBridge and WeCom, not in the request.
 * The explanation (zh-CN and en) and the send outcome travel in `details`.
 */
export function providerFailure(err: ConnectorError, details: Record<string, unknown>): AppError {
  const code = err.info.providerCode;
  const zh = err.info.explanation['zh-CN'];
  const en = err.info.explanation.en;
  const text = `企业微信拒绝了消息：errcode ${code} ${zh.title}。${zh.fix} (WeCom refused the message: errcode ${code} ${en.title}. ${en.fix})`;
  const payload = {
    ...details,
    errcode: code,
    errmsg: err.info.providerMessage,
    explanation: err.info.explanation,
    ...(err.info.uncertain ? { uncertain: true } : {}),
  };
  if (code === ALL_INVALID) return new AppError('messages.all_invalid', 422, text, payload);
  if (err.kind === 'input') return new AppError('messages.rejected', 400, text, payload);
  return new AppError('messages.provider_error', 502, text, payload);
}

export function recallFailure(err: ConnectorError, sentAt: Date): AppError {
  if (err.info.providerCode === MSGID_EXPIRED) return recallWindowPassed(sentAt);
  return providerFailure(err, {});
}

export function recallWindowPassed(sentAt: Date): AppError {
  return new AppError(
    'messages.recall_window_passed',
    400,
    `企业微信只能撤回 24 小时内发送的消息，此消息发送于 ${sentAt.toISOString()}。(WeCom recalls only messages sent within the last 24 hours; this one was sent at ${sentAt.toISOString()}.)`,
    { sentAt: sentAt.toISOString(), windowHours: 24 },
  );
}

export const isConnectorError = (e: unknown): e is ConnectorError => e instanceof ConnectorError;
