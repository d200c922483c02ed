import type { Access } from '../access';
import type { OrgStore } from '../org-store';
import type { SimApp, SimDepartment, SimUser } from '../types';

/** Fields new self-built apps no longer receive from user/get and user/list (reference §4.8). */
const SENSITIVE = [
  'avatar',
  'thumb_avatar',
  'gender',
  'mobile',
  'email',
  'biz_mail',
  'qr_code',
  'address',
];

/**
 * A member as user/get and user/list return it, including legacy keys real responses still carry
 * (`isleader`, `enable`, `hide_mobile`, `english_name`, empty `extattr`).
 */
export function userJson(
  user: SimUser,
  app: SimApp | null,
  access: Access,
): Record<string, unknown> {
  const visible = access.visibleDepartmentsOf(app, user);
  const index = visible.map((d) => user.department.indexOf(d));
  const json: Record<string, unknown> = {
    userid: user.userid,
    name: user.name,
    department: visible,
    position: user.position,
    mobile: user.mobile,
    gender: user.gender,
    email: user.email,
    biz_mail: user.bizMail,
    avatar: user.avatar,
    status: user.status,
    isleader: user.isLeaderInDept.includes(1) ? 1 : 0,
    extattr: { attrs: [] },
    english_name: '',
    telephone: user.telephone,
    enable: user.status === 2 ? 0 : 1,
    hide_mobile: 0,
    order: index.map((i) => user.order[i] ?? 0),
    main_department: user.mainDepartment,
    qr_code: `https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc${Buffer.from(user.userid).toString('hex').slice(0, 16)}`,
    alias: user.alias,
    is_leader_in_dept: index.map((i) => user.isLeaderInDept[i] ?? 0),
    thumb_avatar: user.avatar.replace(/\/0$/, '/100'),
    direct_leader: user.directLeader,
    address: user.address,
    external_position: '',
    external_profile: { external_corp_name: '', external_attr: [] },
  };
  if (app?.createdAfter20220620) for (const key of SENSITIVE) delete json[key];
  return json;
}

export function departmentJson(
  dept: SimDepartment,
  org: OrgStore,
  app: SimApp | null,
  access: Access,
): Record<string, unknown> {
  const leaders = org.leadersOf(dept.id).filter((id) => {
    const user = org.getUser(id);
    return user !== undefined && access.canSeeUser(app, user);
  });
  return {
    id: dept.id,
    name: dept.name,
    // name_en is absent unless the corp enabled multi-language names.
    ...(dept.nameEn !== undefined ? { name_en: dept.nameEn } : {}),
    department_leader: leaders,
    parentid: dept.parentid,
    order: dept.order,
  };
}
