/**
 * Work notices (工作通知). asyncsend_v2 creates a task; recipients are resolved at once:
 * unknown or departed userids → invalid; the same content to the same member on the same day, or
 * a member's 501st notice of the day, → forbidden (flow control drops silently, the send still
 * succeeds); the rest land in the member's inbox, unread until the member page shows them.
 */
import { createHash } from 'node:crypto';
import { chinaDay, type Clock } from './clock';
import { DingTalkApiError } from './errors';
import type { OrgStore } from './org-store';

export const PER_USER_DAILY = 500;
export const MAX_USERIDS = 100;
export const TO_ALL_DAILY = 3;

export interface InboxEntry {
  taskId: number;
  msgtype: string;
  msg: Record<string, unknown>;
  at: number;
  read: boolean;
  recalled: boolean;
}

interface Task {
  taskId: number;
  agentId: number;
  invalidUsers: string[];
  invalidDepts: number[];
  forbidden: string[];
  delivered: string[];
  recalled: boolean;
  /** When DingTalk finishes the task (getsendprogress status 2); before, results are partial. */
  doneAt: number;
}

const MSG_TYPES = new Set([
  'text',
  'markdown',
  'link',
  'action_card',
  'oa',
  'image',
  'file',
  'voice',
]);

function parseMsg(raw: unknown): Record<string, unknown> {
  let msg = raw;
  if (typeof raw === 'string') {
    try {
      msg = JSON.parse(raw);
    } catch {
      throw new DingTalkApiError(400002, '不合法的参数: msg');
    }
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    throw new DingTalkApiError(400002, '缺少参数 msg');
  const m = msg as Record<string, unknown>;
  if (
    typeof m.msgtype !== 'string' ||
    !MSG_TYPES.has(m.msgtype) ||
    typeof m[m.msgtype] !== 'object'
  )
    throw new DingTalkApiError(400002, '不合法的参数: msgtype');
  return m;
}

const list = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : Array.isArray(v)
      ? v.map(String)
      : [];

export function createMessaging(
  org: () => OrgStore,
  clock: Clock,
  agentId: number,
  /** How long a task stays "processing" (simulated time; `advanceClock` moves it on). */
  processing: { ms: number },
) {
  const tasks = new Map<number, Task>();
  const inbox = new Map<string, InboxEntry[]>();
  const daily = new Map<string, number>();
  const seenContent = new Set<string>();
  /** to_all_user sends per day: more than 3 deliver nothing, silently (README). */
  const allSends = new Map<number, number>();
  let nextTaskId = 200_000_000_001;
  const isDone = (task: Task) => clock.now() >= task.doneAt;

  function deliver(
    userid: string,
    taskId: number,
    msg: Record<string, unknown>,
    hash: string,
  ): boolean {
    const day = chinaDay(clock.now());
    const sameKey = `${day}|${userid}|${hash}`;
    const countKey = `${day}|${userid}`;
    if (seenContent.has(sameKey) || (daily.get(countKey) ?? 0) >= PER_USER_DAILY) return false;
    seenContent.add(sameKey);
    daily.set(countKey, (daily.get(countKey) ?? 0) + 1);
    const entries = inbox.get(userid) ?? [];
    entries.unshift({
      taskId,
      msgtype: String(msg.msgtype),
      msg,
      at: clock.now(),
      read: false,
      recalled: false,
    });
    inbox.set(userid, entries);
    return true;
  }

  function requireAgent(raw: unknown): number {
    const id = Number(raw);
    if (raw === undefined || raw === '' || !Number.isInteger(id))
      throw new DingTalkApiError(400002, '缺少参数 agent_id');
    // UNCONFIRMED errcode for another app's agent_id (README).
    if (id !== agentId) throw new DingTalkApiError(60011, '没有调用该接口的权限: agent_id');
    return id;
  }

  return {
    send(body: Record<string, unknown>): number {
      requireAgent(body.agent_id);
      const msg = parseMsg(body.msg);
      const users = list(body.userid_list);
      const depts = list(body.dept_id_list).map(Number);
      const all = body.to_all_user === true || body.to_all_user === 'true';
      if (users.length === 0 && depts.length === 0 && !all)
        throw new DingTalkApiError(400002, '接收者不能为空');
      if (users.length > MAX_USERIDS)
        throw new DingTalkApiError(400002, `userid_list 不能超过 ${MAX_USERIDS} 个`);
      const store = org();
      const task: Task = {
        taskId: nextTaskId++,
        agentId,
        invalidUsers: [],
        invalidDepts: [],
        forbidden: [],
        delivered: [],
        recalled: false,
        doneAt: clock.now() + processing.ms,
      };
      const recipients = new Set<string>();
      for (const id of users) {
        if (store.getUser(id)) recipients.add(id);
        else task.invalidUsers.push(id);
      }
      for (const d of depts) {
        if (!Number.isInteger(d) || !store.getDept(d)) task.invalidDepts.push(d);
        else
          for (const sub of store.subtree(d))
            for (const u of store.membersOf(sub)) recipients.add(u.userid);
      }
      if (all) for (const u of store.users()) recipients.add(u.userid);
      const day = chinaDay(clock.now());
      const allOverLimit = all && (allSends.get(day) ?? 0) >= TO_ALL_DAILY;
      if (all) allSends.set(day, (allSends.get(day) ?? 0) + 1);
      const hash = createHash('sha1').update(JSON.stringify(msg)).digest('hex');
      for (const id of recipients)
        (!allOverLimit && deliver(id, task.taskId, msg, hash)
          ? task.delivered
          : task.forbidden
        ).push(id);
      tasks.set(task.taskId, task);
      return task.taskId;
    },
    /** `getsendprogress`: status 1 (处理中) until the task's processing time passed, then 2. */
    progress(body: Record<string, unknown>): Record<string, unknown> {
      requireAgent(body.agent_id);
      const task = tasks.get(Number(body.task_id));
      if (!task) throw new DingTalkApiError(400002, '不合法的参数: task_id');
      const done = isDone(task);
      return { progress_in_percent: done ? 100 : 0, status: done ? 2 : 1 };
    },
    result(body: Record<string, unknown>): Record<string, unknown> {
      requireAgent(body.agent_id);
      const task = tasks.get(Number(body.task_id));
      if (!task) throw new DingTalkApiError(400002, '不合法的参数: task_id');
      // While processing only the refusals known at once (invalid ids) are listed.
      if (!isDone(task))
        return {
          invalid_user_id_list: task.invalidUsers,
          forbidden_user_id_list: [],
          failed_user_id_list: [],
          read_user_id_list: [],
          unread_user_id_list: [],
          invalid_dept_id_list: task.invalidDepts,
          forbidden_list: [],
        };
      const read = task.delivered.filter((u) =>
        inbox.get(u)?.some((e) => e.taskId === task.taskId && e.read),
      );
      return {
        invalid_user_id_list: task.invalidUsers,
        forbidden_user_id_list: task.forbidden,
        failed_user_id_list: [],
        read_user_id_list: read,
        unread_user_id_list: task.delivered.filter((u) => !read.includes(u)),
        invalid_dept_id_list: task.invalidDepts,
        forbidden_list: [],
      };
    },
    recall(body: Record<string, unknown>): void {
      requireAgent(body.agent_id);
      const task = tasks.get(Number(body.msg_task_id));
      if (!task) throw new DingTalkApiError(400002, '不合法的参数: msg_task_id');
      task.recalled = true;
      for (const u of task.delivered)
        for (const e of inbox.get(u) ?? []) if (e.taskId === task.taskId) e.recalled = true;
    },
    /** The member's notices, once their task is processed (a processing task shows nothing yet). */
    inboxOf: (userid: string): InboxEntry[] =>
      (inbox.get(userid) ?? []).filter((e) => {
        const task = tasks.get(e.taskId);
        return !task || isDone(task);
      }),
    markRead(userid: string): void {
      for (const e of inbox.get(userid) ?? []) {
        const task = tasks.get(e.taskId);
        if (!task || isDone(task)) e.read = true;
      }
    },
    reset(): void {
      tasks.clear();
      inbox.clear();
      daily.clear();
      allSends.clear();
      seenContent.clear();
    },
  };
}

export type Messaging = ReturnType<typeof createMessaging>;
