import { XMLParser } from 'fast-xml-parser';
import { CONTACT_CHANGE_TYPES, type ContactChangeType } from '../../db/schema';

/** One stored contact change: the object it names and its ids, never names, mobiles or e-mails. */
export interface ContactChange {
  changeType: ContactChangeType;
  /** UserID (member events) or department Id (party events). */
  extId: string;
  /** NewUserID when update_user renames the userid. */
  newExtId: string | null;
  payload: Record<string, unknown>;
}

/** A member clicked a button of an interactive card (doc /96468, reference §13). */
export interface CardClick {
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
  | { kind: 'contact'; change: ContactChange }
  | { kind: 'card'; click: CardClick }
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

const isChangeType = (v: string): v is ContactChangeType =>
  (CONTACT_CHANGE_TYPES as readonly string[]).includes(v);

function text(root: Record<string, unknown>, tag: string): string | null {
  const v = root[tag];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

const list = (v: string | null): string[] | undefined =>
  v === null ? undefined : v.split(',').filter((s) => s.length > 0);

/** Ids the event names; the rest of the object is re-read from WeCom when it is applied. */
function idsOf(root: Record<string, unknown>, changeType: ContactChangeType) {
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
 * `MsgType=event`, `Event=change_contact`, doc /90970–/90972) of members and departments are
 * returned for storing; every other message (tag changes, app messages, menu clicks…) is
 * reported as ignored. Throws CallbackXmlError when the text is not a WeCom message.
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
