/**
 * WeCom's 接收事件服务器 (doc /90930): URL verification and encrypted event deliveries, checked
 * with the app's callback Token, EncodingAESKey and the CorpID (receive id), then read into
 * neutral contact changes and card clicks (kit.ts `Callbacks`).
 */
import { createHash } from 'node:crypto';
import {
  CallbackCryptoError,
  createCallbackCrypto,
  extractEncrypt,
  type CallbackQuery,
} from '@orgbridge/wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import {
  CallbackRefusal,
  type CallbackReply,
  type CallbackRequest,
  type Callbacks,
  type NeutralCardClick,
  type NeutralContactChange,
} from '../kit';

/** change_contact sub-types (通讯录变更事件, doc /90970–/90972) of members and departments. */
export const WECOM_CHANGE_TYPES = [
  'create_user',
  'update_user',
  'delete_user',
  'create_party',
  'update_party',
  'delete_party',
] as const;
export type WeComChangeType = (typeof WECOM_CHANGE_TYPES)[number];

/** One contact change as WeCom states it: the object it names and its ids, never names. */
export interface WeComContactChange {
  changeType: WeComChangeType;
  /** UserID (member events) or department Id (party events). */
  extId: string;
  /** NewUserID when update_user renames the userid. */
  newExtId: string | null;
  payload: Record<string, unknown>;
}

/** A member clicked a button of an interactive card (doc /96468, reference §13). */
export interface WeComCardClick {
  /** FromUserName: the clicking member's userid. */
  fromUser: string;
  /** EventKey: the key of the clicked button. */
  eventKey: string;
  taskId: string;
  /** Single use, for message/update_template_card. */
  responseCode: string;
  agentId: string | null;
}

export type ParsedCallback =
  | { kind: 'contact'; change: WeComContactChange }
  | { kind: 'card'; click: WeComCardClick }
  | { kind: 'ignored'; msgType: string; event: string | null; changeType: string | null };

export class CallbackXmlError extends Error {
  override readonly name = 'CallbackXmlError';
}

// Values stay text (a UserID "007" is not the number 7); DOCTYPE entities keep the library's limits.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: false,
  maxNestedTags: 8,
});

const isChangeType = (v: string): v is WeComChangeType =>
  (WECOM_CHANGE_TYPES as readonly string[]).includes(v);

function text(root: Record<string, unknown>, tag: string): string | null {
  const v = root[tag];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

const list = (v: string | null): string[] | undefined =>
  v === null ? undefined : v.split(',').filter((s) => s.length > 0);

/** Ids the event names; the rest of the object is re-read from WeCom when it is applied. */
function idsOf(root: Record<string, unknown>, changeType: WeComChangeType) {
  const member = changeType.endsWith('_user');
  const payload: Record<string, unknown> = { createTime: text(root, 'CreateTime') };
  if (member) {
    payload.department = list(text(root, 'Department'));
    payload.mainDepartment = text(root, 'MainDepartment') ?? undefined;
    payload.status = text(root, 'Status') ?? undefined;
  } else {
    payload.parentId = text(root, 'ParentId') ?? undefined;
  }
  return {
    extId: text(root, member ? 'UserID' : 'Id'),
    newExtId: member ? text(root, 'NewUserID') : null,
    payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
  };
}

/**
 * Reads a decrypted callback message (doc /90930). Contact changes (通讯录变更事件,
 * `MsgType=event`, `Event=change_contact`, doc /90970–/90972) of members and departments and
 * clicks on interactive cards are returned; every other message (tag changes, app messages, menu
 * clicks…) is reported as ignored. Throws CallbackXmlError when the text is not a WeCom message.
 */
export function parseCallbackXml(plaintext: string): ParsedCallback {
  let doc: unknown;
  try {
    doc = parser.parse(plaintext);
  } catch (err) {
    throw new CallbackXmlError(`the decrypted message is not XML: ${(err as Error).message}`);
  }
  const root = (doc as { xml?: unknown } | null)?.xml;
  if (!root || typeof root !== 'object') throw new CallbackXmlError('no <xml> root element');
  const r = root as Record<string, unknown>;
  const msgType = text(r, 'MsgType');
  if (!msgType) throw new CallbackXmlError('no <MsgType> element');
  const event = text(r, 'Event');
  if (msgType === 'event' && event === 'template_card_event') return cardClick(r);
  const changeType = text(r, 'ChangeType');
  if (msgType !== 'event' || event !== 'change_contact' || !changeType || !isChangeType(changeType))
    return { kind: 'ignored', msgType, event, changeType };
  const ids = idsOf(r, changeType);
  if (!ids.extId) throw new CallbackXmlError(`${changeType} without the id of its object`);
  return { kind: 'contact', change: { changeType, ...ids, extId: ids.extId } };
}

function cardClick(r: Record<string, unknown>): ParsedCallback {
  const fromUser = text(r, 'FromUserName');
  const eventKey = text(r, 'EventKey');
  const taskId = text(r, 'TaskId');
  const responseCode = text(r, 'ResponseCode');
  if (!fromUser || !eventKey || !taskId || !responseCode)
    throw new CallbackXmlError(
      'template_card_event without FromUserName, EventKey, TaskId or ResponseCode',
    );
  return {
    kind: 'card',
    click: { fromUser, eventKey, taskId, responseCode, agentId: text(r, 'AgentID') },
  };
}

/** WeCom's change → the neutral one; the payload's ids travel along as `detail`. */
export function neutralChange(c: WeComContactChange): NeutralContactChange {
  const detail = c.payload;
  switch (c.changeType) {
    case 'create_user':
    case 'update_user':
      return c.newExtId && c.newExtId !== c.extId
        ? { kind: 'member.upsert', userId: c.extId, newUserId: c.newExtId, detail }
        : { kind: 'member.upsert', userId: c.extId, detail };
    case 'delete_user':
      return { kind: 'member.left', userId: c.extId, detail };
    case 'create_party':
    case 'update_party':
      return { kind: 'department.upsert', departmentId: c.extId, detail };
    case 'delete_party':
      return { kind: 'department.removed', departmentId: c.extId, detail };
  }
}

const MALFORMED =
  'The body is not a WeCom callback envelope: send the XML with an <Encrypt> element as text/xml.';

/** Library codes of WXBizMsgCrypt (doc /90968) → the refusal an admin can act on. */
function refusal(err: CallbackCryptoError): CallbackRefusal {
  switch (err.code) {
    case -40001:
      return new CallbackRefusal(
        'signature',
        "msg_signature does not match: the request was not signed with this tenant's callback Token. Paste the Token shown in 企业微信集成 into the app's 接收事件服务器 settings.",
      );
    case -40005:
      return new CallbackRefusal(
        'account',
        "The message was encrypted for another corp than this tenant's CorpID. Check that the callback URL belongs to the tenant connected to this corp.",
      );
    case -40002:
      return new CallbackRefusal('malformed', MALFORMED);
    default:
      return new CallbackRefusal(
        'decrypt',
        "The message could not be decrypted with this tenant's EncodingAESKey. Paste the EncodingAESKey shown in 企业微信集成 into the app's 接收事件服务器 settings.",
      );
  }
}

function sealed<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CallbackCryptoError) throw refusal(err);
    throw err;
  }
}

