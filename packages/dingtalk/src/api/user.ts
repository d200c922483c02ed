/**
 * Member reads (通讯录 v2). `topapi/v2/user/list` pages by cursor, at most 100 a page
 * (`size` 1–100, `cursor` starts at 0): follow `has_more` / `next_cursor` to the end — peers that
 * read only the first page lose everyone after the hundredth member of a department.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  asArray,
  asObject,
  compact,
  intArray,
  optBool,
  optInt,
  optString,
  reqString,
} from '../decode';
import { DingTalkError } from '../errors';
import type { Requester } from '../request';

/** DingTalk's general "not found" (找不到该用户). */
const NOT_FOUND = 60121;

export const MAX_PAGE_SIZE = 100;

export const UserSchema = Type.Object({
  userid: Type.String(),
  name: Type.String(),
  unionid: Type.Optional(Type.String()),
  deptIds: Type.Array(Type.Integer()),
  /** Only returned to apps granted 成员手机号 permission. */
  mobile: Type.Optional(Type.String()),
  stateCode: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  orgEmail: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  jobNumber: Type.Optional(Type.String()),
  avatar: Type.Optional(Type.String()),
  /** false = invited but has not activated DingTalk (未激活). */
  active: Type.Optional(Type.Boolean()),
  admin: Type.Optional(Type.Boolean()),
  boss: Type.Optional(Type.Boolean()),
  leader: Type.Optional(Type.Boolean()),
  /** Departments this member leads (user/get's leader_in_dept). */
  leaderInDepts: Type.Optional(Type.Array(Type.Integer())),
  hiredDate: Type.Optional(Type.Integer()),
});
export type User = Static<typeof UserSchema>;

export function decodeUser(api: string, raw: Record<string, unknown>): User {
  const leaderIn = asArray(raw.leader_in_dept)
    .map(asObject)
    .filter((x) => optBool(x.leader) === true)
    .map((x) => optInt(x.dept_id))
    .filter((n): n is number => n !== undefined);
  const empty = (s: string | undefined) => (s === '' ? undefined : s);
  return compact({
    userid: reqString(api, raw, 'userid'),
    name: reqString(api, raw, 'name'),
    unionid: empty(optString(raw.unionid)),
    deptIds: intArray(raw.dept_id_list),
    mobile: empty(optString(raw.mobile)),
    stateCode: empty(optString(raw.state_code)),
    email: empty(optString(raw.email)),
    orgEmail: empty(optString(raw.org_email)),
    title: empty(optString(raw.title)),
    jobNumber: empty(optString(raw.job_number)),
    avatar: empty(optString(raw.avatar)),
    active: optBool(raw.active),
    admin: optBool(raw.admin),
    boss: optBool(raw.boss),
    leader: optBool(raw.leader),
    leaderInDepts: raw.leader_in_dept === undefined ? undefined : leaderIn,
    hiredDate: optInt(raw.hired_date),
  });
}

export interface UserPage {
  users: User[];
  /** null when this was the last page. */
  nextCursor: number | null;
}

export interface CodeIdentity {
  userid: string;
  unionid?: string;
  name?: string;
  /** 1 主管理员, 2 子管理员, 100 老板, 0 others. */
  sysLevel?: number;
}

export function createUserApi(r: Requester) {
  const post = (api: string, body: Record<string, unknown>, idempotent = true) =>
    r.call({ host: 'oapi', api, method: 'POST', body, auth: 'app', idempotent });

  async function listPage(deptId: number, cursor = 0, size = MAX_PAGE_SIZE): Promise<UserPage> {
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new RangeError(`size must be 1–${MAX_PAGE_SIZE}, got ${size}`);
    }
    const api = 'topapi/v2/user/list';
    const body = await post(api, { dept_id: deptId, cursor, size, contain_access_limit: false });
    const result = asObject(body.result);
    const users = asArray(result.list).map((u) => decodeUser(api, asObject(u)));
    const next = optInt(result.next_cursor);
    const more = optBool(result.has_more) === true && next !== undefined;
    return { users, nextCursor: more ? next : null };
  }

  return {
    /** One page of the direct members of `deptId`. */
    listPage,
    /** Every direct member of `deptId`, page after page until `has_more` is false. */
    async *list(deptId: number, size = MAX_PAGE_SIZE): AsyncGenerator<User> {
      let cursor: number | null = 0;
      const seen = new Set<number>();
      while (cursor !== null) {
        // A cursor that repeats would loop forever; DingTalk never sends one, a broken proxy might.
        if (seen.has(cursor)) break;
        seen.add(cursor);
        const page: UserPage = await listPage(deptId, cursor, size);
        yield* page.users;
        cursor = page.nextCursor;
      }
    },
    /** One member with details (`topapi/v2/user/get`); 60121 when unknown or gone. */
    async get(userid: string): Promise<User> {
      const api = 'topapi/v2/user/get';
      const body = await post(api, { userid, language: 'zh_CN' });
      return decodeUser(api, asObject(body.result));
    },
    /**
     * In-app 免登: the code from `dd.requestAuthCode` (5 minutes, single use) → the member
     * (`topapi/v2/user/getuserinfo`). Not idempotent: a code works once.
     */
    async getUserInfoByCode(code: string): Promise<CodeIdentity> {
      const api = 'topapi/v2/user/getuserinfo';
      const body = await post(api, { code }, false);
      const result = asObject(body.result);
      return compact({
        userid: reqString(api, result, 'userid'),
        unionid: optString(result.unionid),
        name: optString(result.name),
        sysLevel: optInt(result.sys_level),
      });
    },
    /**
     * Mobile → userid (`topapi/v2/user/getbymobile`), for matching existing accounts; null when no
     * member has it (60121, UNCONFIRMED in README).
     */
    async getUserIdByMobile(mobile: string): Promise<string | null> {
      const api = 'topapi/v2/user/getbymobile';
      try {
        const body = await post(api, { mobile });
        return reqString(api, asObject(body.result), 'userid');
      } catch (err) {
        if (err instanceof DingTalkError && err.effectiveErrcode === NOT_FOUND) return null;
        throw err;
      }
    },
    /** unionId (from QR login) → userid in this corp (`topapi/user/getbyunionid`). */
    async getUserIdByUnionId(unionid: string): Promise<string> {
      const api = 'topapi/user/getbyunionid';
      const body = await post(api, { unionid });
      return reqString(api, asObject(body.result), 'userid');
    },
  };
}
