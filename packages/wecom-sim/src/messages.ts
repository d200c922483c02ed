import { randomBytes } from 'node:crypto';
import type { Access } from './access';
import type { Clock } from './clock';
import { WeComApiError } from './errors';
import type { OrgStore } from './org-store';
import type { SimApp, SimUser } from './types';

export type DropReason = 'minute-limit' | 'hour-limit' | 'duplicate';

export interface SentMessage {
  msgid: string;
  agentId: number;
  msgtype: string;
  /** The body under the msgtype key, e.g. `{ content }` for text. */
  content: unknown;
  touser: string;
  toparty: string;
  totag: string;
  sentAt: number;
  /** Userids the message reached. */
  delivered: string[];
  /** Recipients WeCom accepted but silently did not deliver (per-member limits, duplicate check). */
  dropped: { userid: string; reason: DropReason }[];
  recalled: boolean;
}

export interface InboxEntry {
  msgid: string;
  agentId: number;
  msgtype: string;
  content: unknown;
  sentAt: number;
  delivered: boolean;
  dropReason?: DropReason;
  recalled: boolean;
}

const MSGTYPES = new Set([
  'text',
  'image',
  'voice',
  'video',
  'file',
  'textcard',
  'news',
  'mpnews',
  'markdown',
  'miniprogram_notice',
  'template_card',
]);
const RECALL_WINDOW_MS = 24 * 3600 * 1000;
const PER_MINUTE = 30;
const PER_HOUR = 1000;

const splitIds = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [];

/**
 * message/send and message/recall (doc /90236, /94867): recipient limits, visible range, the
 * all-invalid 81013, silent per-member throttling (30/min, 1000/h per app) and the duplicate check.
 */