/** msg_signature, timestamp and nonce from the query; a request without them is no WeCom one. */
function signedQuery(req: CallbackRequest): CallbackQuery {
  const { msg_signature, timestamp, nonce } = req.query;
  if (!msg_signature || !timestamp || !nonce)
    throw new CallbackRefusal(
      'malformed',
      'The query lacks msg_signature, timestamp or nonce: WeCom signs every callback request with them.',
    );
  return { msg_signature, timestamp, nonce };
}

const plain = (body: string): CallbackReply => ({
  status: 200,
  contentType: 'text/plain; charset=utf-8',
  body,
});

/**
 * The callbacks of one WeCom app. `receiveId` is the CorpID (self-built apps); every request must
 * be signed with `token` and encrypted with `encodingAesKey` for that CorpID.
 */
export function createWeComCallbacks(keys: {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}): Callbacks {
  const crypto = createCallbackCrypto(keys);
  return {
    /** GET 验证URL有效性: the decrypted echostr, answered as plain text. */
    verify(req) {
      if (req.method !== 'GET' || !req.query.echostr) return null;
      const q = { ...signedQuery(req), echostr: req.query.echostr };
      return plain(sealed(() => crypto.verifyUrl(q)));
    },

    /**
     * One POSTed message: verified, decrypted and read. The sha-256 of the plaintext is the
     * de-duplication key, so WeCom's retries of a delivery give the same key.
     */
    open(req) {
      const q = signedQuery(req);
      const plaintext = sealed(() => crypto.decrypt(q, extractEncrypt(req.rawBody)));
      let parsed: ParsedCallback;
      try {
        parsed = parseCallbackXml(plaintext);
      } catch (err) {
        if (err instanceof CallbackXmlError)
          throw new CallbackRefusal(
            'malformed',
            `The decrypted callback is unreadable: ${err.message}.`,
          );
        throw err;
      }
      const dedupeKey = createHash('sha256').update(plaintext).digest('hex');
      const reply = plain('success');
      if (parsed.kind === 'contact')
        return { changes: [neutralChange(parsed.change)], clicks: [], dedupeKey, reply };
      if (parsed.kind === 'card') {
        const { fromUser, eventKey, taskId, responseCode } = parsed.click;
        const click: NeutralCardClick = { userId: fromUser, eventKey, taskId, responseCode };
        return { changes: [], clicks: [click], dedupeKey, reply };
      }
      const ignored = [parsed.msgType, parsed.event, parsed.changeType]
        .filter((s) => s !== null)
        .join('/');
      return { changes: [], clicks: [], dedupeKey, reply, ignored };
    },
  };
}
