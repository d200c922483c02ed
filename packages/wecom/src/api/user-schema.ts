/**
 * Member shapes (doc /90196 user/get, /90200 simplelist, /90201 list; reference §4.4–4.6) and their
 * lenient decoders. Output is camelCase:
 *   userid→userId, department→departmentIds, order→orders, is_leader_in_dept→isLeaderInDept
 *   (booleans), direct_leader→directLeaders, biz_mail→bizMail, thumb_avatar→thumbAvatar,
 *   main_department→mainDepartment, open_userid→openUserId, english_name→englishName,
 *   qr_code→qrCode, external_position→externalPosition, extattr.attrs→extAttrs,
 *   gender "0"/"1"/"2" → 0|1|2.
 * Sensitive fields (mobile, gender, email, bizMail, avatar, thumbAvatar, qrCode, address) are
 * absent for self-built apps created after 2022-06-20 (reference §4.8); absent stays absent.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  asArray,
  asObject,
  compact,
  intArray,
  optInt,
  optString,
  reqString,
  stringArray,
  type Raw,
} from '../decode';

export const UserBriefSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  departmentIds: Type.Array(Type.Integer()),
  openUserId: Type.Optional(Type.String()),
});
export type UserBrief = Static<typeof UserBriefSchema>;

const ExtAttrSchema = Type.Object({
  /** 0 text, 1 web, 2 miniprogram. */
  type: Type.Integer(),
  name: Type.String(),
  value: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});
export type ExtAttr = Static<typeof ExtAttrSchema>;

/** 0 undefined, 1 male, 2 female. */
export const GenderSchema = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]);

const opt = Type.Optional;
export const UserSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  departmentIds: Type.Array(Type.Integer()),
  /** Per-department order, aligned with departmentIds. */
  orders: Type.Array(Type.Integer()),
  isLeaderInDept: Type.Array(Type.Boolean()),
  mainDepartment: opt(Type.Integer()),
  position: Type.String(),
  /** 1 active (已激活), 2 disabled (已禁用), 4 not yet activated (未激活), 5 left (退出企业). */
  status: Type.Integer(),
  directLeaders: Type.Array(Type.String()),
  telephone: opt(Type.String()),
  alias: opt(Type.String()),
  englishName: opt(Type.String()),
  openUserId: opt(Type.String()),
  externalPosition: opt(Type.String()),
  extAttrs: Type.Array(ExtAttrSchema),
  mobile: opt(Type.String()),
  gender: opt(GenderSchema),
  email: opt(Type.String()),
  bizMail: opt(Type.String()),
  avatar: opt(Type.String()),
  thumbAvatar: opt(Type.String()),
  qrCode: opt(Type.String()),
  address: opt(Type.String()),
});
export type User = Static<typeof UserSchema>;
export type Gender = Static<typeof GenderSchema>;

export function decodeGender(v: unknown): Gender | undefined {
  const n = optInt(v);
  return n === 0 || n === 1 || n === 2 ? n : undefined;
}

function decodeExtAttr(raw: Raw): ExtAttr {
  const text = asObject(raw.text);
  const web = asObject(raw.web);
  const mini = asObject(raw.miniprogram);
  return compact({
    type: optInt(raw.type) ?? 0,
    name: optString(raw.name) ?? '',
    value: optString(text.value),
    url: optString(web.url) ?? optString(mini.pagepath),
    title: optString(web.title) ?? optString(mini.title),
  });
}

export function decodeUserBrief(api: string, raw: Raw): UserBrief {
  return compact({
    userId: reqString(api, raw, 'userid'),
    name: optString(raw.name) ?? '',
    departmentIds: intArray(raw.department),
    openUserId: optString(raw.open_userid) || undefined,
  });
}

export function decodeUser(api: string, raw: Raw): User {
  return compact({
    userId: reqString(api, raw, 'userid'),
    name: optString(raw.name) ?? '',
    departmentIds: intArray(raw.department),
    orders: intArray(raw.order),
    isLeaderInDept: intArray(raw.is_leader_in_dept).map((n) => n === 1),
    mainDepartment: optInt(raw.main_department),
    position: optString(raw.position) ?? '',
    // Absent only in odd answers; a member listed by WeCom without status is treated as active.
    status: optInt(raw.status) ?? 1,
    directLeaders: stringArray(raw.direct_leader),
    telephone: optString(raw.telephone),
    alias: optString(raw.alias),
    englishName: optString(raw.english_name),
    openUserId: optString(raw.open_userid) || undefined,
    externalPosition: optString(raw.external_position),
    extAttrs: asArray(asObject(raw.extattr).attrs).map((a) => decodeExtAttr(asObject(a))),
    mobile: optString(raw.mobile),
    gender: decodeGender(raw.gender),
    email: optString(raw.email),
    bizMail: optString(raw.biz_mail),
    avatar: optString(raw.avatar),
    thumbAvatar: optString(raw.thumb_avatar),
    qrCode: optString(raw.qr_code),
    address: optString(raw.address),
  });
}
