/** oapi.dingtalk.com: gettoken and the topapi endpoints OrgBridge uses. */
import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import { DingTalkApiError } from '../errors';
import { requireDeptScope, requireUserScope, scopesJson } from '../scope';
import { registerApi } from './dispatch';
import { deptBaseJson, deptDetailJson, userJson } from './wire';

const MAX_SIZE = 100;

function deptId(core: SimCore, raw: unknown) {
  const id = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(id))
    throw new DingTalkApiError(400002, '缺少参数 dept_id');
  const d = core.state.org.getDept(id);
  if (!d) throw new DingTalkApiError(60003);
  requireDeptScope(core, d.deptId);
  return d;
}

function registerDirectory(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/department/listsub',
    handler: ({ body }) => ({
      result: core.state.org.children(deptId(core, body.dept_id).deptId).map(deptBaseJson),
    }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/department/listsubid',
    handler: ({ body }) => ({
      result: {
        dept_id_list: core.state.org
          .children(deptId(core, body.dept_id).deptId)
          .map((d) => d.deptId),
      },
    }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/department/get',
    handler: ({ body }) => ({ result: deptDetailJson(deptId(core, body.dept_id)) }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/user/list',
    handler: ({ body }) => {
      const dept = deptId(core, body.dept_id);
      const cursor = Number(body.cursor ?? 0);
      const size = Number(body.size);
      if (!Number.isInteger(cursor) || cursor < 0)
        throw new DingTalkApiError(400002, '不合法的参数: cursor');
      if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE)
        throw new DingTalkApiError(400002, `不合法的参数: size 取值 1-${MAX_SIZE}`);
      const all = core.state.org.membersOf(dept.deptId);
      const page = all.slice(cursor, cursor + size);
      const more = cursor + size < all.length;
      return {
        result: {
          has_more: more,
          ...(more ? { next_cursor: cursor + size } : {}),
          list: page.map((u) => userJson(core, u, dept.deptId)),
        },
      };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/user/get',
    handler: ({ body }) => {
      const u = typeof body.userid === 'string' ? core.state.org.getUser(body.userid) : undefined;
      if (!u) throw new DingTalkApiError(60121);
      requireUserScope(core, u);
      const json = userJson(core, u);
      json.leader_in_dept = u.deptIds.map((d) => ({ dept_id: d, leader: u.leaderIn.includes(d) }));
      return { result: json };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/user/getbymobile',
    handler: ({ body }) => {
      const mobile = typeof body.mobile === 'string' ? body.mobile.replace(/^\+?86-?/, '') : '';
      if (!mobile) throw new DingTalkApiError(400002, '无效的参数: mobile');
      const u = core.state.org.users().find((x) => x.mobile === mobile);
      // UNCONFIRMED: the errcode for an unknown mobile (README).
      if (!u) throw new DingTalkApiError(60121);
      return { result: { userid: u.userid, exclusive_account_userid_list: [] } };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/user/getbyunionid',
    handler: ({ body }) => {
      const u =
        typeof body.unionid === 'string' ? core.state.org.findByUnionId(body.unionid) : undefined;
      if (!u) throw new DingTalkApiError(60121);
      return { result: { contact_type: 0, userid: u.userid } };
    },
  });
}

function registerAuth(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, { method: 'GET', api: 'auth/scopes', handler: () => scopesJson(core) });
  registerApi(app, core, {
    method: 'GET',
    api: 'gettoken',
    auth: 'none',
    handler: ({ query }) => {
      const { appKey, appSecret } = core.credentials;
      if (query.appkey !== appKey || query.appsecret !== appSecret)
        throw new DingTalkApiError(40089);
      const t = core.tokens.issueApp();
      return { access_token: t.token, expires_in: t.expiresIn };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'topapi/v2/user/getuserinfo',
    handler: ({ body }) => {
      const userid = core.codes.consume(body.code, 'inapp');
      const u = userid === undefined ? undefined : core.state.org.getUser(userid);
      if (!u) throw new DingTalkApiError(40078);
      return {
        result: {
          userid: u.userid,
          unionid: u.unionid,
          name: u.name,
          device_id: '',
          sys: u.admin,
          sys_level: u.boss ? 100 : u.admin ? 1 : 0,
          associated_unionid: '',
        },
      };
    },
  });
}

function registerMessages(app: FastifyInstance, core: SimCore): void {
  const base = 'topapi/message/corpconversation/';
  registerApi(app, core, {
    method: 'POST',
    api: `${base}asyncsend_v2`,
    handler: ({ body }) => ({ task_id: core.messaging.send(body) }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: `${base}getsendprogress`,
    handler: ({ body }) => ({ progress: core.messaging.progress(body) }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: `${base}getsendresult`,
    handler: ({ body }) => ({ send_result: core.messaging.result(body) }),
  });
  registerApi(app, core, {
    method: 'POST',
    api: `${base}recall`,
    handler: ({ body }) => {
      core.messaging.recall(body);
      return {};
    },
  });
}

export function registerOapiRoutes(app: FastifyInstance, core: SimCore): void {
  registerAuth(app, core);
  registerDirectory(app, core);
  registerMessages(app, core);
}