export function createMessaging(org: OrgStore, access: Access, clock: Clock) {
  const messages = new Map<string, SentMessage>();
  const inboxes = new Map<
    string,
    { msgid: string; delivered: boolean; dropReason?: DropReason }[]
  >();
  /** Delivery timestamps per `${agentId}:${userid}`, oldest first, pruned to the last hour. */
  const history = new Map<string, number[]>();
  const duplicates = new Map<string, number>();

  function throttle(agentId: number, userid: string, now: number): DropReason | undefined {
    const k = `${agentId}:${userid}`;
    let times = history.get(k);
    if (!times) history.set(k, (times = []));
    let stale = 0;
    while (stale < times.length && (times[stale] as number) <= now - 3_600_000) stale++;
    if (stale > 0) times.splice(0, stale);
    if (times.length >= PER_HOUR) return 'hour-limit';
    let lastMinute = 0;
    for (let i = times.length - 1; i >= 0 && (times[i] as number) > now - 60_000; i--) lastMinute++;
    if (lastMinute >= PER_MINUTE) return 'minute-limit';
    times.push(now);
    return undefined;
  }

  function resolveRecipients(app: SimApp, body: Record<string, unknown>) {
    const users = splitIds(body.touser);
    const parties = splitIds(body.toparty);
    const tags = splitIds(body.totag);
    if (users.length > 1000) throw new WeComApiError(40032);
    if (parties.length > 100) throw new WeComApiError(82002);
    if (tags.length > 100) throw new WeComApiError(82003);
    if (users.length + parties.length + tags.length === 0) throw new WeComApiError(82001);
    const targets = new Map<string, SimUser>();
    const invalidUser: string[] = [];
    const invalidParty: string[] = [];
    const receivable = (u: SimUser): boolean =>
      u.status !== 2 && u.status !== 5 && access.canSeeUser(app, u);
    if (users.length === 1 && users[0] === '@all') {
      for (const u of org.allUsers()) if (receivable(u)) targets.set(u.userid.toLowerCase(), u);
      return {
        targets,
        invalidUser,
        invalidParty,
        invalidTag: [] as string[],
        all: true,
        parties,
        tags,
      };
    }
    for (const id of users) {
      const u = org.getUser(id);
      if (u && receivable(u)) targets.set(u.userid.toLowerCase(), u);
      else invalidUser.push(id.toLowerCase());
    }
    for (const p of parties) {
      const id = Number(p);
      if (!Number.isInteger(id) || !access.canSeeDepartment(app, id)) {
        invalidParty.push(p);
        continue;
      }
      for (const d of org.descendants(id)) {
        for (const u of org.membersOf(d)) if (receivable(u)) targets.set(u.userid.toLowerCase(), u);
      }
    }
    // Tags are not modelled: every tag id is unknown to the simulator.
    return { targets, invalidUser, invalidParty, invalidTag: tags, all: false, parties, tags };
  }

  function duplicateWithin(app: SimApp, body: Record<string, unknown>, now: number): boolean {
    if (Number(body.enable_duplicate_check) !== 1) return false;
    const interval = Math.min(Number(body.duplicate_check_interval) || 1800, 14_400) * 1000;
    const k = `${app.agentId}:${JSON.stringify(body)}`;
    const last = duplicates.get(k);
    if (last !== undefined && now - last < interval) return true;
    duplicates.set(k, now);
    return false;
  }

  function send(app: SimApp, body: Record<string, unknown>): Record<string, unknown> {
    const msgtype = body.msgtype;
    if (typeof msgtype !== 'string' || !MSGTYPES.has(msgtype)) throw new WeComApiError(40008);
    const content = body[msgtype];
    if (typeof content !== 'object' || content === null)
      throw new WeComApiError(40058, `${msgtype} missing`);
    if (
      (msgtype === 'text' || msgtype === 'markdown') &&
      !(content as { content?: unknown }).content
    ) {
      throw new WeComApiError(44004);
    }
    const r = resolveRecipients(app, body);
    const extra: Record<string, unknown> = { invaliduser: r.invalidUser.join('|') };
    if (!r.all && r.parties.length > 0) extra.invalidparty = r.invalidParty.join('|');
    if (!r.all && r.tags.length > 0) extra.invalidtag = r.invalidTag.join('|');
    const anyInvalid = r.invalidUser.length + r.invalidParty.length + r.invalidTag.length > 0;
    if (r.targets.size === 0 && anyInvalid) throw new WeComApiError(81013, undefined, extra);
    const now = clock.now();
    const isDuplicate = duplicateWithin(app, body, now);
    const message: SentMessage = {
      msgid: randomBytes(64).toString('base64url'),
      agentId: app.agentId,
      msgtype,
      content,
      touser: typeof body.touser === 'string' ? body.touser : '',
      toparty: typeof body.toparty === 'string' ? body.toparty : '',
      totag: typeof body.totag === 'string' ? body.totag : '',
      sentAt: now,
      delivered: [],
      dropped: [],
      recalled: false,
    };
    for (const [k, user] of r.targets) {
      const reason = isDuplicate ? 'duplicate' : throttle(app.agentId, k, now);
      if (reason) message.dropped.push({ userid: user.userid, reason });
      else message.delivered.push(user.userid);
      let inbox = inboxes.get(k);
      if (!inbox) inboxes.set(k, (inbox = []));
      inbox.push(
        reason
          ? { msgid: message.msgid, delivered: false, dropReason: reason }
          : { msgid: message.msgid, delivered: true },
      );
    }
    messages.set(message.msgid, message);
    return { ...extra, msgid: message.msgid };
  }

  function recall(app: SimApp, body: Record<string, unknown>): void {
    if (typeof body.msgid !== 'string' || body.msgid === '') throw new WeComApiError(40063);
    const message = messages.get(body.msgid);
    // Recalling another app's message is refused with 40058 (doc: "请检查发消息和撤回消息是否同一个应用").
    if (!message || message.agentId !== app.agentId)
      throw new WeComApiError(40058, 'invalid msgid');
    if (clock.now() - message.sentAt > RECALL_WINDOW_MS) throw new WeComApiError(42052);
    message.recalled = true;
  }

  function messagesFor(userid: string): InboxEntry[] {
    const inbox = inboxes.get(userid.toLowerCase()) ?? [];
    return inbox.map((entry) => {
      const m = messages.get(entry.msgid) as SentMessage;
      return {
        msgid: m.msgid,
        agentId: m.agentId,
        msgtype: m.msgtype,
        content: m.content,
        sentAt: m.sentAt,
        delivered: entry.delivered,
        ...(entry.dropReason ? { dropReason: entry.dropReason } : {}),
        recalled: m.recalled,
      };
    });
  }

  return {
    send,
    recall,
    messagesFor,
    find: (msgid: string): SentMessage | undefined => messages.get(msgid),
    inboxSize: (userid: string): number => inboxes.get(userid.toLowerCase())?.length ?? 0,
    allMessages: (): SentMessage[] => [...messages.values()],
    reset(): void {
      messages.clear();
      inboxes.clear();
      history.clear();
      duplicates.clear();
    },
  };
}

export type Messaging = ReturnType<typeof createMessaging>;
