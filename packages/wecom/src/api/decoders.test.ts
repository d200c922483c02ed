import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { WeComError } from '../errors';
import { decodeDepartment, DepartmentSchema } from './department';
import { decodeUser, decodeUserBrief, UserBriefSchema, UserSchema } from './user-schema';

// A real legacy user/get answer (reference §4.6): legacy keys, gender as a string, empty extattr.
const LEGACY_USER = {
  errcode: 0,
  errmsg: 'ok',
  userid: 'wangwei',
  name: '王威',
  department: [28],
  position: '',
  mobile: '15600000000',
  gender: '1',
  email: '',
  avatar: 'https://wework.qpic.cn/bizmail/x/0',
  status: 1,
  isleader: 0,
  extattr: { attrs: [] },
  english_name: '',
  telephone: '',
  enable: 1,
  hide_mobile: 0,
  order: [0],
  main_department: 28,
  qr_code: 'https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=x',
  alias: '',
  is_leader_in_dept: [0],
  thumb_avatar: 'https://wework.qpic.cn/bizmail/x/100',
  direct_leader: [],
  biz_mail: 'wangwei@jk111.wecom.work',
};

describe('decodeUser', () => {
  it('maps a legacy answer to the strict camelCase shape', () => {
    const u = decodeUser('user/get', LEGACY_USER);
    expect(Value.Check(UserSchema, u)).toBe(true);
    expect(u).toMatchObject({
      userId: 'wangwei',
      departmentIds: [28],
      orders: [0],
      isLeaderInDept: [false],
      mainDepartment: 28,
      gender: 1,
      bizMail: 'wangwei@jk111.wecom.work',
      status: 1,
      extAttrs: [],
    });
    expect(u).not.toHaveProperty('isleader');
  });

  it('leaves sensitive fields absent for post-2022-06-20 apps, and still type-checks', () => {
    const u = decodeUser('user/list', {
      userid: 'a',
      name: 'A',
      department: ['1', 2],
      status: '5',
    });
    expect(Value.Check(UserSchema, u)).toBe(true);
    expect(u.departmentIds).toEqual([1, 2]);
    expect(u.status).toBe(5);
    for (const k of ['mobile', 'gender', 'email', 'avatar', 'qrCode', 'address']) {
      expect(u).not.toHaveProperty(k);
    }
  });

  it('decodes extattr items of every type and ignores unknown genders', () => {
    const u = decodeUser('user/get', {
      userid: 'a',
      gender: '9',
      extattr: {
        attrs: [
          { type: 0, name: '文本', text: { value: 'v' } },
          { type: 1, name: 'web', web: { url: 'http://x', title: 't' } },
        ],
      },
    });
    expect(u.gender).toBeUndefined();
    expect(u.extAttrs).toEqual([
      { type: 0, name: '文本', value: 'v' },
      { type: 1, name: 'web', url: 'http://x', title: 't' },
    ]);
  });

  it('refuses a member without userid instead of dropping it silently', () => {
    expect(() => decodeUser('user/list', { name: 'x' })).toThrow(WeComError);
  });

  it('decodes simplelist entries', () => {
    const b = decodeUserBrief('user/simplelist', {
      userid: 'z',
      name: '张三',
      department: [1, 2],
      extra: 1,
    });
    expect(Value.Check(UserBriefSchema, b)).toBe(true);
    expect(b).toEqual({ userId: 'z', name: '张三', departmentIds: [1, 2] });
  });
});

describe('decodeDepartment', () => {
  it('handles root parentid 0, absent name_en and missing leaders', () => {
    const d = decodeDepartment('department/list', {
      id: 1,
      name: '总部',
      parentid: 0,
      order: 100000000,
    });
    expect(Value.Check(DepartmentSchema, d)).toBe(true);
    expect(d).toEqual({ id: 1, name: '总部', parentId: 0, order: 100000000, leaders: [] });
  });

  it('keeps ids above 2^31 (unsigned range seen in the wild)', () => {
    const d = decodeDepartment('department/get', {
      id: 4294967000,
      name: 'x',
      parentid: 1,
      name_en: 'X',
    });
    expect(d).toMatchObject({ id: 4294967000, nameEn: 'X' });
  });
});
