import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import { WeComApiError } from '../errors';
import type { SimDepartment } from '../types';
import { registerApi, type ApiContext } from './api';
import { departmentJson, userJson } from './wire';

/** The 2022-08-15 rule: the sync secret from a new IP may not read details (48009). */
function refuseNewIpContactAssistant(core: SimCore, ctx: ApiContext): void {
  if (ctx.owner.kind === 'contact' && core.settings.contactSyncNewIp)
    throw new WeComApiError(48009);
}

function departmentParam(
  core: SimCore,
  ctx: ApiContext,
  name: string,
  required: boolean,
): SimDepartment | null {
  const raw = ctx.query[name];
  if (raw === undefined || raw === '') {
    if (required) throw new WeComApiError(name === 'id' ? 40063 : 41019);
    return null;
  }
  const id = Number(raw);
  const dept = Number.isInteger(id) ? core.state.org.getDepartment(id) : undefined;
  if (!dept) throw new WeComApiError(60003);
  if (!core.access.canSeeDepartment(ctx.app, dept.id)) throw new WeComApiError(60011);
  return dept;
}

/** Departments in scope: the subtree of `id`, or everything the caller may see. */
function departmentsInScope(core: SimCore, ctx: ApiContext): SimDepartment[] {
  const root = departmentParam(core, ctx, 'id', false);
  const org = core.state.org;
  const ids = root ? org.descendants(root.id) : [...org.allDepartments()].map((d) => d.id);
  return ids
    .filter((id) => core.access.canSeeDepartment(ctx.app, id))
    .map((id) => org.getDepartment(id) as SimDepartment);
}

export function registerContactRoutes(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'GET',
    api: 'department/list',
    handler: (ctx) => {
      refuseNewIpContactAssistant(core, ctx);
      const department = departmentsInScope(core, ctx).map((d) =>
        departmentJson(d, core.state.org, ctx.app, core.access),
      );
      return { department };
    },
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'department/simplelist',
    handler: (ctx) => ({
      department_id: departmentsInScope(core, ctx).map((d) => ({
        id: d.id,
        parentid: d.parentid,
        order: d.order,
      })),
    }),
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'department/get',
    handler: (ctx) => {
      refuseNewIpContactAssistant(core, ctx);
      const dept = departmentParam(core, ctx, 'id', true) as SimDepartment;
      return { department: departmentJson(dept, core.state.org, ctx.app, core.access) };
    },
  });
  registerUserRoutes(app, core);
}

function registerUserRoutes(app: FastifyInstance, core: SimCore): void {
  // Direct members only: WeCom no longer documents fetch_child, so it is accepted and ignored.
  registerApi(app, core, {
    method: 'GET',
    api: 'user/simplelist',
    handler: (ctx) => {
      const dept = departmentParam(core, ctx, 'department_id', true) as SimDepartment;
      const userlist = core.state.org.membersOf(dept.id).map((u) => ({
        userid: u.userid,
        name: u.name,
        department: core.access.visibleDepartmentsOf(ctx.app, u),
      }));
      return { userlist };
    },
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'user/list',
    handler: (ctx) => {
      refuseNewIpContactAssistant(core, ctx);
      const dept = departmentParam(core, ctx, 'department_id', true) as SimDepartment;
      return {
        userlist: core.state.org.membersOf(dept.id).map((u) => userJson(u, ctx.app, core.access)),
      };
    },
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'user/get',
    handler: (ctx) => {
      refuseNewIpContactAssistant(core, ctx);
      const userid = ctx.query.userid;
      if (!userid) throw new WeComApiError(41009);
      const user = core.state.org.getUser(userid);
      if (!user) {
        throw new WeComApiError(60111, undefined, {
          department: [],
          order: [],
          is_leader_in_dept: [],
        });
      }
      if (!core.access.canSeeUser(ctx.app, user)) throw new WeComApiError(60011);
      return userJson(user, ctx.app, core.access);
    },
  });
  registerListId(app, core);
  // Lookups (doc /95402, /95895): app secrets within their visible range, the sync secret for all.
  registerApi(app, core, {
    method: 'POST',
    api: 'user/getuserid',
    handler: (ctx) => core.lookup.byMobile(ctx.app, ctx.body),
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'user/get_userid_by_email',
    handler: (ctx) => core.lookup.byEmail(ctx.app, ctx.body),
  });
}

/** user/list_id (doc /96067): only the contacts-sync secret; one row per (member, department). */
function registerListId(app: FastifyInstance, core: SimCore): void {
  let snapshot: { version: number; rows: { userid: string; department: number }[] } | null = null;
  const rows = () => {
    const org = core.state.org;
    if (snapshot?.version !== org.version) {
      const list: { userid: string; department: number }[] = [];
      for (const u of org.allUsers())
        for (const d of u.department) list.push({ userid: u.userid, department: d });
      snapshot = { version: org.version, rows: list };
    }
    return snapshot.rows;
  };
  registerApi(app, core, {
    method: 'POST',
    api: 'user/list_id',
    handler: (ctx) => {
      if (ctx.owner.kind === 'app') throw new WeComApiError(48002);
      const limit = ctx.body.limit === undefined ? 10_000 : Number(ctx.body.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new WeComApiError(40058, 'invalid limit');
      const offset = decodeCursor(ctx.body.cursor);
      const all = rows();
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? encodeCursor(offset + limit) : '';
      return { next_cursor: next, dept_user: page };
    },
  });
}

function encodeCursor(offset: number): string {
  return Buffer.from(`sim:${offset}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === '') return 0;
  const match =
    typeof cursor === 'string'
      ? /^sim:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
      : null;
  if (!match) throw new WeComApiError(50100);
  return Number(match[1]);
}
