/**
 * Member reads (reference §4.4–4.7). simplelist/list return direct members of one department only;
 * list_id pages over the whole corp but needs the contacts-sync secret (通讯录同步; app secrets get
 * 48002).
 */
import { Type, type Static } from '@sinclair/typebox';
import { asArray, asObject, missing, optInt, optString, reqString } from '../decode';
import type { Requester } from '../request';
import { decodeUser, decodeUserBrief, type User, type UserBrief } from './user-schema';

export const UserDepartmentRowSchema = Type.Object({
  userId: Type.String(),
  departmentId: Type.Integer(),
});
/** One row per (member, department) pair, as list_id returns them. */
export type UserDepartmentRow = Static<typeof UserDepartmentRowSchema>;

/** WeCom's answer when no member (visible to the caller) has that mobile / e-mail (doc /95402). */
export const NO_SUCH_MEMBER_ERRCODES: ReadonlySet<number> = new Set([46004, 60111]);

/** `get_userid_by_email` email_type: 1 corp mailbox (企业邮箱), 2 personal e-mail (个人邮箱). */
export type EmailType = 1 | 2;

export interface UserIdPage {
  rows: UserDepartmentRow[];
  /** null when this was the last page (next_cursor empty or absent). */
  nextCursor: string | null;
}

export function createUserApi(r: Requester) {
  async function listId(cursor?: string, limit = 10_000): Promise<UserIdPage> {
    const api = 'user/list_id';
    const body = await r.call({
      api,
      method: 'POST',
      body: cursor ? { cursor, limit } : { limit },
      auth: true,
      idempotent: true,
    });
    const rows = asArray(body.dept_user).map((x) => {
      const raw = asObject(x);
      return { userId: reqString(api, raw, 'userid'), departmentId: optInt(raw.department) ?? 0 };
    });
    return { rows, nextCursor: optString(body.next_cursor) || null };
  }

  return {
    /** Direct members of `deptId`: userid, name and departments. */
    async simplelist(deptId: number): Promise<UserBrief[]> {
      const api = 'user/simplelist';
      const query = { department_id: deptId };
      const body = await r.call({ api, method: 'GET', query, auth: true, idempotent: true });
      return asArray(body.userlist).map((u) => decodeUserBrief(api, asObject(u)));
    },
    /** Direct members of `deptId` with details. */
    async list(deptId: number): Promise<User[]> {
      const api = 'user/list';
      const query = { department_id: deptId };
      const body = await r.call({ api, method: 'GET', query, auth: true, idempotent: true });
      return asArray(body.userlist).map((u) => decodeUser(api, asObject(u)));
    },
    async get(userid: string): Promise<User> {
      const api = 'user/get';
      const body = await r.call({
        api,
        method: 'GET',
        query: { userid },
        auth: true,
        idempotent: true,
      });
      return decodeUser(api, body);
    },
    /**
     * `user/getuserid` (doc /95402): the userid of the member with this mobile. WeCom answers
     * 46004 when none (visible to the app) has it; such errors count against a budget of 20 % of
     * the corp's seats a day, past which the API is blocked for the day (reference §13).
     */
    async getUserIdByMobile(mobile: string): Promise<string> {
      const api = 'user/getuserid';
      const body = await r.call({
        api,
        method: 'POST',
        body: { mobile },
        auth: true,
        idempotent: true,
      });
      return reqString(api, body, 'userid');
    },
    /** `user/get_userid_by_email` (doc /95895); same error budget as getUserIdByMobile. */
    async getUserIdByEmail(email: string, emailType: EmailType = 2): Promise<string> {
      const api = 'user/get_userid_by_email';
      const body = await r.call({
        api,
        method: 'POST',
        body: { email, email_type: emailType },
        auth: true,
        idempotent: true,
      });
      return reqString(api, body, 'userid');
    },
    /** One page of (userid, department) rows; `limit` 1–10000. */
    listId,
    /** Every (userid, department) row of the corp, following next_cursor until it is empty. */
    async *listAllIds(limit = 10_000): AsyncIterable<UserDepartmentRow> {
      const api = 'user/list_id';
      let cursor: string | undefined;
      do {
        const page = await listId(cursor, limit);
        yield* page.rows;
        // A cursor that does not advance would page forever.
        if (page.nextCursor !== null && page.nextCursor === cursor)
          throw missing(api, 'new next_cursor');
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}
