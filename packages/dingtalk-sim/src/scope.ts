/**
 * The app's contact scope (通讯录权限范围). Reading a department outside it answers 50004
 * (请求的部门id不在授权范围内), a member outside it 50002 (请求的员工userid不在授权范围内) — both
 * observed in public DingTalk integrations (README). A department is in scope when it or an
 * ancestor is listed; a member when listed or in a department in scope.
 */
import type { SimCore } from './core';
import { DingTalkApiError } from './errors';
import type { SimUser } from './types';

export function deptInScope(core: SimCore, deptId: number): boolean {
  const scope = core.settings.contactScope;
  if (!scope) return true;
  const org = core.state.org;
  for (let d = org.getDept(deptId); d; d = d.parentId === 0 ? undefined : org.getDept(d.parentId)) {
    if (scope.deptIds.includes(d.deptId)) return true;
  }
  return false;
}

export function userInScope(core: SimCore, u: SimUser): boolean {
  const scope = core.settings.contactScope;
  return !scope || scope.userIds.includes(u.userid) || u.deptIds.some((d) => deptInScope(core, d));
}

export function requireDeptScope(core: SimCore, deptId: number): void {
  if (!deptInScope(core, deptId)) throw new DingTalkApiError(50004);
}

export function requireUserScope(core: SimCore, u: SimUser): void {
  if (!userInScope(core, u)) throw new DingTalkApiError(50002);
}

/** `GET /auth/scopes`: what the app may read (shape UNCONFIRMED, README). */
export function scopesJson(core: SimCore): Record<string, unknown> {
  const scope = core.settings.contactScope;
  return {
    auth_user_field: ['name', 'mobile', 'email', 'title', 'jobnumber', 'avatar', 'dept'],
    auth_org_scopes: scope
      ? { authed_dept: scope.deptIds, authed_user: scope.userIds }
      : { authed_dept: [1], authed_user: [] },
  };
}
