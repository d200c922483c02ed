/**
 * Departments (doc /90208 list, /95350 simplelist, /95351 get; reference §4.1–4.3). Self-built
 * apps only see departments inside their visible range (可见范围).
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  asArray,
  asObject,
  compact,
  optInt,
  optString,
  reqInt,
  stringArray,
  type Raw,
} from '../decode';
import type { Requester } from '../request';

export const DepartmentSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** Only present when the corp enabled multi-language names. */
  nameEn: Type.Optional(Type.String()),
  /** 0 for the root department (id 1). */
  parentId: Type.Integer(),
  /** Larger sorts first; WeCom assigns values like 100000000. */
  order: Type.Integer(),
  /** department_leader: userids, only those inside the visible range. */
  leaders: Type.Array(Type.String()),
});
export type Department = Static<typeof DepartmentSchema>;

export const DepartmentRefSchema = Type.Object({
  id: Type.Integer(),
  parentId: Type.Integer(),
  order: Type.Integer(),
});
export type DepartmentRef = Static<typeof DepartmentRefSchema>;

export function decodeDepartment(api: string, raw: Raw): Department {
  return compact({
    id: reqInt(api, raw, 'id'),
    name: optString(raw.name) ?? '',
    nameEn: optString(raw.name_en) || undefined,
    parentId: optInt(raw.parentid) ?? 0,
    order: optInt(raw.order) ?? 0,
    leaders: stringArray(raw.department_leader),
  });
}

function decodeRef(api: string, raw: Raw): DepartmentRef {
  return {
    id: reqInt(api, raw, 'id'),
    parentId: optInt(raw.parentid) ?? 0,
    order: optInt(raw.order) ?? 0,
  };
}

export function createDepartmentApi(r: Requester) {
  return {
    /** The department `id` and all its descendants (whole visible org when omitted). */
    async list(id?: number): Promise<Department[]> {
      const api = 'department/list';
      const body = await r.call({
        api,
        method: 'GET',
        query: { id },
        auth: true,
        idempotent: true,
      });
      return asArray(body.department).map((d) => decodeDepartment(api, asObject(d)));
    },
    /** Ids, parents and order only — the cheap way to walk the tree (doc /95350). */
    async simplelist(id?: number): Promise<DepartmentRef[]> {
      const api = 'department/simplelist';
      const body = await r.call({
        api,
        method: 'GET',
        query: { id },
        auth: true,
        idempotent: true,
      });
      return asArray(body.department_id).map((d) => decodeRef(api, asObject(d)));
    },
    async get(id: number): Promise<Department> {
      const api = 'department/get';
      const body = await r.call({
        api,
        method: 'GET',
        query: { id },
        auth: true,
        idempotent: true,
      });
      return decodeDepartment(api, asObject(body.department));
    },
  };
}
