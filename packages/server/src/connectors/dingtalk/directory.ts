import { ROOT_DEPT_ID, type DingTalkClient, type Department, type User } from '@orgbridge/dingtalk';
import type {
  ConnectorError,
  DirectoryReader,
  DirectorySnapshot,
  ExtDepartment,
  ExtMember,
} from '../kit';
import { providerCodeOf, refusal, toConnectorError, translated } from './errors';

/** 60121 找不到该用户: unknown or departed member. */
const NO_SUCH_MEMBER = 60121;
/** 60003 部门不存在. */
const NO_SUCH_DEPARTMENT = 60003;
/** 50004 请求的部门id不在授权范围内: the department is outside the app's contact scope. */
const DEPT_OUT_OF_SCOPE = 50004;

/** Calls in flight while reading (the client's governor paces per interface anyway). */
const WIDTH = 5;

export function toExtMember(u: User, leaderOf: string[] = []): ExtMember {
  const departmentIds = u.deptIds.map(String);
  const leads = u.leaderInDepts ? u.leaderInDepts.map(String) : leaderOf;
  // DingTalk returns the country code apart; a number outside mainland China keeps it.
  const mobile = u.mobile
    ? u.stateCode && u.stateCode !== '86'
      ? `+${u.stateCode}-${u.mobile}`
      : u.mobile
    : null;
  return {
    userId: u.userid,
    name: u.name,
    departmentIds,
    // DingTalk names no main department; the first of dept_id_list is the member's first one.
    mainDepartmentId: departmentIds[0] ?? null,
    leaderOf: leads,
    position: u.title ?? null,
    mobile,
    email: u.email ?? u.orgEmail ?? null,
    avatar: u.avatar ?? null,
    // active false: invited, has not activated DingTalk (未激活). Leavers are simply not listed.
    status: u.active === false ? 'inactive' : 'active',
  };
}

