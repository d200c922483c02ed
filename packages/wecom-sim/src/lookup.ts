import type { Access } from './access';
import type { Clock } from './clock';
import { WeComApiError } from './errors';
import type { OrgStore } from './org-store';
import type { SimApp, SimUser } from './types';

/** "指定的用户不存在": no member (visible to the caller) has this mobile / e-mail. */
export const NO_SUCH_MEMBER = 46004;

const DAY_MS = 24 * 3600 * 1000;

/**
 * user/getuserid and user/get_userid_by_email (doc /95402, /95895; reference §13). Answers from the
 * members the caller may see; 46004 otherwise, without telling "unknown" from "not visible".
 * "若出错的次数超出企业人数上限的20%，会导致1天不可调用": the errors of each API are counted per
 * (simulated) natural day; once they exceed the budget the API answers 45009 until the day ends.
 */
export function createLookup(getOrg: () => OrgStore, getAccess: () => Access, clock: Clock) {
  const settings = { budget: null as number | null, seatLimit: null as number | null };
  const errors = new Map<string, { day: number; count: number }>();
  let index: { version: number; org: OrgStore; keys: Map<string, SimUser> } | null = null;

  const day = () => Math.floor(clock.now() / DAY_MS);
  const seats = () => settings.seatLimit ?? getOrg().userCount();
  const budget = () => settings.budget ?? Math.floor(seats() * 0.2);

  function keys(): Map<string, SimUser> {
    const org = getOrg();
    if (index?.org === org && index.version === org.version) return index.keys;
    const map = new Map<string, SimUser>();
    for (const u of org.allUsers()) {
      if (u.mobile) map.set(`m:${u.mobile.trim()}`, u);
      if (u.email) map.set(`2:${u.email.trim().toLowerCase()}`, u);
      if (u.bizMail) map.set(`1:${u.bizMail.trim().toLowerCase()}`, u);
    }
    index = { version: org.version, org, keys: map };
    return map;
  }

  function errorsOf(api: string): { day: number; count: number } {
    const today = day();
    let e = errors.get(api);
    if (!e || e.day !== today) {
      e = { day: today, count: 0 };
      errors.set(api, e);
    }
    return e;
  }

  function answer(api: string, app: SimApp | null, key: string): Record<string, unknown> {
    const e = errorsOf(api);
    if (e.count > budget()) throw new WeComApiError(45009);
    const user = keys().get(key);
    if (!user || !getAccess().canSeeUser(app, user)) {
      e.count++;
      throw new WeComApiError(NO_SUCH_MEMBER);
    }
    return { userid: user.userid };
  }

  return {
    settings,
    byMobile(app: SimApp | null, body: Record<string, unknown>): Record<string, unknown> {
      const mobile = typeof body.mobile === 'string' ? body.mobile.trim() : '';
      if (!mobile) throw new WeComApiError(40063);
      return answer('user/getuserid', app, `m:${mobile}`);
    },
    byEmail(app: SimApp | null, body: Record<string, unknown>): Record<string, unknown> {
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
      if (!email) throw new WeComApiError(40063);
      const type = body.email_type === undefined ? 1 : Number(body.email_type);
      if (type !== 1 && type !== 2) throw new WeComApiError(40058, 'invalid email_type');
      return answer('user/get_userid_by_email', app, `${type}:${email}`);
    },
    /** Errors counted today (both APIs together). */
    errorsToday: (): number =>
      [...errors.keys()].reduce((sum, api) => sum + errorsOf(api).count, 0),
    budget,
    reset(): void {
      errors.clear();
      settings.budget = null;
      settings.seatLimit = null;
    },
  };
}

export type Lookup = ReturnType<typeof createLookup>;
