import type { OrgChange } from './org-store';
import type { SimUser } from './types';

const cdata = (value: string): string =>
  `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const el = (name: string, value: string | number, raw = false): string =>
  `<${name}>${raw || typeof value === 'number' ? value : cdata(value)}</${name}>`;

/** change_contact member fields, in the order WeCom sends them; list values are comma-separated. */
const USER_FIELDS: [keyof SimUser, string, (u: SimUser) => string | number][] = [
  ['name', 'Name', (u) => u.name],
  ['department', 'Department', (u) => u.department.join(',')],
  ['mainDepartment', 'MainDepartment', (u) => u.mainDepartment],
  ['isLeaderInDept', 'IsLeaderInDept', (u) => u.isLeaderInDept.join(',')],
  ['directLeader', 'DirectLeader', (u) => u.directLeader.join(',')],
  ['position', 'Position', (u) => u.position],
  ['mobile', 'Mobile', (u) => u.mobile],
  ['gender', 'Gender', (u) => Number(u.gender)],
  ['email', 'Email', (u) => u.email],
  ['bizMail', 'BizMail', (u) => u.bizMail],
  ['status', 'Status', (u) => u.status],
  ['avatar', 'Avatar', (u) => u.avatar],
  ['alias', 'Alias', (u) => u.alias],
  ['telephone', 'Telephone', (u) => u.telephone],
  ['address', 'Address', (u) => u.address],
];

function userFields(user: SimUser, only?: Set<keyof SimUser>): string {
  return USER_FIELDS.filter(([k]) => !only || only.has(k))
    .map(([, tag, get]) => el(tag, get(user)))
    .join('');
}

/**
 * The decrypted change_contact XML for one org change (doc /90970–/90972), or null when the
 * reduced post-2022-08-15 configuration does not fire for it (update_party without a parent change).
 * Reduced payloads carry only UserID/Department for members and Id/ParentId for departments.
 */
export function changeContactXml(
  change: OrgChange,
  corpId: string,
  createTime: number,
  reduced: boolean,
): string | null {
  const head =
    el('ToUserName', corpId) +
    el('FromUserName', 'sys') +
    el('CreateTime', createTime) +
    el('MsgType', 'event') +
    el('Event', 'change_contact') +
    el('ChangeType', change.type, true);
  const body = changeBody(change, reduced);
  return body === null ? null : `<xml>${head}${body}</xml>`;
}

function changeBody(change: OrgChange, reduced: boolean): string | null {
  switch (change.type) {
    case 'create_user':
      return (
        el('UserID', change.user.userid) +
        (reduced ? el('Department', change.user.department.join(',')) : userFields(change.user))
      );
    case 'update_user': {
      const renamed = change.newUserid ? el('NewUserID', change.newUserid) : '';
      const only = new Set(change.changed);
      // Moving a member also changes its leader flags and main department on WeCom's side.
      if (only.has('department'))
        ['isLeaderInDept', 'mainDepartment'].forEach((k) => only.add(k as keyof SimUser));
      const fields = reduced
        ? el('Department', change.user.department.join(','))
        : userFields(change.user, only);
      return el('UserID', change.userid) + renamed + fields;
    }
    case 'delete_user':
      return el('UserID', change.userid);
    case 'create_party': {
      const d = change.department;
      return (
        el('Id', d.id) +
        (reduced ? '' : el('Name', d.name)) +
        el('ParentId', String(d.parentid)) +
        (reduced ? '' : el('Order', d.order))
      );
    }
    case 'update_party': {
      const d = change.department;
      if (reduced && !change.parentChanged) return null;
      const name = !reduced && change.nameChanged ? el('Name', d.name) : '';
      const parent = change.parentChanged ? el('ParentId', String(d.parentid)) : '';
      return el('Id', d.id) + name + parent;
    }
    case 'delete_party':
      return el('Id', change.id);
  }
}