function toExtDepartment(d: Department, order: number, isRoot: boolean): ExtDepartment {
  return {
    id: String(d.deptId),
    name: d.name,
    parentId: isRoot || d.parentId === undefined ? null : String(d.parentId),
    order: d.order ?? order,
  };
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/**
 * The roots a read starts from: department 1 when the app may read the whole organisation,
 * else the departments of its contact scope (通讯录权限范围, `auth/scopes`) — reading root 1
 * then answers 50004.
 */
async function readRoots(
  client: DingTalkClient,
): Promise<{ roots: Department[]; requests: number }> {
  try {
    return { roots: [await client.department.get(ROOT_DEPT_ID)], requests: 1 };
  } catch (err) {
    if (providerCodeOf(err) !== DEPT_OUT_OF_SCOPE) throw err;
  }
  const scope = await client.scopes();
  const roots: Department[] = [];
  for (const id of scope.deptIds) {
    try {
      roots.push(await client.department.get(id));
    } catch (err) {
      if (providerCodeOf(err) !== NO_SUCH_DEPARTMENT) throw err;
    }
  }
  return { roots, requests: 2 + scope.deptIds.length };
}

/**
 * Reads the organisation: the department tree breadth-first from root 1 through `listsub` (one
 * level a call), then every department's direct members through `user/list`, cursor page after
 * page until `has_more` is false (peers that stop at the first page lose everyone after the
 * hundredth member). A department that cannot be read makes the snapshot partial, and the
 * failure is reported, instead of its members silently looking like leavers.
 */
export function createDingTalkDirectory(client: DingTalkClient): DirectoryReader {
  return {
    async read(opts = {}): Promise<DirectorySnapshot> {
      const problems: ConnectorError[] = [];
      const { roots, requests: rootRequests } = await translated(() => readRoots(client));
      let requests = rootRequests;
      const departments: ExtDepartment[] = [];
      const seen = new Set<number>();
      for (const root of roots) {
        if (seen.has(root.deptId)) continue;
        seen.add(root.deptId);
        departments.push(toExtDepartment(root, 0, true));
      }
      // Breadth-first, one level at a time, a level's departments read side by side.
      let level = roots.map((r) => r.deptId);
      while (level.length > 0 && !opts.signal?.aborted) {
        const next: number[] = [];
        await pool(level, WIDTH, async (id) => {
          if (opts.signal?.aborted) return;
          requests++;
          try {
            const children = await client.department.listSub(id);
            children.forEach((c, i) => {
              if (seen.has(c.deptId)) return;
              seen.add(c.deptId);
              departments.push(toExtDepartment(c, i + 1, false));
              next.push(c.deptId);
            });
          } catch (err) {
            // Vanished between its parent's answer and its own: not a gap in the read.
            if (providerCodeOf(err) === NO_SUCH_DEPARTMENT) return;
            problems.push(toConnectorError(err) as ConnectorError);
          }
        });
        level = next;
      }
      opts.onProgress?.({
        phase: 'departments',
        done: departments.length,
        total: departments.length,
      });

      const members = new Map<string, { user: User; leaderOf: string[] }>();
      let done = 0;
      await pool(departments, WIDTH, async (d) => {
        if (opts.signal?.aborted) return;
        const deptId = Number(d.id);
        try {
          let cursor: number | null = 0;
          const cursors = new Set<number>();
          while (cursor !== null && !cursors.has(cursor)) {
            cursors.add(cursor);
            requests++;
            const page = await client.user.listPage(deptId, cursor);
            for (const u of page.users) {
              const entry = members.get(u.userid) ?? { user: u, leaderOf: [] };
              // `leader` in a department's listing: the member leads that department.
              if (u.leader && !entry.leaderOf.includes(d.id)) entry.leaderOf.push(d.id);
              members.set(u.userid, entry);
            }
            cursor = page.nextCursor;
          }
        } catch (err) {
          if (providerCodeOf(err) !== NO_SUCH_DEPARTMENT)
            problems.push(toConnectorError(err) as ConnectorError);
        }
        opts.onProgress?.({ phase: 'members', done: ++done, total: departments.length });
      });
      return {
        departments,
        members: [...members.values()].map((m) => toExtMember(m.user, m.leaderOf)),
        partial: problems.length > 0 || Boolean(opts.signal?.aborted),
        problems,
        requests,
      };
    },

    async member(userId) {
      try {
        return toExtMember(await client.user.get(userId));
      } catch (err) {
        // 60121: unknown or departed. 50002 (outside the contact scope) is not "gone": it throws.
        if (providerCodeOf(err) === NO_SUCH_MEMBER) return null;
        throw toConnectorError(err);
      }
    },

    async department(id) {
      const deptId = Number(id);
      if (!Number.isSafeInteger(deptId)) return null;
      try {
        const d = await client.department.get(deptId);
        return toExtDepartment(d, 0, d.deptId === ROOT_DEPT_ID);
      } catch (err) {
        if (providerCodeOf(err) === NO_SUCH_DEPARTMENT) return null;
        throw toConnectorError(err);
      }
    },

    lookup: {
      byMobile: (mobile) => translated(() => client.user.getUserIdByMobile(mobile)),
      // DingTalk offers no userid-by-e-mail interface; members' e-mails come with user/list.
      byEmail: async () => {
        throw refusal('topapi/v2/user/getbyemail', 'DingTalk has no lookup by e-mail', {
          'zh-CN': {
            title: '钉钉不支持按邮箱查找成员',
            cause: '钉钉开放平台没有按邮箱查询 userid 的接口。',
            fix: '按手机号匹配，或先同步组织架构（同步会读到成员的邮箱）再匹配。',
          },
          en: {
            title: 'DingTalk cannot look members up by e-mail',
            cause: 'The DingTalk open platform has no interface that finds a userid by e-mail.',
            fix: 'Match by mobile, or sync the directory first (the sync reads members’ e-mails) and match then.',
          },
        });
      },
    },
  };
}
