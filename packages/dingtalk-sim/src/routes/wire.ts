import type { SimCore } from '../core';
import type { SimDepartment, SimUser } from '../types';

/** A member as topapi/v2/user/get and user/list return it. */
export function userJson(core: SimCore, u: SimUser, deptId?: number): Record<string, unknown> {
  const json: Record<string, unknown> = {
    userid: u.userid,
    unionid: u.unionid,
    name: u.name,
    avatar: u.avatar,
    state_code: '86',
    mobile: u.mobile,
    hide_mobile: false,
    telephone: '',
    job_number: u.jobNumber,
    title: u.title,
    email: u.email,
    org_email: u.orgEmail,
    work_place: '',
    remark: '',
    dept_id_list: u.deptIds,
    dept_order: 0,
    extension: '',
    hired_date: u.hiredDate,
    active: u.active,
    admin: u.admin,
    boss: u.boss,
    exclusive_account: false,
    leader: deptId === undefined ? u.leaderIn.length > 0 : u.leaderIn.includes(deptId),
  };
  // Without 成员手机号 permission DingTalk leaves mobile out.
  if (!core.settings.mobilePermission) {
    delete json.mobile;
    delete json.state_code;
  }
  return json;
}

export const deptBaseJson = (d: SimDepartment) => ({
  dept_id: d.deptId,
  name: d.name,
  parent_id: d.parentId,
  create_dept_group: false,
  auto_add_user: false,
});

export const deptDetailJson = (d: SimDepartment) => ({
  ...deptBaseJson(d),
  ...(d.deptId === 1 ? { parent_id: undefined } : {}),
  order: d.order,
  dept_manager_userid_list: d.managerUserIds,
  hide_dept: false,
  outer_dept: false,
  group_contain_sub_dept: false,
  brief: '',
  source_identifier: '',
});
