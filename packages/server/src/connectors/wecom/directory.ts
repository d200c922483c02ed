import { NO_SUCH_MEMBER_ERRCODES, type User, type WeComClient } from '@orgbridge/wecom';
import type {
  ConnectorError,
  DirectoryReader,
  DirectorySnapshot,
  ExtDepartment,
  ExtMember,
  ExtMemberStatus,
} from '../kit';
import { toConnectorError, translated } from './errors';

const STATUS: Record<number, ExtMemberStatus> = {
  1: 'active',
  2: 'disabled',
  4: 'inactive',
  5: 'left',
};

export function toExtMember(u: User): ExtMember {
  const departmentIds = u.departmentIds.map(String);
  return {
    userId: u.userId,
    name: u.name,
    departmentIds,
    mainDepartmentId:
      u.mainDepartment !== undefined ? String(u.mainDepartment) : (departmentIds[0] ?? null),
    leaderOf: departmentIds.filter((_, i) => u.isLeaderInDept[i]),
    position: u.position || null,
    mobile: u.mobile || null,
    email: u.email || u.bizMail || null,
    avatar: u.avatar || null,
    status: STATUS[u.status] ?? 'active',
  };
}

/** Runs `fn` over `items` with at most `width` calls in flight (the client's governor caps per API anyway). */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** A lookup's "no such member" (46004, or 60111 as user/get says it) as null. */
async function missIsNull(fn: () => Promise<string>): Promise<string | null> {
  try {
    return await fn();
  } catch (err) {
    const e = toConnectorError(err) as ConnectorError;
    if (e.info && NO_SUCH_MEMBER_ERRCODES.has(e.info.providerCode)) return null;
    throw e;
  }
}

/** Rows per `user/list_id` page (the client's default, WeCom's maximum). */
const LIST_ID_PAGE = 10_000;

/**
 * Every userid of the corp through the contacts-sync secret (`user/list_id`, paged by cursor).
 * Failure is reported, not fatal: the listing only tells hidden members from leavers.
 */
async function listWholeCorp(
  contacts: WeComClient,
): Promise<{ ids: Set<string> | null; requests: number; problem: ConnectorError | null }> {
  const ids = new Set<string>();
  let rows = 0;
  try {
    for await (const row of contacts.user.listAllIds(LIST_ID_PAGE)) {
      rows++;
      ids.add(row.userId.toLowerCase());
    }
    return { ids, requests: Math.max(1, Math.ceil(rows / LIST_ID_PAGE)), problem: null };
  } catch (err) {
    return { ids: null, requests: 1, problem: toConnectorError(err) as ConnectorError };
  }
}

/**
 * Reads the org with the app secret: department/list, then user/list per department
 * (fetch_child=0), de-duplicated by userid — never one root fetch (the anchor's bug) and never
 * fetch_child=1 per department (quadratic). A department that cannot be read makes the snapshot
 * partial instead of silently dropping its members. With the contacts-sync secret, the whole
 * corp's userids are listed alongside (a different API, so it costs no time): members the app
 * cannot see are reported as outside its visible range instead of looking like leavers.
 */
export function createWeComDirectory(
  client: WeComClient,
  width: number,
  contacts: WeComClient | null = null,
): DirectoryReader {
  return {
    async read(opts = {}): Promise<DirectorySnapshot> {
      const wholeCorp = contacts ? listWholeCorp(contacts) : null;
      // Settled here so a failed app read never leaves the listing's rejection unhandled.
      void wholeCorp?.catch(() => {});
      let requests = 1;
      const raw = await translated(() => client.department.list());
      const departments: ExtDepartment[] = raw.map((d) => ({
        id: String(d.id),
        name: d.name,
        // Roots of the visible tree have a parent outside it (or 0 for the corp root).
        parentId: d.parentId === 0 ? null : String(d.parentId),
        order: d.order,
      }));
      const visible = new Set(departments.map((d) => d.id));
      for (const d of departments) if (d.parentId && !visible.has(d.parentId)) d.parentId = null;
      opts.onProgress?.({
        phase: 'departments',
        done: departments.length,
        total: departments.length,
      });

      const members = new Map<string, ExtMember>();
      /** Lower-cased userids read through the app (WeCom userids ignore case). */
      const seen = new Set<string>();
      const problems: ConnectorError[] = [];
      let done = 0;
      await pool(raw, width, async (d) => {
        if (opts.signal?.aborted) return;
        requests++;
        try {
          for (const u of await client.user.list(d.id)) {
            if (!members.has(u.userId)) members.set(u.userId, toExtMember(u));
            seen.add(u.userId.toLowerCase());
          }
        } catch (err) {
          problems.push(toConnectorError(err) as ConnectorError);
        }
        opts.onProgress?.({ phase: 'members', done: ++done, total: raw.length });
      });
      const partial = problems.length > 0 || Boolean(opts.signal?.aborted);
      const corp = wholeCorp ? await wholeCorp : null;
      if (corp?.problem) problems.push(corp.problem);
      const outsideRange = corp?.ids
        ? [...corp.ids].filter((id) => !seen.has(id)).sort()
        : undefined;
      return {
        departments,
        members: [...members.values()],
        partial,
        problems,
        requests: requests + (corp?.requests ?? 0),
        ...(outsideRange ? { outsideRange } : {}),
      };
    },
    async member(userId) {
      try {
        return toExtMember(await client.user.get(userId));
      } catch (err) {
        const e = toConnectorError(err) as ConnectorError;
        // 60111: userid not found (deleted, or outside the visible range).
        if (e.info?.providerCode === 60111) return null;
        throw e;
      }
    },
    async department(id) {
      try {
        const d = await client.department.get(Number(id));
        return {
          id: String(d.id),
          name: d.name,
          parentId: d.parentId ? String(d.parentId) : null,
          order: d.order,
        };
      } catch (err) {
        const e = toConnectorError(err) as ConnectorError;
        // 60003: department not found (deleted); 60123: invalid department id.
        if (e.info?.providerCode === 60003 || e.info?.providerCode === 60123) return null;
        throw e;
      }
    },
    lookup: {
      byMobile: (mobile) => missIsNull(() => client.user.getUserIdByMobile(mobile)),
      // email_type 2: the member's own e-mail field, which is what a local account carries.
      byEmail: (email) => missIsNull(() => client.user.getUserIdByEmail(email, 2)),
    },
    async subtree(id) {
      const refs = await translated(() => client.department.simplelist(Number(id)));
      return refs.map((d) => ({
        id: String(d.id),
        parentId: d.parentId === 0 ? null : String(d.parentId),
        order: d.order,
      }));
    },
  };
}
