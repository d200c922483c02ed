import type { OrgStore } from './org-store';
import type { TokenOwner } from './tokens';
import type { SimApp, SimUser } from './types';

interface RangeCache {
  version: number;
  range: SimApp['visibleRange'];
  departments: Set<number>;
  users: Set<string>;
}

/**
 * Visible range (可见范围) checks. A self-built app sees the departments of its range with all their
 * descendants, plus members listed individually; the contacts-sync secret sees the whole corp.
 * The expanded sets are cached per app and rebuilt only after the org or the range changed.
 */
export function createAccess(org: OrgStore) {
  const caches = new Map<number, RangeCache>();

  function expanded(app: SimApp): RangeCache | null {
    // The common case — the whole corp is visible — needs no set at all.
    if (app.visibleRange.departments.includes(1)) return null;
    const cached = caches.get(app.agentId);
    if (cached && cached.version === org.version && cached.range === app.visibleRange)
      return cached;
    const departments = new Set<number>();
    for (const id of app.visibleRange.departments)
      for (const d of org.descendants(id)) departments.add(d);
    const users = new Set(app.visibleRange.users.map((u) => u.toLowerCase()));
    const fresh = { version: org.version, range: app.visibleRange, departments, users };
    caches.set(app.agentId, fresh);
    return fresh;
  }

  function canSeeDepartment(app: SimApp | null, id: number): boolean {
    if (!org.getDepartment(id)) return false;
    if (!app) return true;
    const range = expanded(app);
    return range === null || range.departments.has(id);
  }

  function canSeeUser(app: SimApp | null, user: SimUser): boolean {
    if (!app) return true;
    const range = expanded(app);
    if (range === null || range.users.has(user.userid.toLowerCase())) return true;
    return user.department.some((d) => range.departments.has(d));
  }

  /** Departments of a user that the app may see ("department: 只返回该应用有查看权限的部门"). */
  function visibleDepartmentsOf(app: SimApp | null, user: SimUser): number[] {
    if (!app) return user.department;
    const range = expanded(app);
    return range === null
      ? user.department
      : user.department.filter((d) => range.departments.has(d));
  }

  return { canSeeDepartment, canSeeUser, visibleDepartmentsOf };
}

export type Access = ReturnType<typeof createAccess>;

/** The app behind an app token; null for the contacts-sync secret (whole corp). */
export function appOf(apps: Map<number, SimApp>, owner: TokenOwner): SimApp | null {
  return owner.kind === 'app' ? (apps.get(owner.agentId) ?? null) : null;
}
